import { assess } from './assessment';
import { cardContext } from './card-context';
import type { HookCall } from './hook-call';
import { renderHistoryCard } from './cards';
import { SERVICE_IDS, type HookResponse } from '../contract/cds-hooks';
import { promptFor } from './prompt-record';
import { savePromptsWithinBudget } from './save-within-budget';

/** patient-view: one information card with the patient's recognisable external results, before any order. */
export async function patientViewHandler({
  request,
  caller,
  locale,
  services,
  startedAt,
  signal,
}: HookCall): Promise<HookResponse> {
  const assessment = await assess(request, 'history', caller, services, startedAt);
  if ('nothing' in assessment) return { cards: [] };
  const rendered = renderHistoryCard(
    assessment.verdicts,
    cardContext(assessment, locale, services, request.context.patientId),
  );
  if (!rendered) return { cards: [] };
  const prompt = promptFor(
    rendered,
    request,
    SERVICE_IDS.patientView,
    assessment,
    { orderRef: null, itemCode: null, presentation: 'inform' },
    services.clock(),
  );
  await savePromptsWithinBudget(services, [prompt], assessment.configuration.timeZone, signal);
  return { cards: [rendered.card] };
}

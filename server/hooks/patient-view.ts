import { assess } from './resolve';
import { cardContext } from './card-context';
import type { HookCall } from './hook-call';
import { renderHistoryCard } from './cards';
import { SERVICE_IDS, type HookResponse } from '../contract/cds-hooks';
import { promptFor } from '../pipeline/prompt-record';
import { savePromptsWithinBudget } from '../pipeline/save-within-budget';

/** patient-view: one information card with the patient's recognisable external results, before any order. */
export async function patientViewHandler({
  input: request,
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
    { id: rendered.card.uuid, offered: rendered.offered },
    { serviceId: SERVICE_IDS.patientView, hookInstance: request.hookInstance },
    assessment,
    { orderRef: null, itemCode: null, presentation: 'inform' },
    services.clock(),
  );
  await savePromptsWithinBudget(services, [prompt], assessment.configuration.timeZone, signal);
  return { cards: [rendered.card] };
}

import type { Locale } from '../i18n';
import type { Services } from '../services';
import { assess, type Caller } from './assessment';
import { cardContext } from './card-context';
import { renderHistoryCard } from './cards';
import type { HookRequest, HookResponse } from '../contract/cds-hooks';
import { SERVICE_IDS } from '../contract/cds-hooks';
import { promptFor } from './prompt-record';
import { savePromptsWithinBudget } from './save-within-budget';

/** patient-view: one information card with the patient's recognisable external results, before any order. */
export async function patientViewHandler(
  request: HookRequest,
  caller: Caller,
  locale: Locale,
  services: Services,
  startedAt: number,
  signal: AbortSignal,
): Promise<HookResponse> {
  const assessment = await assess(request, 'history', caller, services, startedAt);
  if ('nothing' in assessment) return { cards: [] };
  const rendered = renderHistoryCard(assessment.verdicts, cardContext(assessment, locale, services, request.context.patientId));
  if (!rendered) return { cards: [] };
  const prompt = promptFor(rendered, request, SERVICE_IDS.patientView, assessment, { orderRef: null, itemCode: null, presentation: 'inform' }, services.clock());
  await savePromptsWithinBudget(services, [prompt], signal);
  return { cards: [rendered.card] };
}

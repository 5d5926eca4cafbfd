import { randomUUID } from 'node:crypto';
import { localDate } from '../../rules';
import { logUnexplainedRepeats, orderHistory, savePrompts, type Prompt } from '../store/prompts';
import { assess } from './resolve';
import { ensureInBudget } from '../pipeline/budget';
import { cardContext } from './card-context';
import type { HookCall } from './hook-call';
import { hasCard, renderOrderCard } from './cards';
import { SERVICE_IDS, type Card, type HookResponse } from '../contract/cds-hooks';
import { orderKeys, promptFor } from '../pipeline/prompt-record';
import { asSignReminder } from './sign-reminder';
import { savePromptsWithinBudget } from '../pipeline/save-within-budget';

/**
 * order-select and order-sign, top to bottom: assess (validate was done by the route) → skip orders
 * already decided → render a card per order with a recognisable result → store the prompts and, at
 * signing, the unexplained repeats → answer.
 */
export async function orderHookHandler({
  serviceId,
  input: request,
  caller,
  locale,
  services,
  startedAt,
  signal,
}: HookCall): Promise<HookResponse> {
  const signing = serviceId === SERVICE_IDS.orderSign;
  const assessment = await assess(request, signing ? 'all-drafts' : 'selections', caller, services, startedAt);
  if ('nothing' in assessment) return { cards: [] };
  const { patientKey } = assessment;
  const { timeZone } = assessment.configuration;

  const repeats = assessment.verdicts.filter(hasCard);
  const now = services.clock();
  const keyOf = orderKeys(assessment, localDate(now, timeZone));
  const earlier = signing
    ? await orderHistory(
        services.reader,
        repeats.flatMap((verdict) => keyOf(verdict) ?? []),
      )
    : [];
  const decided = new Set(earlier.filter((entry) => entry.decided).map((entry) => entry.orderKey));
  // Prompted before (at order-select) and still undecided: the card at signing is a reminder, not the same card again.
  const prompted = new Set(earlier.map((entry) => entry.orderKey));

  const context = cardContext(assessment, locale, services, request.context.patientId);
  const prompts: Prompt[] = [];
  const cards: Card[] = [];
  for (const verdict of repeats) {
    const order = assessment.orders.find((candidate) => candidate.orderId === verdict.orderId);
    if (!order || decided.has(keyOf(verdict) ?? '')) continue;
    const uuid = randomUUID();
    const appToken = services.decisionTokens.issue({
      promptId: uuid,
      hospitalId: assessment.hospital.id,
      patientKey,
      fhirServer: request.fhirServer ?? null,
    });
    // One card that cannot be rendered never takes the patient's other cards down.
    let card: ReturnType<typeof renderOrderCard>;
    try {
      card = renderOrderCard(verdict, order, context, { uuid, appToken });
    } catch (error) {
      services.logger.error({ err: error, item: verdict.item?.code }, 'a card could not be rendered; left out');
      continue;
    }
    if (!card) continue;
    const rendered = prompted.has(keyOf(verdict) ?? '')
      ? asSignReminder(
          card,
          verdict,
          verdict.item ? context.itemName(verdict.item) : (order.label ?? ''),
          context.messages,
        )
      : card;
    prompts.push(
      promptFor(
        { id: rendered.card.uuid, offered: rendered.offered },
        { serviceId, hookInstance: request.hookInstance },
        assessment,
        { orderRef: order.orderRef, itemCode: verdict.itemCode, presentation: verdict.presentation },
        now,
      ),
    );
    cards.push(rendered.card);
  }

  // One unexplained repeat per order, however many times it was prompted and signed. An emergency
  // order may be repeated without a word (001: 患者处于急诊、急救等紧急状态下的), and a panel whose
  // analytes were done is not a repeat of the panel.
  const stillRepeated = new Set(
    repeats.filter((verdict) => verdict.presentation === 'prompt' && verdict.recognisable.length > 0).map(keyOf),
  );
  const alreadyLogged = new Set(earlier.filter((entry) => entry.unexplainedLogged).map((entry) => entry.orderKey));
  const firstPromptOf = new Map<string, string>();
  for (const entry of earlier) {
    if (decided.has(entry.orderKey) || alreadyLogged.has(entry.orderKey) || !stillRepeated.has(entry.orderKey))
      continue;
    if (!firstPromptOf.has(entry.orderKey)) firstPromptOf.set(entry.orderKey, entry.promptId);
  }
  const unexplained = [...firstPromptOf.values()].map((promptId) => ({
    promptId,
    hospitalId: assessment.hospital.id,
    hookInstance: request.hookInstance,
  }));

  // The EHR may already have its answer without these cards: then store nothing it never saw.
  if (unexplained.length === 0) {
    await savePromptsWithinBudget(services, prompts, timeZone, signal);
  } else {
    ensureInBudget(signal);
    await services.db.transaction(async (trx) => {
      await savePrompts(trx, prompts, timeZone);
      await logUnexplainedRepeats(trx, unexplained, now, timeZone);
      ensureInBudget(signal);
    });
  }
  return { cards };
}

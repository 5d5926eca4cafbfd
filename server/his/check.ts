import { randomUUID } from 'node:crypto';
import type { Candidate } from '../../rules';
import type { Caller } from '../auth/caller';
import { HIS_SERVICE_ID, type HisCheckAnswer, type HisCheckInput, type HisOrderAnswer } from '../contract/his';
import type { OfferedCandidate } from '../contract/quality';
import { hasCard, offerOf } from '../hooks/cards';
import { messages as messagesFor, type Locale } from '../i18n';
import type { PipelineCall } from '../pipeline/call';
import { contentWords } from '../pipeline/order-content';
import { promptFor } from '../pipeline/prompt-record';
import { assessResolution } from '../pipeline/resolution';
import { savePromptsWithinBudget } from '../pipeline/save-within-budget';
import type { HisClient } from '../store/his-clients';
import type { Prompt } from '../store/prompts';
import type { StoredResult } from '../store/results';
import { reasonTable, renderHisOrder } from './popup';
import { hisOrderRef, resolveHisCheck } from './resolve';

/** One check on the shared stages; the client is the HIS registration the signature proved. */
export interface HisCall extends PipelineCall<HisCheckInput> {
  readonly client: Pick<HisClient, 'id' | 'name' | 'hospitalId'>;
}

/** Who reads the patient's results through the HIS channel, as the access log and the own-patient rules know it. */
export function hisCaller(client: HisCall['client']): Caller {
  return {
    issuer: `his:${client.id}`,
    hospitalId: client.hospitalId,
    access: { kind: 'his-client', actor: client.id, name: client.name, endpoint: 'POST /his/v1/check' },
    readsAsUser: true,
  };
}

/**
 * The HIS channel on the shared stages: resolve (in the HIS's terms) → assess (the same rules) →
 * render (popup text and results instead of cards) → record (the same prompt rows, under `his-check`).
 * Orders that would get a card get a prompt and, where there is a repeat to decide, a decision page URL.
 */
export async function hisCheck(call: HisCall): Promise<HisCheckAnswer> {
  const { input, client, caller, locale, services, signal } = call;
  const resolution = await resolveHisCheck(input, client.hospitalId, services);
  const assessment = await assessResolution(resolution, 'selections', caller, services);
  const words = contentWords(locale, assessment.configuration);
  const checkId = randomUUID();
  const now = services.clock();
  const prompts: Prompt[] = [];
  const rendered = input.orders.map((order) => {
    const verdict = assessment.verdicts.find((candidate) => candidate.orderId === order.orderId);
    if (!verdict) throw new Error(`no verdict for order ${order.orderId}`);
    const answer = renderHisOrder(verdict, order, words);
    if (!hasCard(verdict)) return { answer, promptId: null, decidable: false };
    const offered: OfferedCandidate[] =
      verdict.recognisable.length > 0
        ? verdict.recognisable.map((candidate) => offerOf(candidate, null))
        : verdict.components.map((component) =>
            offerOf(component.recognisable[0] as Candidate<StoredResult>, null, component.item),
          );
    const promptId = randomUUID();
    prompts.push(
      promptFor(
        { id: promptId, offered },
        { serviceId: HIS_SERVICE_ID, hookInstance: checkId },
        assessment,
        { orderRef: hisOrderRef(order.orderId), itemCode: verdict.itemCode, presentation: verdict.presentation },
        now,
      ),
    );
    // A panel whose analytes were done has nothing to decide (as its card has no app link): the panel is still ordered.
    return { answer, promptId, decidable: verdict.recognisable.length > 0 };
  });
  await savePromptsWithinBudget(services, prompts, assessment.configuration.timeZone, signal);
  const orders: HisOrderAnswer[] = await Promise.all(
    rendered.map(async ({ answer, promptId, decidable }) => {
      if (!promptId || !decidable) return { ...answer, promptId, decisionUrl: null, decisionUrlExpiresAt: null };
      const ticket = await services.hisTokens.pageTicket(promptId, client.id);
      return {
        ...answer,
        promptId,
        decisionUrl: `${services.config.publicUrl}/his/v1/decision-page?ticket=${ticket.token}`,
        decisionUrlExpiresAt: ticket.expiresAt.toISOString(),
      };
    }),
  );
  return {
    checkId,
    hospital: { id: assessment.hospital.id, name: assessment.hospital.name },
    orders,
    reasons: reasonTable(words.messages),
    degraded: null,
  };
}

/** The answer when the budget ran out or Huren failed: every order as if Huren were not there. */
export function degradedCheck(
  input: HisCheckInput,
  client: HisCall['client'],
  reason: 'timeout' | 'failure',
  locale: Locale,
): HisCheckAnswer {
  return {
    checkId: randomUUID(),
    hospital: { id: client.hospitalId, name: client.hospitalId },
    orders: input.orders.map((order) => ({
      orderId: order.orderId,
      code: order.code,
      item: null,
      verdict: 'none',
      popupText: '',
      results: [],
      promptId: null,
      decisionUrl: null,
      decisionUrlExpiresAt: null,
    })),
    reasons: reasonTable(messagesFor(locale)),
    degraded: reason,
  };
}

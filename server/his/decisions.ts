import type { HisDecision, HisDecisionInput } from '../contract/his';
import { judgedPrompt } from '../decisions/prompt-context';
import { seenSigned } from '../decisions/signed';
import { isEditable } from '../decisions/view';
import { HttpError } from '../errors/http-error';
import { SYSTEMS } from '../fhir/systems';
import type { Messages } from '../i18n';
import type { Services } from '../services';
import { findDecision, recordDecision, type Decision, type StoredDecision } from '../store/decisions';
import { hisOrderEvents, noteHisOrderEvent } from '../store/his-clients';
import { logUnexplainedRepeats, promptsOfOrderRef, type Prompt } from '../store/prompts';
import { ownValue } from '../web/own-key';
import { hisOrderRef } from './resolve';

const OUTCOMES = { accepted: 'accepted', overridden: 'declined', withdrawn: 'cancelled' } as const;

async function promptsOf(services: Services, hospitalId: string, orderId: string): Promise<Prompt[]> {
  const prompts = await promptsOfOrderRef(services.reader, hospitalId, hisOrderRef(orderId));
  if (prompts.length === 0)
    throw new HttpError(
      404,
      'not-found',
      `没有医嘱 "${orderId.slice(0, 64)}" 的互认提示：只有互认检查给出提示（promptId）的医嘱才能回写或查询决定`,
      'orderId',
    );
  return prompts;
}

/** The decision in force on any of the order's prompts (the newest decided one), wherever it was taken. */
async function decisionOf(services: Services, prompts: readonly Prompt[]) {
  for (const prompt of prompts) {
    const decision = await findDecision(services.reader, prompt.id);
    if (decision) return { prompt, decision };
  }
  return { prompt: prompts[0] as Prompt, decision: null };
}

/** GET /his/v1/decisions: what became of an order, from the HIS popup or the decision page alike. */
export async function readHisDecision(
  services: Services,
  hospitalId: string,
  orderId: string,
  messages: Messages,
): Promise<HisDecision> {
  const prompts = await promptsOf(services, hospitalId, orderId);
  const { prompt, decision } = await decisionOf(services, prompts);
  const events = await hisOrderEvents(
    services.reader,
    prompts.map((each) => each.id),
  );
  const seen = (event: string) => prompts.some((each) => events.get(each.id)?.has(event) ?? false);
  const reference = await services.reference.current();
  const item = prompt.itemCode ? reference.catalog.get(prompt.itemCode) : undefined;
  const inForce = decision && decision.outcome !== 'withdrawn' ? decision : null;
  return {
    orderId,
    promptId: prompt.id,
    item: { code: prompt.itemCode ?? '', name: item?.nameZh ?? prompt.itemCode ?? '' },
    outcome: decision ? OUTCOMES[decision.outcome] : null,
    resultId: inForce?.resultId ?? null,
    reasonCode: inForce?.reason?.code ?? null,
    reasonText:
      inForce?.explanation ??
      (inForce?.reason ? (ownValue(messages.exceptionReasons, inForce.reason.code) ?? null) : null),
    complete: decision?.complete ?? false,
    decidedBy: decision?.practitionerName ?? decision?.practitionerRef ?? null,
    decidedAt: decision?.decidedAt ?? null,
    source: decision?.source ?? null,
    viewed: seen('viewed'),
    signed: await seenSigned(services.reader, prompt),
  };
}

function decisionFrom(
  input: HisDecisionInput,
  prompt: Prompt,
  decidedAt: string,
  afterSigning: boolean,
): Decision | null {
  const base = {
    promptId: prompt.id,
    hospitalId: prompt.hospitalId,
    practitionerRef: `his-doctor/${input.doctorId}`,
    practitionerName: input.doctorName ?? null,
    source: 'his-popup' as const,
    decidedAt,
    writeBack: null,
    afterSigning,
  };
  switch (input.action) {
    case 'accepted':
      return {
        ...base,
        outcome: 'accepted',
        resultId: input.resultId ?? null,
        reason: null,
        explanation: null,
        notification: null,
        complete: true,
      };
    case 'declined':
      return {
        ...base,
        outcome: 'overridden',
        resultId: null,
        reason: input.reasonCode ? { system: SYSTEMS.exceptionReason, code: input.reasonCode, display: null } : null,
        explanation: input.reasonText ?? null,
        notification: input.notification ?? null,
        // 003: the patient must be told why the examination is repeated; until the HIS says how, it is incomplete.
        complete: input.notification !== undefined,
      };
    default:
      return null;
  }
}

/**
 * POST /his/v1/decisions: what the doctor did in the HIS's own popup. Accepted and declined become the
 * same decision records as the app's (the same quality figures); viewed and signed are noted; signed
 * without any decision is an unexplained repeat, as at order-sign. Saying the same thing twice changes nothing.
 */
export async function writeHisDecision(
  services: Services,
  hospitalId: string,
  input: HisDecisionInput,
  messages: Messages,
): Promise<HisDecision> {
  const prompts = await promptsOf(services, hospitalId, input.orderId);
  const { prompt: decidedPrompt, decision } = await decisionOf(services, prompts);
  const prompt = decision ? decidedPrompt : (prompts[0] as Prompt);
  const now = services.clock();
  const at = input.at ?? now.toISOString();
  const { timeZone } = services.config;
  if (input.action === 'viewed' || input.action === 'signed') {
    await services.db.transaction(async (trx) => {
      await noteHisOrderEvent(trx, prompt.id, input.action as 'viewed' | 'signed', at, input.doctorId);
      if (input.action === 'signed' && !decision && prompt.presentation === 'prompt' && prompt.candidates.length > 0)
        await logUnexplainedRepeats(
          trx,
          [{ promptId: prompt.id, hospitalId, hookInstance: prompt.hookInstance }],
          now,
          timeZone,
        );
    });
    return readHisDecision(services, hospitalId, input.orderId, messages);
  }
  const judged = await judgedPrompt(services, prompt);
  if (!isEditable(judged, now, judged.configuration.timeZone))
    throw new HttpError(409, 'locked', '决定只能在作出当日修改');
  if (input.action === 'accepted') {
    const recognisable = judged.verdict.recognisable.some((candidate) => candidate.result.id === input.resultId);
    const sameAsBefore = decision?.outcome === 'accepted' && decision.resultId === input.resultId;
    if (!recognisable && !sameAsBefore)
      throw new HttpError(
        409,
        'not-recognisable',
        '该结果现已不可互认（或不属于这条医嘱）：请重新调用互认检查',
        'resultId',
      );
  }
  if (input.action === 'cancelled' && (!decision || decision.outcome === 'withdrawn'))
    return readHisDecision(services, hospitalId, input.orderId, messages);
  const signed = await seenSigned(services.reader, prompt);
  const next: Decision = decisionFrom(input, prompt, at, signed) ?? withdrawal(decision as StoredDecision, input, at);
  await services.db.transaction((trx) => recordDecision(trx, next, now, timeZone));
  return readHisDecision(services, hospitalId, input.orderId, messages);
}

/** cancelled: the doctor took back the decision in the HIS (the order stays to be decided again). */
function withdrawal(current: StoredDecision, input: HisDecisionInput, decidedAt: string): Decision {
  return {
    promptId: current.promptId,
    hospitalId: current.hospitalId,
    outcome: 'withdrawn',
    resultId: null,
    reason: null,
    explanation: null,
    notification: null,
    practitionerRef: `his-doctor/${input.doctorId}`,
    practitionerName: input.doctorName ?? null,
    source: 'his-popup',
    complete: true,
    decidedAt,
    writeBack: null,
  };
}

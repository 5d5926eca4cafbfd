import { EXCEPTION_REASONS, type ExceptionReason } from '../../rules';
import { OperationOutcomeError, badRequest, invalidInput, outcome } from '../errors/operation-outcome';
import { SYSTEMS } from '../fhir/systems';
import { feedbackSchema, type FeedbackItem } from '../hooks/cds-hooks';
import type { Caller } from '../hooks/assessment';
import type { Services } from '../services';
import { findDecision, recordDecision, type Decision } from '../store/decisions';
import { findPrompts, type Prompt } from '../store/prompts';

export function feedbackValidator(body: unknown): FeedbackItem[] {
  const parsed = feedbackSchema.safeParse(body);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data.feedback;
}

function isExceptionReason(code: string): code is ExceptionReason {
  return (EXCEPTION_REASONS as readonly string[]).includes(code);
}

/** Turns one feedback entry about one of our cards into the decision it records. */
function decisionFrom(item: FeedbackItem, position: number, prompt: Prompt): Decision {
  const base = {
    promptId: prompt.id,
    hospitalId: prompt.hospitalId,
    practitionerRef: null,
    practitionerName: null,
    writeBack: null,
    source: 'cds-feedback' as const,
    decidedAt: new Date(item.outcomeTimestamp).toISOString(),
    notification: null,
  };
  if (item.outcome === 'accepted') {
    const suggestionId = item.acceptedSuggestions?.[0]?.id;
    const candidate = prompt.candidates.find((offered) => offered.suggestionId !== null && offered.suggestionId === suggestionId);
    if (!candidate) throw badRequest(`feedback[${position}].acceptedSuggestions[0].id: not a suggestion of card ${prompt.id}`, `feedback[${position}].acceptedSuggestions[0].id`);
    return { ...base, outcome: 'accepted', resultId: candidate.resultId, reason: null, explanation: null, complete: true };
  }
  const reason = item.overrideReason?.reason;
  if (reason?.system === SYSTEMS.exceptionReason && !isExceptionReason(reason.code)) {
    throw badRequest(`feedback[${position}].overrideReason.reason.code: "${reason.code}" is not one of the card's override reasons`, `feedback[${position}].overrideReason.reason.code`);
  }
  const explanation = item.overrideReason?.userComment?.trim() || null;
  return {
    ...base,
    outcome: 'overridden',
    resultId: null,
    // A reason from the EHR's own list is kept as sent; the quality console shows it as not mapped.
    reason: reason ? { system: reason.system, code: reason.code, display: reason.display ?? null } : null,
    explanation,
    // Feedback never carries the patient notification, and may lack the explanation its reason needs
    // (continuous monitoring: the disease; other: the text): kept, nothing lost, but open for the app to
    // complete; until then the quality figures count it as non-recognition (server/quality/order-records.ts).
    complete: false,
  };
}

/**
 * https://cds-hooks.hl7.org/2.0/#feedback — records accepted / overridden as one decision per card.
 * The whole request is checked before anything is written; repeating feedback changes nothing.
 */
export async function feedbackHandler(serviceId: string, items: FeedbackItem[], caller: Caller, services: Services): Promise<void> {
  const prompts = new Map((await findPrompts(services.reader, items.map((item) => item.card))).map((prompt) => [prompt.id, prompt]));
  const decisions = items.map((item, position) => {
    const prompt = prompts.get(item.card);
    // Another service's or another hospital's card is "unknown" here: nothing about it is revealed.
    if (!prompt || prompt.serviceId !== serviceId || (caller.hospitalId !== null && prompt.hospitalId !== caller.hospitalId)) {
      throw new OperationOutcomeError(
        404,
        outcome({ severity: 'error', code: 'not-found', diagnostics: `feedback[${position}].card: no card "${item.card}" was issued by ${serviceId}`, expression: [`feedback[${position}].card`] }),
      );
    }
    return decisionFrom(item, position, prompt);
  });
  const now = services.clock();
  const recorded = await services.db.transaction(async (trx) => {
    const changed: Decision[] = [];
    for (const decision of decisions) {
      const current = await findDecision(trx, decision.promptId);
      // Never let the EHR's later echo of the same outcome wipe out what the doctor completed in the app,
      // and never let older news overwrite newer.
      if (current && current.source === 'smart-app' && current.outcome === decision.outcome) continue;
      if (current && Date.parse(current.decidedAt) > Date.parse(decision.decidedAt)) continue;
      if ((await recordDecision(trx, decision, now, services.config.timeZone)).changed) changed.push(decision);
    }
    return changed;
  });
  for (const decision of recorded) services.metrics.feedbackRecorded.inc({ outcome: decision.outcome });
}

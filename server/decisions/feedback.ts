import { EXCEPTION_REASONS, type ExceptionReason } from '../../rules';
import { z } from 'zod';
import { badRequest, invalidInput, outcome } from '../errors/operation-outcome';
import { HttpError } from '../errors/http-error';
import { type OutcomeIssue } from '../contract/errors';
import { SYSTEMS } from '../fhir/systems';
import { feedbackItemSchema, type FeedbackItem } from '../contract/cds-hooks';
import type { Caller } from '../auth/caller';
import type { Services } from '../services';
import { findDecision, recordDecision, type Decision } from '../store/decisions';
import { findPrompts, type Prompt } from '../store/prompts';

/** Each entry checked on its own: one bad entry must not cost the others their record. */
const feedbackBatchSchema = z.looseObject({ feedback: z.array(z.unknown()).min(1).max(100) });

export type FeedbackEntry = { readonly item: FeedbackItem } | { readonly refused: HttpError };

export function feedbackValidator(body: unknown): FeedbackEntry[] {
  const parsed = feedbackBatchSchema.safeParse(body);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data.feedback.map((entry, position) => {
    const item = feedbackItemSchema.safeParse(entry);
    return item.success ? { item: item.data } : { refused: invalidInput(item.error, `feedback[${position}]`) };
  });
}

function isExceptionReason(code: string): code is ExceptionReason {
  return (EXCEPTION_REASONS as readonly string[]).includes(code);
}

/** Turns one feedback entry about one of our cards into the decision it records. */
function decisionFrom(item: FeedbackItem, position: number, prompt: Prompt): Decision {
  const base = {
    promptId: prompt.id,
    hospitalId: prompt.hospitalId,
    // The card was answered in the session of the user it was raised for: the doctor the EHR named.
    practitionerRef: prompt.userRef,
    practitionerName: prompt.practitionerName,
    writeBack: null,
    source: 'cds-feedback' as const,
    decidedAt: new Date(item.outcomeTimestamp).toISOString(),
    notification: null,
  };
  if (item.outcome === 'accepted') {
    const suggestionId = item.acceptedSuggestions?.[0]?.id;
    const candidate = prompt.candidates.find(
      (offered) => offered.suggestionId !== null && offered.suggestionId === suggestionId,
    );
    if (!candidate)
      throw badRequest(
        `feedback[${position}].acceptedSuggestions[0].id: not a suggestion of card ${prompt.id}`,
        `feedback[${position}].acceptedSuggestions[0].id`,
      );
    return {
      ...base,
      outcome: 'accepted',
      resultId: candidate.resultId,
      reason: null,
      explanation: null,
      complete: true,
    };
  }
  const reason = item.overrideReason?.reason;
  if (reason?.system === SYSTEMS.exceptionReason && !isExceptionReason(reason.code)) {
    throw badRequest(
      `feedback[${position}].overrideReason.reason.code: "${reason.code}" is not one of the card's override reasons`,
      `feedback[${position}].overrideReason.reason.code`,
    );
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
    // complete; until then the quality figures count it as non-recognition (server/store/quality-orders.ts).
    complete: false,
  };
}

/** An entry of the batch that was not recorded, and why (answered with the entries that were). */
export interface RefusedFeedback {
  readonly index: number;
  readonly card: string | null;
  readonly status: number;
  readonly issue: readonly OutcomeIssue[];
}

/** The EHR's clock may run a little ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The EHR's outcome time, unless it lies in the future (it would freeze the decision against every
 * later correction) or before the card existed (it would backdate it): then the time we received it.
 */
function trustedDecisionTime(claimed: string, cardCreatedAt: string, now: Date): string {
  const at = Date.parse(claimed);
  return at > now.getTime() + CLOCK_SKEW_MS || at < Date.parse(cardCreatedAt) ? now.toISOString() : claimed;
}

/**
 * https://cds-hooks.hl7.org/2.0/#feedback — records accepted / overridden as one decision per card.
 * Each entry stands alone: the valid ones are recorded and the answer lists the refused ones with
 * their reasons; when none is valid the request is refused as a whole (404 or 400, as the first).
 * Repeating feedback changes nothing.
 */
export async function feedbackHandler(
  serviceId: string,
  entries: FeedbackEntry[],
  caller: Caller,
  services: Services,
): Promise<{ refused?: RefusedFeedback[] }> {
  const cards = entries.flatMap((entry) => ('item' in entry ? [entry.item.card] : []));
  const prompts = new Map((await findPrompts(services.reader, cards)).map((prompt) => [prompt.id, prompt]));
  const now = services.clock();
  const decisions: Decision[] = [];
  const refused: (RefusedFeedback & { error: HttpError })[] = [];
  for (const [position, entry] of entries.entries()) {
    const refuse = (error: HttpError, card: string | null) =>
      refused.push({ index: position, card, status: error.status, issue: error.outcome.issue, error });
    if ('refused' in entry) {
      refuse(entry.refused, null);
      continue;
    }
    const { item } = entry;
    const prompt = prompts.get(item.card);
    // Another service's or another hospital's card is "unknown" here: nothing about it is revealed.
    if (
      !prompt ||
      prompt.serviceId !== serviceId ||
      (caller.hospitalId !== null && prompt.hospitalId !== caller.hospitalId)
    ) {
      refuse(
        HttpError.withOutcome(
          404,
          outcome({
            severity: 'error',
            code: 'not-found',
            diagnostics: `feedback[${position}].card: no card "${item.card}" was issued by ${serviceId}`,
            expression: [`feedback[${position}].card`],
          }),
        ),
        item.card,
      );
      continue;
    }
    try {
      const decision = decisionFrom(item, position, prompt);
      decisions.push({ ...decision, decidedAt: trustedDecisionTime(decision.decidedAt, prompt.createdAt, now) });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      refuse(error, item.card);
    }
  }
  if (decisions.length === 0) {
    const [first] = refused;
    if (!first) throw badRequest('feedback: no entries', 'feedback');
    throw HttpError.withOutcome(first.status, outcome(...refused.flatMap((entry) => entry.issue)));
  }
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
  return refused.length > 0 ? { refused: refused.map(({ error: _error, ...entry }) => entry) } : {};
}

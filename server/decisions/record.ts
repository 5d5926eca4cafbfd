import { HttpError } from '../errors/http-error';
import { SYSTEMS } from '../fhir/systems';
import { messages as messagesFor, type Locale } from '../i18n';
import type { Services } from '../services';
import { recordDecision, recordWriteBack, type Decision } from '../store/decisions';
import { loadPromptContext, type PromptContext } from './prompt-context';
import { seenSigned } from './signed';
import type { DecisionAnswer, DecisionInput, WriteBackInput } from '../contract/decisions';
import { decisionView, isEditable, writeBackFor } from './view';

function decisionFrom(input: DecisionInput, context: PromptContext, now: Date, afterSigning: boolean): Decision {
  const base = {
    promptId: context.prompt.id,
    hospitalId: context.prompt.hospitalId,
    practitionerRef: input.practitioner.ref,
    practitionerName: input.practitioner.name,
    source: 'smart-app' as const,
    complete: true,
    decidedAt: now.toISOString(),
    writeBack: null,
    afterSigning,
  };
  switch (input.outcome) {
    case 'accepted':
      // Only a result that is recognisable today may be accepted, whatever the card showed earlier.
      if (!context.verdict.recognisable.some((candidate) => candidate.result.id === input.resultId)) {
        throw new HttpError(
          409,
          'not-recognisable',
          'this result is not (or no longer) recognisable for this order',
          'resultId',
        );
      }
      return {
        ...base,
        outcome: 'accepted',
        resultId: input.resultId,
        reason: null,
        explanation: null,
        notification: null,
      };
    case 'overridden':
      return {
        ...base,
        outcome: 'overridden',
        resultId: null,
        reason: { system: SYSTEMS.exceptionReason, code: input.reason, display: null },
        explanation: input.explanation,
        notification: input.notification,
      };
    case 'withdrawn':
      return { ...base, outcome: 'withdrawn', resultId: null, reason: null, explanation: null, notification: null };
  }
}

async function answer(
  services: Services,
  promptId: string,
  authorization: string | undefined,
  locale: Locale,
): Promise<DecisionAnswer> {
  const context = await loadPromptContext(services, promptId, authorization);
  const messages = messagesFor(locale);
  if (!context.decision) throw new Error(`decision of ${promptId} vanished after it was written`);
  return {
    decision: decisionView(context.decision, messages),
    history: context.history.map((version) => decisionView(version, messages)),
    editable: isEditable(context, services.clock(), context.configuration.timeZone),
    writeBackResource: writeBackFor(context, messages, context.configuration.timeZone),
  };
}

/** The doctor accepts a result, records an exception with the patient notification, or takes the decision back. */
export async function recordDecisionHandler(
  services: Services,
  promptId: string,
  authorization: string | undefined,
  input: DecisionInput,
  locale: Locale,
): Promise<DecisionAnswer> {
  const context = await loadPromptContext(services, promptId, authorization);
  const now = services.clock();
  if (!isEditable(context, now, context.configuration.timeZone)) {
    throw new HttpError(409, 'locked', 'a decision can only be changed on the day it was made');
  }
  if (input.outcome === 'withdrawn' && (!context.decision || context.decision.outcome === 'withdrawn')) {
    throw new HttpError(409, 'nothing-to-withdraw', 'there is no decision to take back');
  }
  // A withdrawal saves or costs nothing; a decision on a signed order comes too late to spare the examination.
  const afterSigning =
    input.outcome !== 'withdrawn' &&
    (input.orderSigned === true || (await seenSigned(services.reader, context.prompt)));
  await services.db.transaction((trx) =>
    recordDecision(trx, decisionFrom(input, context, now, afterSigning), now, context.configuration.timeZone),
  );
  return answer(services, promptId, authorization, locale);
}

/** Records whether the EHR took the accepted result into its record; the decision stands either way. */
export async function recordWriteBackHandler(
  services: Services,
  promptId: string,
  authorization: string | undefined,
  input: WriteBackInput,
  locale: Locale,
): Promise<DecisionAnswer> {
  const context = await loadPromptContext(services, promptId, authorization);
  const current = context.decision;
  if (current?.outcome !== 'accepted')
    throw new HttpError(409, 'not-accepted', 'only an accepted result is written back');
  const written = await services.db.transaction((trx) =>
    recordWriteBack(trx, promptId, current.version, { status: input.status, detail: input.detail }),
  );
  // The doctor changed the decision meanwhile: what was written back belongs to a version no longer in force.
  if (!written) throw new HttpError(409, 'not-accepted', 'the decision changed while its result was written back');
  return answer(services, promptId, authorization, locale);
}

import type { DecisionAnswer, DecisionInput, DecisionView, PromptView } from '../../../server/contract/decisions';

/** The decision API's types as the screens use them (the server's schemas are their one source). */
export type { DecisionAnswer, DecisionInput, DecisionView, PromptView };

export type OverrideInput = Extract<DecisionInput, { outcome: 'overridden' }>;
export type ExceptionReason = OverrideInput['reason'];
export type PatientNotification = OverrideInput['notification'];
export type NotifiedParty = PatientNotification['party'];
export type NotificationMethod = PatientNotification['method'];
export type Practitioner = OverrideInput['practitioner'];
export type RecognisableResult = PromptView['recognisable'][number];
export type ExcludedResult = PromptView['excluded'][number];
export type Report = RecognisableResult['report'];

export const NOTIFIED_PARTIES = ['patient', 'family', 'guardian'] as const satisfies readonly NotifiedParty[];
export const NOTIFICATION_METHODS = [
  'verbal',
  'written',
  'electronic',
] as const satisfies readonly NotificationMethod[];

/**
 * Whose results the card offers: external ones (mutual recognition), the ordering hospital's own
 * earlier ones (本院: a reminder, never called 外院), or both.
 */
export type ResultOrigin = 'external' | 'own' | 'mixed';

export function originOf(results: readonly { readonly own: boolean }[]): ResultOrigin {
  const own = results.filter((result) => result.own).length;
  if (own === 0) return 'external';
  return own === results.length ? 'own' : 'mixed';
}

/** The decision in force: a taken-back decision leaves the card open again. */
export function activeDecision(view: Pick<PromptView, 'decision'>): DecisionView | null {
  return view.decision && view.decision.outcome !== 'withdrawn' ? view.decision : null;
}

/** An answer to a decision or write-back carries everything about the decision; the rest of the view stays. */
export function withAnswer(view: PromptView, answer: DecisionAnswer): PromptView {
  return {
    ...view,
    decision: answer.decision,
    history: answer.history,
    editable: answer.editable,
    writeBackResource: answer.writeBackResource,
  };
}

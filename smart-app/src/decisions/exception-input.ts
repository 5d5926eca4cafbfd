import dayjs, { type Dayjs } from 'dayjs';
import { NOTIFIED_BY_MAX_LENGTH } from '../../../server/contract/decisions';
import type { Messages } from '../i18n/zh-CN';
import type {
  DecisionView,
  ExceptionReason,
  NotificationMethod,
  NotifiedParty,
  OverrideInput,
  PromptView,
} from './model';

/** The exception form as the doctor fills it in: anything may still be missing. */
export interface ExceptionValues {
  readonly reason: ExceptionReason | null;
  readonly explanation: string;
  readonly party: NotifiedParty | null;
  readonly method: NotificationMethod | null;
  readonly notifiedAt: Dayjs | null;
  /** Null until the doctor types a name: the launch user's name stands in. */
  readonly notifiedBy: string | null;
}

/** The form's fields, named by their path in the decision input, as the server names them in a 400. */
export const EXCEPTION_FIELDS = [
  'reason',
  'explanation',
  'notification.party',
  'notification.method',
  'notification.notifiedAt',
  'notification.notifiedBy',
] as const;
export type ExceptionField = (typeof EXCEPTION_FIELDS)[number];
export type FieldErrors = Partial<Record<ExceptionField, string>>;

export const isExceptionField = (field: string): field is ExceptionField =>
  (EXCEPTION_FIELDS as readonly string[]).includes(field);

type ReasonsOf = Pick<PromptView, 'exceptionReasons' | 'explanationMaxLength'>;

/**
 * The form to start from: the decision being changed or completed (an override recorded through the
 * EHR's card feedback carries the reason, not the notification), else blank and notified now.
 */
export function initialValues(decision: DecisionView | null, prompt: ReasonsOf, now: Dayjs): ExceptionValues {
  const code = decision?.outcome === 'overridden' ? decision.reason?.code : undefined;
  // Only our own codes can be chosen again; an EHR's own reason code is left for the doctor to map.
  const reason = prompt.exceptionReasons.find((candidate) => candidate.code === code)?.code ?? null;
  const notification = decision?.outcome === 'overridden' ? decision.notification : null;
  return {
    reason,
    explanation: decision?.outcome === 'overridden' ? (decision.explanation ?? '') : '',
    party: notification?.party ?? null,
    method: notification?.method ?? null,
    notifiedAt: notification ? dayjs(notification.notifiedAt) : now,
    notifiedBy: notification?.notifiedBy ?? null,
  };
}

export type ExceptionCheck = { readonly input: Omit<OverrideInput, 'practitioner'> } | { readonly errors: FieldErrors };

/** Everything the server will check, checked first here, so the doctor sees it at once and in words. */
export function checkException(
  values: ExceptionValues,
  prompt: ReasonsOf,
  messages: Messages,
  defaultNotifiedBy: string,
): ExceptionCheck {
  const text = messages.exception.errors;
  const errors: FieldErrors = {};
  const reason = prompt.exceptionReasons.find((candidate) => candidate.code === values.reason);
  const explanation = values.explanation.trim();
  const notifiedBy = (values.notifiedBy ?? defaultNotifiedBy).trim();
  if (!reason) errors.reason = text.reasonRequired;
  if (reason?.needsExplanation && !explanation) errors.explanation = text.explanationRequired;
  if (explanation.length > prompt.explanationMaxLength)
    errors.explanation = text.explanationTooLong(prompt.explanationMaxLength);
  if (!values.party) errors['notification.party'] = text.partyRequired;
  if (!values.method) errors['notification.method'] = text.methodRequired;
  if (!values.notifiedAt) errors['notification.notifiedAt'] = text.notifiedAtRequired;
  else if (!values.notifiedAt.isValid()) errors['notification.notifiedAt'] = text.notifiedAtInvalid;
  if (!notifiedBy) errors['notification.notifiedBy'] = text.notifiedByRequired;
  if (notifiedBy.length > NOTIFIED_BY_MAX_LENGTH)
    errors['notification.notifiedBy'] = text.notifiedByTooLong(NOTIFIED_BY_MAX_LENGTH);
  if (!reason || !values.party || !values.method || !values.notifiedAt || Object.keys(errors).length > 0)
    return { errors };
  return {
    input: {
      outcome: 'overridden',
      reason: reason.code,
      explanation: explanation || null,
      // ISO 8601 with the browser's offset, as the API asks (the time the doctor saw).
      notification: { party: values.party, method: values.method, notifiedAt: values.notifiedAt.format(), notifiedBy },
    },
  };
}

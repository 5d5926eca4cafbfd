/**
 * Exception reasons (不互认理由): why a doctor repeats an examination despite a recognisable result.
 * The union of the national list (2022) and regional additions; two codes are recorded but do not
 * count as non-recognition in the quality statistics.
 */
export const EXCEPTION_REASONS = [
  'condition-changed',
  'rapid-change',
  'major-intervention',
  'emergency',
  'forensic-assessment',
  'quality-insufficient',
  'patient-request',
  'other',
  'images-not-received',
  'continuous-monitoring',
] as const;
export type ExceptionReason = (typeof EXCEPTION_REASONS)[number];

/** Recorded, but not counted as a refusal to recognise. */
export const NOT_COUNTED_AS_NON_RECOGNITION: ReadonlySet<ExceptionReason> = new Set([
  'images-not-received',
  'continuous-monitoring',
]);

/** "Other" must be explained; one deployed system caps the text at 200 characters. */
export const EXPLANATION_MAX_LENGTH = 200;

export function needsExplanation(reason: ExceptionReason): boolean {
  return reason === 'other' || reason === 'continuous-monitoring';
}

export function countsAsNonRecognition(reason: ExceptionReason): boolean {
  return !NOT_COUNTED_AS_NON_RECOGNITION.has(reason);
}

/**
 * Reason codes. Every order without a card and every result not offered has one, so "why was nothing
 * shown" can always be answered. The words for each code live in the server's message catalogs.
 */

/** Why an order gets no verdict on its results at all. */
export const ORDER_REFUSALS = ['item.unmapped', 'item.inactive', 'item.disabled'] as const;
export type OrderRefusal = (typeof ORDER_REFUSALS)[number];

/** Why one stored result of the ordered item is not recognisable. */
export const EXCLUSION_REASONS = [
  'status.not-final',
  'window.expired',
  'window.future',
  'institution.unknown',
  'qualification.none',
  'qualification.not-valid-on-date',
  'qualification.failed',
  'qualification.withdrawn',
  'qualification.overdue',
  'mark.missing',
  'scope.region',
  'scope.lower-level',
  'scope.off-list',
  'brand.not-stated',
  'method.not-stated',
  'method.mismatch',
  'panel.incomplete',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Recognisable, but the doctor should know. */
export const CANDIDATE_WARNINGS = ['method.differs', 'brand.differs'] as const;
export type CandidateWarning = (typeof CANDIDATE_WARNINGS)[number];

export type Check = { readonly ok: true } | { readonly ok: false; readonly reason: ExclusionReason };

export const PASS: Check = { ok: true };

export function fail(reason: ExclusionReason): Check {
  return { ok: false, reason };
}

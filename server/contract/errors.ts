import { z } from 'zod';

/**
 * Every code an error may carry: the JSON API sends it as `error.code`, the app turns it into a problem
 * kind. FHIR and CDS Hooks endpoints answer with an OperationOutcome instead (its issue types are FHIR's own).
 */
export const ERROR_CODES = [
  /** The input breaks the contract (a 400): `field` names where. */
  'invalid',
  /** An unknown field in a strict body (a 400). */
  'structure',
  'unauthenticated',
  'forbidden',
  'not-found',
  /** The prompt token's time is over; the app may renew it. */
  'expired',
  'hospital-unregistered',
  'locked',
  'not-accepted',
  'not-an-order-card',
  'not-own-patient',
  'not-recognisable',
  'not-renewable',
  'nothing-to-withdraw',
  'out-of-bounds',
  'unsupported',
  'rate-limited',
  'overloaded',
  /** The store is briefly unavailable (a 503): nothing was written. */
  'unavailable',
  /** Our own bug (a 500); the detail is in the log, never in the answer. */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/** The JSON API's error body (`/api/...`). */
export const errorBodySchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), field: z.string().nullable() }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** http://hl7.org/fhir/R4/operationoutcome.html — one issue, as we emit it on FHIR and CDS Hooks endpoints. */
export const outcomeIssueSchema = z
  .object({
    severity: z.enum(['fatal', 'error', 'warning', 'information']),
    /** http://hl7.org/fhir/R4/valueset-issue-type.html */
    code: z.string(),
    diagnostics: z.string(),
    expression: z.array(z.string()).readonly().optional(),
  })
  .readonly();
export type OutcomeIssue = z.infer<typeof outcomeIssueSchema>;

/** http://hl7.org/fhir/R4/operationoutcome.html */
export const operationOutcomeSchema = z
  .object({ resourceType: z.literal('OperationOutcome'), issue: z.array(outcomeIssueSchema).readonly() })
  .readonly();
export type OperationOutcome = z.infer<typeof operationOutcomeSchema>;

import type { ZodError } from 'zod';
import { isErrorCode, type ErrorBody, type ErrorCode, type OperationOutcome } from '../contract/errors';

/** FHIR's issue type for an error that names none of its own. */
function issueTypeOf(status: number): string {
  return status === 401 ? 'login' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'invalid';
}

/**
 * The one error handlers throw: the HTTP status, a code from the contract's enum, the message and the
 * field it names. The surface that mounted the route renders it (server/errors/handler.ts): under /api
 * as the JSON error body, on FHIR and CDS Hooks endpoints as `outcome`.
 */
export class HttpError extends Error {
  readonly outcome: OperationOutcome;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field: string | null = null,
    outcome?: OperationOutcome,
  ) {
    super(message);
    this.outcome = outcome ?? {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: issueTypeOf(status), diagnostics: message }],
    };
  }

  /** An error whose OperationOutcome says more than one code can (several issues, FHIR's own issue types). */
  static withOutcome(status: number, outcome: OperationOutcome): HttpError {
    const first = outcome.issue[0];
    return new HttpError(
      status,
      first && isErrorCode(first.code) ? first.code : 'invalid',
      first?.diagnostics ?? 'error',
      first?.expression?.[0] ?? null,
      outcome,
    );
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, field: this.field } };
  }
}

/** A zod path as a FHIRPath-like expression: `context.draftOrders.entry[0].resource`. */
export function pathExpression(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${String(part)}` : String(part);
  }, '');
}

/** Where an issue points: for an unknown field, the field itself rather than the object holding it. */
export function issuePath(issue: ZodError['issues'][number]): PropertyKey[] {
  return issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
    ? [...issue.path, issue.keys[0]]
    : [...issue.path];
}

export function apiInvalid(error: ZodError): HttpError {
  const first = error.issues[0];
  const field = first ? pathExpression(issuePath(first)) : '';
  return new HttpError(400, 'invalid', first ? `${field || 'body'}: ${first.message}` : 'invalid input', field || null);
}

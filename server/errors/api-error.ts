import type { ZodError } from 'zod';
import type { ErrorBody, ErrorCode } from '../contract/errors';
import { issuePath, pathExpression } from './operation-outcome';

/** The JSON API's error: `{error:{code,message,field}}` with the HTTP status beside it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, field: this.field } };
  }
}

export function apiInvalid(error: ZodError): ApiError {
  const first = error.issues[0];
  const field = first ? pathExpression(issuePath(first)) : '';
  return new ApiError(400, 'invalid', first ? `${field || 'body'}: ${first.message}` : 'invalid input', field || null);
}

import type { ZodError } from 'zod';
import type { OperationOutcome, OutcomeIssue } from '../contract/errors';
import { HttpError, issuePath, pathExpression } from './http-error';

export function outcome(...issue: OutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue };
}

function issue(code: string, diagnostics: string, expression?: string): OutcomeIssue {
  return expression
    ? { severity: 'error', code, diagnostics, expression: [expression] }
    : { severity: 'error', code, diagnostics };
}

export function badRequest(diagnostics: string, expression?: string): HttpError {
  return HttpError.withOutcome(400, outcome(issue('invalid', diagnostics, expression)));
}

export function notFound(diagnostics: string, expression?: string): HttpError {
  return HttpError.withOutcome(404, outcome(issue('not-found', diagnostics, expression)));
}

export function forbidden(diagnostics: string, expression?: string): HttpError {
  return HttpError.withOutcome(403, outcome(issue('forbidden', diagnostics, expression)));
}

/** CDS Hooks: the service cannot get the FHIR data it needs (prefetch missing, FHIR server unreachable). */
export function preconditionFailed(diagnostics: string, expression?: string): HttpError {
  return HttpError.withOutcome(412, outcome(issue('not-found', diagnostics, expression)));
}

export function invalidInput(error: ZodError, prefix?: string): HttpError {
  const issues = error.issues.slice(0, 20).map((zodIssue) => {
    const path = pathExpression([...(prefix ? [prefix] : []), ...issuePath(zodIssue)]);
    return issue(
      zodIssue.code === 'unrecognized_keys' ? 'structure' : 'invalid',
      `${path || 'body'}: ${zodIssue.message}`,
      path || undefined,
    );
  });
  return HttpError.withOutcome(400, outcome(...issues));
}

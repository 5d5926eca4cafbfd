import type { ZodError } from 'zod';
import type { OperationOutcome, OutcomeIssue } from '../contract/errors';

export function outcome(...issue: OutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue };
}

/** Carries an OperationOutcome and its HTTP status to the one error handler (FHIR and CDS endpoints). */
export class OperationOutcomeError extends Error {
  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
  ) {
    super(outcome.issue[0]?.diagnostics ?? 'error');
  }
}

function issue(code: string, diagnostics: string, expression?: string): OutcomeIssue {
  return expression ? { severity: 'error', code, diagnostics, expression: [expression] } : { severity: 'error', code, diagnostics };
}

export function badRequest(diagnostics: string, expression?: string): OperationOutcomeError {
  return new OperationOutcomeError(400, outcome(issue('invalid', diagnostics, expression)));
}

export function notFound(diagnostics: string, expression?: string): OperationOutcomeError {
  return new OperationOutcomeError(404, outcome(issue('not-found', diagnostics, expression)));
}

/** CDS Hooks: the service cannot get the FHIR data it needs (prefetch missing, FHIR server unreachable). */
export function preconditionFailed(diagnostics: string, expression?: string): OperationOutcomeError {
  return new OperationOutcomeError(412, outcome(issue('not-found', diagnostics, expression)));
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
  return issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : [...issue.path];
}

export function invalidInput(error: ZodError, prefix?: string): OperationOutcomeError {
  const issues = error.issues.slice(0, 20).map((zodIssue) => {
    const path = pathExpression([...(prefix ? [prefix] : []), ...issuePath(zodIssue)]);
    return issue(zodIssue.code === 'unrecognized_keys' ? 'structure' : 'invalid', `${path || 'body'}: ${zodIssue.message}`, path || undefined);
  });
  return new OperationOutcomeError(400, outcome(...issues));
}

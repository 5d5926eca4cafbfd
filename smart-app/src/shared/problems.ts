import { ApiProblem, type HttpProblemCode } from './http';
import { LaunchError } from './launch-error';

/**
 * Everything that can stop the doctor, in the doctor's terms. Each kind has its own sentence in the
 * catalogs; the technical detail (server message, OAuth error) is shown small beneath it.
 */
export const PROBLEM_KINDS = [
  // The launch's own, before any call to our API.
  'no-iss',
  'no-card',
  'bad-card',
  'authorization',
  // Our API's: the contract's error codes and what the client alone can tell (HttpProblemCode).
  ...([
    'unreachable',
    'unavailable',
    'rate-limited',
    'expired',
    'renewal-refused',
    'unauthenticated',
    'forbidden',
    'not-found',
    'not-an-order-card',
    'locked',
    'not-recognisable',
    'nothing-to-withdraw',
    'invalid',
    'unexpected',
  ] as const satisfies readonly HttpProblemCode[]),
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface Problem {
  readonly kind: ProblemKind;
  readonly detail: string | null;
}

const isProblemKind = (code: string): code is ProblemKind => (PROBLEM_KINDS as readonly string[]).includes(code);

/** Classifies by the error's type and the API's error code, never by its message text. */
export function problemOf(error: unknown): Problem {
  if (error instanceof LaunchError) return { kind: error.kind, detail: error.detail };
  if (error instanceof ApiProblem)
    return { kind: isProblemKind(error.code) ? error.code : 'unexpected', detail: error.message };
  return { kind: 'unexpected', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * Problems that only a new launch from the EHR's card can cure: a retry on this page would fail the same way.
 * Not an expired card (the app renews it itself) nor a refused renewal (the card cannot be renewed: a new order is the way).
 */
export function needsRelaunch(kind: ProblemKind): boolean {
  // 'no-card' is not among them: an EHR that cannot pass appContext never will, however often it is clicked.
  return (
    kind === 'bad-card' ||
    kind === 'authorization' ||
    kind === 'unauthenticated' ||
    kind === 'forbidden' ||
    kind === 'no-iss'
  );
}

import { ApiProblem, type HttpProblemCode } from '../shared/http';

/**
 * What can go wrong in a console, in the reader's terms; each kind has its sentence in the catalogs
 * (`consoles.problems`), with the server's own message shown small beneath it.
 */
export const CONSOLE_PROBLEM_KINDS = [
  'unreachable',
  'unavailable',
  'rate-limited',
  'unauthenticated',
  'forbidden',
  'not-found',
  'invalid',
  'out-of-bounds',
  'hospital-unregistered',
  'unexpected',
] as const satisfies readonly HttpProblemCode[];
export type ConsoleProblemKind = (typeof CONSOLE_PROBLEM_KINDS)[number];

export interface ConsoleProblem {
  readonly kind: ConsoleProblemKind;
  /** The input path the server names (`windowDays.CT-HEAD`), for showing the message at that field. */
  readonly field: string | null;
  readonly detail: string | null;
}

const isKind = (code: string): code is ConsoleProblemKind =>
  (CONSOLE_PROBLEM_KINDS as readonly string[]).includes(code);

/** Classifies by the error's type and the API's error code, never by its message text. */
export function consoleProblemOf(error: unknown): ConsoleProblem {
  if (error instanceof ApiProblem)
    return { kind: isKind(error.code) ? error.code : 'unexpected', field: error.field, detail: error.message };
  return { kind: 'unexpected', field: null, detail: error instanceof Error ? error.message : String(error) };
}

/** Whether the problem is about `field` or an entry inside it (`localCodeSystems[1]`, `windowDays.CT-HEAD`). */
export const isAboutField = (problem: ConsoleProblem | null, field: string): boolean =>
  problem?.field === field ||
  Boolean(problem?.field?.startsWith(`${field}.`) || problem?.field?.startsWith(`${field}[`));

import { fail, PASS, type Check } from './reasons';
import type { ResultStatus } from './result';

/** Final results and their corrections only; never preliminary, cancelled or entered-in-error. */
const RECOGNISABLE: ReadonlySet<ResultStatus> = new Set(['final', 'amended', 'corrected', 'appended']);

export function checkStatus(status: ResultStatus): Check {
  return RECOGNISABLE.has(status) ? PASS : fail('status.not-final');
}

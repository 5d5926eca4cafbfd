import type { RecognitionItem } from './catalog';
import type { CandidateWarning, ExclusionReason } from './reasons';
import type { TestSystem } from './result';

export type MethodCheck =
  | { readonly ok: true; readonly warning: CandidateWarning | null }
  | { readonly ok: false; readonly reason: ExclusionReason };

function normalise(value: string | null): string | null {
  const trimmed = value?.trim().toLowerCase().replace(/\s+/g, ' ');
  return trimmed ? trimmed : null;
}

function differs(a: string | null, b: string | null): boolean {
  const left = normalise(a);
  const right = normalise(b);
  return left !== null && right !== null && left !== right;
}

/**
 * For items whose reference intervals depend on the test system, the result must state its method or
 * brand; a difference from the ordering hospital's own system is a warning, or an exclusion where the
 * hospital requires a match.
 */
export function checkMethod(
  item: RecognitionItem,
  result: TestSystem,
  local: TestSystem | undefined,
  requireMatch: boolean,
): MethodCheck {
  if (!item.methodRelevant) return { ok: true, warning: null };
  if (normalise(result.method) === null && normalise(result.brand) === null) {
    return { ok: false, reason: 'method.not-stated' };
  }
  if (!local || !(differs(result.method, local.method) || differs(result.brand, local.brand))) {
    return { ok: true, warning: null };
  }
  return requireMatch ? { ok: false, reason: 'method.mismatch' } : { ok: true, warning: 'method.differs' };
}

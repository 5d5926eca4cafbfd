import { requiresBrand, requiresMethod, type RecognitionItem } from './catalog';
import type { CandidateWarning, ExclusionReason } from './reasons';
import type { TestSystem } from './result';

export type AnnotationCheck =
  | { readonly ok: true; readonly warnings: readonly CandidateWarning[] }
  | { readonly ok: false; readonly reasons: readonly ExclusionReason[] };

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
 * Brand and method are two rules, each for its own items: immunology and coagulation state the test
 * system's brand, some chemistry (creatinine, albumin) the method. Where the region requires it, a
 * result without its item's annotation is excluded; one field never stands in for the other. A brand
 * or method unlike the ordering hospital's is a warning (reference intervals differ), or an exclusion
 * where the hospital requires a match.
 */
export function checkAnnotation(
  item: RecognitionItem,
  result: TestSystem,
  local: TestSystem | undefined,
  annotationRequired: boolean,
  requireMatch: boolean,
): AnnotationCheck {
  const brand = requiresBrand(item);
  const method = requiresMethod(item);
  if (annotationRequired) {
    const missing: ExclusionReason[] = [
      ...(brand && normalise(result.brand) === null ? (['brand.not-stated'] as const) : []),
      ...(method && normalise(result.method) === null ? (['method.not-stated'] as const) : []),
    ];
    if (missing.length > 0) return { ok: false, reasons: missing };
  }
  const warnings: CandidateWarning[] = [
    ...(brand && differs(result.brand, local?.brand ?? null) ? (['brand.differs'] as const) : []),
    ...(method && differs(result.method, local?.method ?? null) ? (['method.differs'] as const) : []),
  ];
  if (warnings.length > 0 && requireMatch) return { ok: false, reasons: ['method.mismatch'] };
  return { ok: true, warnings };
}

import type { ItemKind } from './catalog';

/**
 * How far a higher-level hospital may accept lower-level results.
 * `alliance`: only inside a shared medical alliance (the national default);
 * `all`: from any qualified institution, where a regional agreement says so.
 */
export const LOWER_LEVEL_ACCEPTANCE = ['alliance', 'all'] as const;
export type LowerLevelAcceptance = (typeof LOWER_LEVEL_ACCEPTANCE)[number];

/**
 * Where a recognition mark appears on a report (001): a structured tag, before the item's name
 * (京津冀鲁HR, ★), or after the institution's name on the images (-JJJLHR).
 */
export const MARK_FORMS = ['tag', 'item-name-prefix', 'institution-name-suffix'] as const;
export type MarkForm = (typeof MARK_FORMS)[number];

export interface RecognitionMark {
  readonly text: string;
  readonly forms: readonly MarkForm[];
}

/**
 * Which level rule applies between institutions whose results carry the region's mark.
 * `hierarchy`: the usual one (same level mutually, lower accepts higher);
 * `none`: marked results are recognised whatever the levels (001: 对标有京津冀鲁区域互认标识的检查检验结果能认尽认).
 */
export const MARKED_LEVEL_RULES = ['hierarchy', 'none'] as const;
export type MarkedLevelRule = (typeof MARKED_LEVEL_RULES)[number];

/** The region's recognition policy: the bounds every hospital override must stay within. */
export interface RegionPolicy {
  readonly code: string;
  readonly name: string;
  /** Whether a result must carry the recognition mark to be recognised. */
  readonly markRequired: boolean;
  /** Marks accepted as proof of recognition status, per item kind, with where they may appear. */
  readonly marks: Readonly<Record<ItemKind, readonly RecognitionMark[]>>;
  readonly markedLevelRule: MarkedLevelRule;
  /** Whether a result lacking its item's required brand or method annotation is excluded. */
  readonly annotationRequired: boolean;
  /**
   * Marked items must be assessed at least this often (001: 参加相应质量评价的频次不得少于半年一次);
   * an assessment older than this on the result's day no longer qualifies. Null: no such rule.
   */
  readonly assessmentIntervalMonths: number | null;
  readonly lowerLevelAcceptance: {
    readonly default: LowerLevelAcceptance;
    /** The widest a hospital may choose. */
    readonly max: LowerLevelAcceptance;
  };
  /** Regions whose institutions' results are recognised here (e.g. 京津冀鲁 across provinces). */
  readonly partnerRegions: readonly string[];
}

export function widerThan(a: LowerLevelAcceptance, b: LowerLevelAcceptance): boolean {
  return LOWER_LEVEL_ACCEPTANCE.indexOf(a) > LOWER_LEVEL_ACCEPTANCE.indexOf(b);
}

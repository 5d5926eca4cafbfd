import type { Discipline } from './catalog';
import type { LocalDate } from './calendar';

/** Hospital level (医院等级): 1 primary, 2 secondary, 3 tertiary. */
export type Level = 1 | 2 | 3;

/**
 * A close alliance (紧密型医联体, 县域医共体) recognises all items among its members (004); a loose one
 * only lifts the level rule.
 */
export const ALLIANCE_KINDS = ['close', 'loose'] as const;

export interface Institution {
  readonly id: string;
  readonly name: string;
  readonly level: Level;
  /** 甲/乙/丙 within the level, when known. */
  readonly grade: string | null;
  readonly region: string;
  /** Medical alliances (医联体/医共体) the institution belongs to. */
  readonly alliances: readonly string[];
  /** Those of its alliances that are close ones. */
  readonly closeAlliances: readonly string[];
}

export const QUALIFICATION_KINDS = ['eqa', 'blind-sample', 'qc-evaluation', 'cnas'] as const;
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];

export type QualificationScope =
  | { readonly kind: 'item'; readonly itemCode: string }
  | { readonly kind: 'discipline'; readonly discipline: Discipline };

/**
 * The outcome of one quality assessment (室间质评, 盲样考核, 质控评价) of an institution for an item or a
 * discipline; `validFrom` is the day of the assessment.
 */
export interface Qualification {
  readonly institutionId: string;
  readonly scope: QualificationScope;
  readonly kind: QualificationKind;
  readonly passed: boolean;
  readonly validFrom: LocalDate;
  readonly validUntil: LocalDate;
  /** The day the recognition mark was withdrawn (e.g. a failed EQA), if it was. */
  readonly withdrawnOn: LocalDate | null;
}

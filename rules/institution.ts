import type { Discipline } from './catalog';
import type { LocalDate } from './calendar';

/** Hospital level (医院等级): 1 primary, 2 secondary, 3 tertiary. */
export type Level = 1 | 2 | 3;

export interface Institution {
  readonly id: string;
  readonly name: string;
  readonly level: Level;
  /** 甲/乙/丙 within the level, when known. */
  readonly grade: string | null;
  readonly region: string;
  /** Medical alliances (医联体/医共体) the institution belongs to. */
  readonly alliances: readonly string[];
}

export const QUALIFICATION_KINDS = ['eqa', 'blind-sample', 'qc-evaluation', 'cnas'] as const;
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];

export type QualificationScope =
  | { readonly kind: 'item'; readonly itemCode: string }
  | { readonly kind: 'discipline'; readonly discipline: Discipline };

/** A passed (or failed) quality-control qualification of an institution for an item or a discipline. */
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

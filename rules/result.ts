/** What the rules need to know about a stored external result. Stores may carry more (the report). */

export const RESULT_STATUSES = [
  'registered',
  'partial',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'appended',
  'cancelled',
  'entered-in-error',
  'unknown',
] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** The test system used (检测系统): method and instrument/reagent brand. */
export interface TestSystem {
  readonly method: string | null;
  readonly brand: string | null;
}

export interface ResultFacts {
  readonly id: string;
  readonly itemCode: string;
  readonly institutionId: string;
  readonly status: ResultStatus;
  /** Clinically relevant time: specimen collection or study time, ISO 8601 instant. */
  readonly effectiveAt: string;
  /** The recognition mark printed on the report (e.g. 京津冀鲁HR, ★, -JJJLHR), if any. */
  readonly mark: string | null;
  readonly testSystem: TestSystem;
  /**
   * A lab report's values by name, as the report printed them: which analytes a panel report holds.
   * Absent when the store cannot say (then a panel report is taken to hold its panel).
   */
  readonly analyteNames?: readonly string[];
}

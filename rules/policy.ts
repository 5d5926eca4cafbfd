import type { ItemKind } from './catalog';

/**
 * How far a higher-level hospital may accept lower-level results.
 * `alliance`: only inside a shared medical alliance (the national default);
 * `all`: from any qualified institution, where a regional agreement says so.
 */
export const LOWER_LEVEL_ACCEPTANCE = ['alliance', 'all'] as const;
export type LowerLevelAcceptance = (typeof LOWER_LEVEL_ACCEPTANCE)[number];

/** The region's recognition policy: the bounds every hospital override must stay within. */
export interface RegionPolicy {
  readonly code: string;
  readonly name: string;
  /** Whether a result must carry the recognition mark to be recognised. */
  readonly markRequired: boolean;
  /** Marks accepted as proof of recognition status, per item kind. */
  readonly marks: Readonly<Record<ItemKind, readonly string[]>>;
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

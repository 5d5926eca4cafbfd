import { fewestDaysIn } from './calendar';
import type { Discipline, RecognitionItem, RecognitionWindow } from './catalog';
import type { Institution } from './institution';
import { widerThan, type LowerLevelAcceptance, type RegionPolicy } from './policy';
import type { TestSystem } from './result';
import type { EffectiveWindow } from './window';

export const INDICATORS = ['info', 'warning'] as const;
export type PromptIndicator = (typeof INDICATORS)[number];

/** A hospital's own rule settings (院内规则), always inside the region's policy. */
export interface HospitalOverride {
  readonly disabledItems: readonly string[];
  readonly disabledDisciplines: readonly Discipline[];
  /** Narrower windows per item code, in days (also for items whose window is in months). */
  readonly windowDays: Readonly<Record<string, number>>;
  readonly indicator?: PromptIndicator;
  /** No card at all in emergency encounters (the information still reaches patient-view). */
  readonly silenceInEmergency?: boolean;
  /** Exclude, rather than only warn about, results whose test system differs from ours. */
  readonly requireMethodMatch?: boolean;
  readonly lowerLevelAcceptance?: LowerLevelAcceptance;
}

export const NO_OVERRIDE: HospitalOverride = { disabledItems: [], disabledDisciplines: [], windowDays: {} };

export interface EffectiveItem {
  readonly item: RecognitionItem;
  readonly window: EffectiveWindow;
  readonly disabled: boolean;
}

const fewest = new Map<number, number>();

/** The widest override, in days, that cannot outlast the catalog's window whatever the result's day. */
export function dayBound(window: RecognitionWindow): number {
  if (window.unit === 'days') return window.amount;
  let days = fewest.get(window.amount);
  if (days === undefined) {
    days = fewestDaysIn(window.amount);
    fewest.set(window.amount, days);
  }
  return days;
}

/** Everything the rules read about "how this hospital recognises": catalog defaults + its overrides. */
export interface EffectiveConfiguration {
  readonly timeZone: string;
  readonly hospital: Institution;
  readonly policy: RegionPolicy;
  readonly items: ReadonlyMap<string, EffectiveItem>;
  readonly indicator: PromptIndicator;
  readonly silenceInEmergency: boolean;
  readonly requireMethodMatch: boolean;
  readonly lowerLevelAcceptance: LowerLevelAcceptance;
  /** The ordering hospital's own test system per item, to compare reference intervals. */
  readonly localTestSystems: ReadonlyMap<string, TestSystem>;
  /** Item code → the codes of the items that contain it (an enhanced CT for the plain one, a panel for its analytes). */
  readonly containers: ReadonlyMap<string, readonly string[]>;
}

export type OverrideViolation =
  | { readonly field: string; readonly code: 'unknown-item'; readonly itemCode: string }
  | { readonly field: string; readonly code: 'window-out-of-bounds'; readonly itemCode: string; readonly bound: number }
  | { readonly field: string; readonly code: 'acceptance-beyond-policy'; readonly bound: LowerLevelAcceptance };

/** Why an override cannot be saved: each entry names the field and the bound it breaks. */
export function overrideViolations(
  override: HospitalOverride,
  catalog: readonly RecognitionItem[],
  policy: RegionPolicy,
): OverrideViolation[] {
  const byCode = new Map(catalog.map((item) => [item.code, item]));
  const violations: OverrideViolation[] = [];
  for (const itemCode of override.disabledItems) {
    if (!byCode.has(itemCode)) violations.push({ field: `disabledItems`, code: 'unknown-item', itemCode });
  }
  for (const [itemCode, days] of Object.entries(override.windowDays)) {
    const item = byCode.get(itemCode);
    if (!item) {
      violations.push({ field: `windowDays.${itemCode}`, code: 'unknown-item', itemCode });
    } else if (!Number.isInteger(days) || days < 0 || days > dayBound(item.window)) {
      violations.push({
        field: `windowDays.${itemCode}`,
        code: 'window-out-of-bounds',
        itemCode,
        bound: dayBound(item.window),
      });
    }
  }
  if (override.lowerLevelAcceptance && widerThan(override.lowerLevelAcceptance, policy.lowerLevelAcceptance.max)) {
    violations.push({
      field: 'lowerLevelAcceptance',
      code: 'acceptance-beyond-policy',
      bound: policy.lowerLevelAcceptance.max,
    });
  }
  return violations;
}

export interface ConfigurationSources {
  readonly timeZone: string;
  readonly catalog: readonly RecognitionItem[];
  readonly policy: RegionPolicy;
  readonly hospital: Institution;
  readonly override: HospitalOverride;
  readonly localTestSystems: ReadonlyMap<string, TestSystem>;
}

/**
 * Combines the catalog, the region's policy and the hospital's override. An override can only narrow:
 * a wider window (the window rule takes the earlier of the two last days) or acceptance than the policy
 * allows is clamped here even if it slipped past validation.
 */
export function effectiveConfiguration(sources: ConfigurationSources): EffectiveConfiguration {
  const { catalog, policy, override } = sources;
  const disabledItems = new Set(override.disabledItems);
  const disabledDisciplines = new Set<Discipline>(override.disabledDisciplines);
  const items = new Map<string, EffectiveItem>();
  for (const item of catalog) {
    const narrowed = override.windowDays[item.code];
    items.set(item.code, {
      item,
      window: { window: item.window, narrowedToDays: narrowed === undefined ? null : Math.max(0, narrowed) },
      disabled: disabledItems.has(item.code) || disabledDisciplines.has(item.discipline),
    });
  }
  const containers = new Map<string, string[]>();
  for (const item of catalog) {
    for (const contained of item.contains) containers.set(contained, [...(containers.get(contained) ?? []), item.code]);
  }
  const wanted = override.lowerLevelAcceptance ?? policy.lowerLevelAcceptance.default;
  return {
    timeZone: sources.timeZone,
    hospital: sources.hospital,
    policy,
    items,
    indicator: override.indicator ?? 'warning',
    silenceInEmergency: override.silenceInEmergency ?? false,
    requireMethodMatch: override.requireMethodMatch ?? false,
    lowerLevelAcceptance: widerThan(wanted, policy.lowerLevelAcceptance.max) ? policy.lowerLevelAcceptance.max : wanted,
    localTestSystems: sources.localTestSystems,
    containers,
  };
}

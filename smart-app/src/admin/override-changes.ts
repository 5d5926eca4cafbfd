import type { HospitalOverride, LowerLevelAcceptance, PromptIndicator } from './admin-model';

/** One difference between two versions of a hospital's override; `undefined` settings mean the region's default. */
export type OverrideChange =
  | { readonly kind: 'discipline'; readonly discipline: string; readonly off: boolean }
  | { readonly kind: 'item'; readonly itemCode: string; readonly off: boolean }
  | {
      readonly kind: 'window';
      readonly itemCode: string;
      readonly before: number | undefined;
      readonly after: number | undefined;
    }
  | {
      readonly kind: 'indicator';
      readonly before: PromptIndicator | undefined;
      readonly after: PromptIndicator | undefined;
    }
  | {
      readonly kind: 'silenceInEmergency' | 'requireMethodMatch';
      readonly before: boolean | undefined;
      readonly after: boolean | undefined;
    }
  | {
      readonly kind: 'lowerLevelAcceptance';
      readonly before: LowerLevelAcceptance | undefined;
      readonly after: LowerLevelAcceptance | undefined;
    };

const EMPTY_OVERRIDE: HospitalOverride = { disabledItems: [], disabledDisciplines: [], windowDays: {} };

const added = <T>(from: readonly T[], to: readonly T[]) => to.filter((value) => !from.includes(value));

/** Before → after, in a fixed order: disciplines, items, windows, then the single settings. */
export function overrideChanges(before: HospitalOverride | null, after: HospitalOverride): OverrideChange[] {
  const from = before ?? EMPTY_OVERRIDE;
  const changes: OverrideChange[] = [
    ...added(from.disabledDisciplines, after.disabledDisciplines).map((discipline): OverrideChange => ({
      kind: 'discipline',
      discipline,
      off: true,
    })),
    ...added(after.disabledDisciplines, from.disabledDisciplines).map((discipline): OverrideChange => ({
      kind: 'discipline',
      discipline,
      off: false,
    })),
    ...added(from.disabledItems, after.disabledItems).map((itemCode): OverrideChange => ({
      kind: 'item',
      itemCode,
      off: true,
    })),
    ...added(after.disabledItems, from.disabledItems).map((itemCode): OverrideChange => ({
      kind: 'item',
      itemCode,
      off: false,
    })),
  ];
  for (const itemCode of [...new Set([...Object.keys(from.windowDays), ...Object.keys(after.windowDays)])].sort()) {
    if (from.windowDays[itemCode] !== after.windowDays[itemCode])
      changes.push({ kind: 'window', itemCode, before: from.windowDays[itemCode], after: after.windowDays[itemCode] });
  }
  if (from.indicator !== after.indicator)
    changes.push({ kind: 'indicator', before: from.indicator, after: after.indicator });
  if (from.silenceInEmergency !== after.silenceInEmergency)
    changes.push({ kind: 'silenceInEmergency', before: from.silenceInEmergency, after: after.silenceInEmergency });
  if (from.requireMethodMatch !== after.requireMethodMatch)
    changes.push({ kind: 'requireMethodMatch', before: from.requireMethodMatch, after: after.requireMethodMatch });
  if (from.lowerLevelAcceptance !== after.lowerLevelAcceptance)
    changes.push({
      kind: 'lowerLevelAcceptance',
      before: from.lowerLevelAcceptance,
      after: after.lowerLevelAcceptance,
    });
  return changes;
}

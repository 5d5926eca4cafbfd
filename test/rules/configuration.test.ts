import { describe, expect, it } from 'vitest';
import { dayBound, overrideViolations, windowPosition, type HospitalOverride } from '../../rules';
import { catalog, chongqing, configure, creatinine, headCt, NOW, potassium, TZ } from './world';

const none: HospitalOverride = { disabledItems: [], disabledDisciplines: [], windowDays: {} };

describe("configuration: a hospital override may only narrow a window, and widen acceptance only inside the region's policy", () => {
  const lastDay = (override: HospitalOverride, code: string) => {
    const window = configure({ override }).items.get(code)?.window;
    return window ? windowPosition('2026-03-01T02:00:00Z', window, NOW, TZ).lastDay : null;
  };

  it('narrows a window', () => {
    expect(lastDay({ ...none, windowDays: { [potassium.code]: 3 } }, potassium.code)).toBe('2026-03-04');
  });

  it('never widens a window beyond the region bound, even if an override slipped past validation', () => {
    expect(lastDay({ ...none, windowDays: { [potassium.code]: 30 } }, potassium.code)).toBe('2026-03-08');
  });

  it('keeps the catalog default where nothing is overridden', () => {
    expect(lastDay(none, creatinine.code)).toBe('2026-03-31');
  });

  it('a window in months is bounded, in days, by the fewest days it can span (3 months: 89, 01-31 → 04-30)', () => {
    expect(dayBound(headCt.window)).toBe(89);
    expect(overrideViolations({ ...none, windowDays: { [headCt.code]: 90 } }, catalog, chongqing)).toEqual([
      { field: 'windowDays.CT-HEAD', code: 'window-out-of-bounds', itemCode: 'CT-HEAD', bound: 89 },
    ]);
  });

  it('uses the region default acceptance unless the hospital chooses', () => {
    expect(configure().lowerLevelAcceptance).toBe('alliance');
    expect(configure({ override: { ...none, lowerLevelAcceptance: 'all' } }).lowerLevelAcceptance).toBe('all');
  });

  it('clamps a widened acceptance to the region maximum', () => {
    const strict = { ...chongqing, lowerLevelAcceptance: { default: 'alliance', max: 'alliance' } } as const;
    expect(configure({ policy: strict, override: { ...none, lowerLevelAcceptance: 'all' } }).lowerLevelAcceptance).toBe(
      'alliance',
    );
  });

  it.each([
    { name: 'a narrower window is fine', override: { ...none, windowDays: { [potassium.code]: 3 } }, expected: [] },
    {
      name: 'a window wider than the bound names the bound',
      override: { ...none, windowDays: { [potassium.code]: 8 } },
      expected: [{ field: 'windowDays.LAB-K', code: 'window-out-of-bounds', itemCode: 'LAB-K', bound: 7 }],
    },
    {
      name: 'a negative window is refused',
      override: { ...none, windowDays: { [potassium.code]: -1 } },
      expected: [{ field: 'windowDays.LAB-K', code: 'window-out-of-bounds', itemCode: 'LAB-K', bound: 7 }],
    },
    {
      name: 'an unknown item is refused',
      override: { ...none, disabledItems: ['LAB-NOPE'] },
      expected: [{ field: 'disabledItems', code: 'unknown-item', itemCode: 'LAB-NOPE' }],
    },
  ])('$name', ({ override, expected }) => {
    expect(overrideViolations(override, catalog, chongqing)).toEqual(expected);
  });

  it('widening acceptance beyond the policy names the bound', () => {
    const strict = { ...chongqing, lowerLevelAcceptance: { default: 'alliance', max: 'alliance' } } as const;
    expect(overrideViolations({ ...none, lowerLevelAcceptance: 'all' }, catalog, strict)).toEqual([
      { field: 'lowerLevelAcceptance', code: 'acceptance-beyond-policy', bound: 'alliance' },
    ]);
  });
});

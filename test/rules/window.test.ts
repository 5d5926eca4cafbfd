import { describe, expect, it } from 'vitest';
import { checkWindow, windowPosition, type EffectiveWindow } from '../../rules';
import { NOW, TZ } from './world';

const days = (amount: number, narrowedToDays: number | null = null): EffectiveWindow => ({
  window: { amount, unit: 'days' },
  narrowedToDays,
});
const months = (amount: number, narrowedToDays: number | null = null): EffectiveWindow => ({
  window: { amount, unit: 'months' },
  narrowedToDays,
});

// NOW is 2026-03-10 10:00 in Shanghai.
describe('window: result date within the item validity window, measured from the clinically relevant time', () => {
  it.each([
    {
      name: 'taken today is recognisable',
      effectiveAt: '2026-03-10T00:30:00Z',
      window: days(7),
      ok: true,
      age: 0,
      left: 7,
    },
    {
      name: 'last day of a 7-day window is still recognisable',
      effectiveAt: '2026-03-03T09:00:00Z',
      window: days(7),
      ok: true,
      age: 7,
      left: 0,
    },
    {
      name: 'the day after the last day is expired',
      effectiveAt: '2026-03-02T09:00:00Z',
      window: days(7),
      ok: false,
      age: 8,
      left: -1,
    },
    {
      name: 'days are local: 00:30 Shanghai on the 3rd (still the 2nd in UTC) is the last day',
      effectiveAt: '2026-03-02T16:30:00Z',
      window: days(7),
      ok: true,
      age: 7,
      left: 0,
    },
    {
      name: 'days are local: 23:30 Shanghai on the 2nd is one day too old',
      effectiveAt: '2026-03-02T15:30:00Z',
      window: days(7),
      ok: false,
      age: 8,
      left: -1,
    },
    {
      name: 'a 0-day window accepts only results of the same day',
      effectiveAt: '2026-03-09T09:00:00Z',
      window: days(0),
      ok: false,
      age: 1,
      left: -1,
    },
    {
      name: 'a hospital narrowing to 3 days ends the window earlier',
      effectiveAt: '2026-03-06T02:00:00Z',
      window: days(7, 3),
      ok: false,
      age: 4,
      left: -1,
    },
  ])('$name', ({ effectiveAt, window, ok, age, left }) => {
    const position = windowPosition(effectiveAt, window, NOW, TZ);
    expect(position.ageDays).toBe(age);
    expect(position.daysLeft).toBe(left);
    expect(checkWindow(position).ok).toBe(ok);
  });

  // 002_e9c8f6f4790952a5.txt: "医疗机构对近期（一般3个月内）规范完整的医学影像检查结果…原则上予以认可"
  describe('windows stated in months are calendar months (002_e9c8f6f4790952a5.txt: 近期（一般3个月内）)', () => {
    it('a CT of 06-01 is inside its 3-month window on 09-01 (92 days, more than 90)', () => {
      const position = windowPosition('2026-06-01T02:00:00Z', months(3), new Date('2026-09-01T02:00:00Z'), TZ);
      expect(position).toMatchObject({ ageDays: 92, daysLeft: 0, lastDay: '2026-09-01' });
      expect(checkWindow(position).ok).toBe(true);
    });

    it('and outside it on 09-02', () => {
      expect(
        checkWindow(windowPosition('2026-06-01T02:00:00Z', months(3), new Date('2026-09-02T02:00:00Z'), TZ)).ok,
      ).toBe(false);
    });

    it('a month that is too short ends on its last day (11-30 + 3 months = 02-28)', () => {
      expect(windowPosition('2025-11-30T02:00:00Z', months(3), NOW, TZ).lastDay).toBe('2026-02-28');
    });

    it("a hospital's narrower window in days still applies", () => {
      expect(windowPosition('2026-06-01T02:00:00Z', months(3, 60), new Date('2026-09-01T02:00:00Z'), TZ).lastDay).toBe(
        '2026-07-31',
      );
    });
  });

  it('reports the last recognisable day', () => {
    expect(windowPosition('2026-03-03T09:00:00Z', days(7), NOW, TZ).lastDay).toBe('2026-03-10');
  });

  it('a result dated after the clock (clock skew, typo) is refused as future, not counted as fresh', () => {
    const check = checkWindow(windowPosition('2026-03-12T02:00:00Z', days(7), NOW, TZ));
    expect(check).toEqual({ ok: false, reason: 'window.future' });
  });
});

import { describe, expect, it } from 'vitest';
import { checkWindow, windowPosition } from '../../rules';
import { NOW, TZ } from './world';

// NOW is 2026-03-10 10:00 in Shanghai.
describe('window: result date within the item validity window, measured from the clinically relevant time', () => {
  it.each([
    { name: 'taken today is recognisable', effectiveAt: '2026-03-10T00:30:00Z', days: 7, ok: true, age: 0, left: 7 },
    { name: 'last day of a 7-day window is still recognisable', effectiveAt: '2026-03-03T09:00:00Z', days: 7, ok: true, age: 7, left: 0 },
    { name: 'the day after the last day is expired', effectiveAt: '2026-03-02T09:00:00Z', days: 7, ok: false, age: 8, left: -1 },
    { name: 'days are local: 00:30 Shanghai on the 3rd (still the 2nd in UTC) is the last day', effectiveAt: '2026-03-02T16:30:00Z', days: 7, ok: true, age: 7, left: 0 },
    { name: 'days are local: 23:30 Shanghai on the 2nd is one day too old', effectiveAt: '2026-03-02T15:30:00Z', days: 7, ok: false, age: 8, left: -1 },
    { name: 'a 0-day window accepts only results of the same day', effectiveAt: '2026-03-09T09:00:00Z', days: 0, ok: false, age: 1, left: -1 },
    { name: 'imaging "generally within 3 months" (90 days), day 90', effectiveAt: '2025-12-10T02:00:00Z', days: 90, ok: true, age: 90, left: 0 },
  ])('$name', ({ effectiveAt, days, ok, age, left }) => {
    const position = windowPosition(effectiveAt, days, NOW, TZ);
    expect(position.ageDays).toBe(age);
    expect(position.daysLeft).toBe(left);
    expect(checkWindow(position).ok).toBe(ok);
  });

  it('reports the last recognisable day', () => {
    expect(windowPosition('2026-03-03T09:00:00Z', 7, NOW, TZ).lastDay).toBe('2026-03-10');
  });

  it('a result dated after the clock (clock skew, typo) is refused as future, not counted as fresh', () => {
    const check = checkWindow(windowPosition('2026-03-12T02:00:00Z', 7, NOW, TZ));
    expect(check).toEqual({ ok: false, reason: 'window.future' });
  });
});

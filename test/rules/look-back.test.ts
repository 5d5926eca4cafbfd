import { describe, expect, it } from 'vitest';
import { daysBefore } from '../../rules/calendar';

describe('a look-back period over stored instants (rules/calendar.ts)', () => {
  it('starts whole 24-hour days before the instant, across a month end', () => {
    expect(daysBefore(new Date('2026-03-10T02:00:00Z'), 30).toISOString()).toBe('2026-02-08T02:00:00.000Z');
    expect(daysBefore(new Date('2026-03-10T02:00:00Z'), 0).toISOString()).toBe('2026-03-10T02:00:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { localDateTime, zoneOffset } from '../../server/quality/csv';

/**
 * Issue 23 point 13: Excel and WPS keep "2026-12-06 09:33:37+08:00" as text. The cells hold the local
 * time in a form they read as a date; the zone's offset goes in the column's header.
 */
describe("instants in the CSV, as the hospital's clock shows them", () => {
  it.each([
    ['2026-03-10T02:00:00Z', 'Asia/Shanghai', '2026-03-10 10:00:00', '+08:00'],
    ['2026-12-31T16:30:05.123Z', 'Asia/Shanghai', '2027-01-01 00:30:05', '+08:00'],
    ['2026-03-10T02:00:00Z', 'UTC', '2026-03-10 02:00:00', '+00:00'],
    // Either side of the change to daylight saving time in New York (2026-03-08 02:00 local).
    ['2026-03-08T06:59:59Z', 'America/New_York', '2026-03-08 01:59:59', '-05:00'],
    ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08 03:00:00', '-04:00'],
    ['2026-06-01T00:00:00Z', 'Asia/Kolkata', '2026-06-01 05:30:00', '+05:30'],
  ])('%s in %s is %s, at %s', (iso, zone, shown, offset) => {
    expect(localDateTime(iso, zone)).toBe(shown);
    expect(zoneOffset(iso, zone)).toBe(offset);
  });
});

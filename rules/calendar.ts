/**
 * Calendar days in the region's time zone. Recognition windows and qualifications are counted in
 * whole local days ("within 7 days") or calendar months ("3个月内"), never in hours, so every
 * comparison goes through here.
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local calendar date of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  return formatterFor(timeZone).format(instant);
}

function dayNumber(date: LocalDate): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The same day of the month `months` later; when that month is shorter, its last day
 * (01-31 + 1 month = 02-28), as people count "within three months".
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(target / 12);
  const targetMonth = target - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** The fewest days `months` calendar months can span from any start day (3 months: 89 days, 01-31 → 04-30). */
export function fewestDaysIn(months: number): number {
  let fewest = Number.POSITIVE_INFINITY;
  // Every start day of a leap cycle covers every month-length combination.
  for (let offset = 0; offset < 366 * 4; offset += 1) {
    const start = addDays('2024-01-01', offset);
    fewest = Math.min(fewest, daysBetween(start, addMonths(start, months)));
  }
  return fewest;
}

/**
 * The instant `days` times 24 hours before `instant`: where a look-back period over stored instants
 * starts ("the last 30 days"), as opposed to the local calendar days the rules count in.
 */
export function daysBefore(instant: Date, days: number): Date {
  return new Date(instant.getTime() - days * 86_400_000);
}

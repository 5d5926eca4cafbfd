/**
 * Calendar days in the region's time zone. Recognition windows and qualifications are counted in
 * whole local days ("within 7 days"), never in hours, so every comparison goes through here.
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

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
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The instant `days` times 24 hours before `instant`: where a look-back period over stored instants
 * starts ("the last 30 days"), as opposed to the local calendar days the rules count in.
 */
export function daysBefore(instant: Date, days: number): Date {
  return new Date(instant.getTime() - days * 86_400_000);
}

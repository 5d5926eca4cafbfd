import { addDays, daysBetween, localDate, type LocalDate } from './calendar';
import { fail, PASS, type Check } from './reasons';

export interface WindowPosition {
  /** The local day of the result's clinically relevant time. */
  readonly resultDate: LocalDate;
  /** Whole days since then (0 = today). */
  readonly ageDays: number;
  /** Days still inside the window after today (0 = today is the last day). */
  readonly daysLeft: number;
  /** The last local day on which the result is recognisable. */
  readonly lastDay: LocalDate;
}

/**
 * The window is measured in local calendar days from the specimen collection or study time, not from
 * ingestion: a 7-day result taken on the 1st is recognisable through the 8th.
 */
export function windowPosition(effectiveAt: string, windowDays: number, now: Date, timeZone: string): WindowPosition {
  const resultDate = localDate(new Date(effectiveAt), timeZone);
  const ageDays = daysBetween(resultDate, localDate(now, timeZone));
  return { resultDate, ageDays, daysLeft: windowDays - ageDays, lastDay: addDays(resultDate, windowDays) };
}

export function checkWindow(position: WindowPosition): Check {
  if (position.ageDays < 0) return fail('window.future');
  return position.daysLeft >= 0 ? PASS : fail('window.expired');
}

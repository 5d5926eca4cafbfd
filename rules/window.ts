import { addDays, addMonths, daysBetween, localDate, type LocalDate } from './calendar';
import type { RecognitionWindow } from './catalog';
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

/** The window an item is judged with: the catalog's, possibly narrowed by the hospital to fewer days. */
export interface EffectiveWindow {
  readonly window: RecognitionWindow;
  /** The hospital's narrower bound in days, if it set one. */
  readonly narrowedToDays: number | null;
}

function lastDayOf(resultDate: LocalDate, { window, narrowedToDays }: EffectiveWindow): LocalDate {
  const bound = window.unit === 'months' ? addMonths(resultDate, window.amount) : addDays(resultDate, window.amount);
  if (narrowedToDays === null) return bound;
  const narrowed = addDays(resultDate, narrowedToDays);
  return narrowed < bound ? narrowed : bound;
}

/**
 * The window is measured in local calendar days (or calendar months) from the specimen collection or
 * study time, not from ingestion: a 7-day result taken on the 1st is recognisable through the 8th, a
 * 3-month CT of 06-01 through 09-01.
 */
export function windowPosition(
  effectiveAt: string,
  window: EffectiveWindow,
  now: Date,
  timeZone: string,
): WindowPosition {
  const resultDate = localDate(new Date(effectiveAt), timeZone);
  const today = localDate(now, timeZone);
  const lastDay = lastDayOf(resultDate, window);
  return { resultDate, ageDays: daysBetween(resultDate, today), daysLeft: daysBetween(today, lastDay), lastDay };
}

export function checkWindow(position: WindowPosition): Check {
  if (position.ageDays < 0) return fail('window.future');
  return position.daysLeft >= 0 ? PASS : fail('window.expired');
}

/** The longest a window can last, in days (for pruning and for bounds shown in days). */
export function longestDays(window: RecognitionWindow): number {
  return window.unit === 'months' ? Math.ceil(window.amount * 31) : window.amount;
}

import { addDays, localDate } from '../../rules';
import type { OrderFilters } from '../contract/quality';

/** The period: the last 30 local days by default, never more than a year at once. */
export function periodOf(filters: OrderFilters, now: Date, timeZone: string): { from: string; to: string } {
  const to = filters.to ?? localDate(now, timeZone);
  const from = filters.from ?? addDays(to, -29);
  return { from: from < addDays(to, -366) ? addDays(to, -366) : from, to };
}

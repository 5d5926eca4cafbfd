import { addDays, daysBefore, localDate } from '../../rules';
import type { SourceActivity } from '../contract/sources';
import type { Services } from '../services';
import { quarantineReasons, sourceHourlyCounts, sourceStatuses } from '../store/result-sources';

/** Refusal reasons listed per source: the rest are in the quarantine itself. */
const REASONS_SHOWN = 10;

/**
 * One source's last `days` local days (today included), oldest first, with a zero for a day it sent
 * nothing: a LIS that went quiet shows as a run of zeros, not as a missing row. SQL counts by UTC hour;
 * the hours fold into local days here, exact for every zone on a whole-hour offset (all of China).
 */
export async function sourceActivity(
  services: Services,
  sourceId: string,
  days: number,
): Promise<SourceActivity | null> {
  const now = services.clock();
  const { timeZone } = services.config;
  const [source] = await sourceStatuses(services.reader, daysBefore(now, 1).toISOString(), sourceId);
  if (!source) return null;
  const today = localDate(now, timeZone);
  const first = addDays(today, -(days - 1));
  // A day more than asked covers the first local day's early hours in any zone ahead of UTC.
  const since = daysBefore(now, days + 1).toISOString();
  const counts = new Map<string, { stored: number; quarantined: number }>(
    Array.from({ length: days }, (_, index) => [addDays(first, index), { stored: 0, quarantined: 0 }]),
  );
  for (const hour of await sourceHourlyCounts(services.reader, sourceId, since)) {
    const day = counts.get(localDate(new Date(`${hour.hour}:00:00.000Z`), timeZone));
    if (!day) continue;
    day.stored += hour.stored;
    day.quarantined += hour.quarantined;
  }
  return {
    source,
    timeZone,
    days: [...counts].map(([day, count]) => ({ day, ...count })),
    reasons: await quarantineReasons(services.reader, sourceId, daysBefore(now, days).toISOString(), REASONS_SHOWN),
  };
}

import { daysBefore, longestDays } from '../../rules';
import { loadCatalog } from './catalog';
import type { Database } from './database';

/**
 * Results older than the longest window in force can never be recognised again (hospital overrides
 * only narrow windows), so they leave the index. Prompts and decisions are kept: they carry what the
 * quality department needs (institution, time, outcome) without the result itself.
 */
export async function pruneExpiredResults(db: Database, now: Date): Promise<{ cutoff: string; pruned: number }> {
  const longest = Math.max(
    0,
    ...(await loadCatalog(db)).filter((item) => item.active).map((item) => longestDays(item.window)),
  );
  // One spare day: windows are counted in local days, the cutoff in UTC.
  const cutoff = daysBefore(now, longest + 1).toISOString();
  if (longest <= 0) return { cutoff, pruned: 0 };
  const pruned = await db('results').where('effective_at', '<', cutoff).delete();
  return { cutoff, pruned };
}

import type { Services } from './services';
import { pruneExpiredResults } from './store/retention';

const TOKEN_IDS_EVERY_MS = 10 * 60_000;
const RETENTION_EVERY_MS = 6 * 60 * 60_000;

function every(ms: number, task: () => Promise<void>, services: Services): NodeJS.Timeout {
  const timer = setInterval(() => {
    task().catch((error: unknown) => services.logger.warn({ err: error }, 'maintenance failed; will retry'));
  }, ms);
  timer.unref();
  return timer;
}

/**
 * Housekeeping on timers: forget CDS client token ids once their tokens have expired, and prune
 * results past the longest window in force (also `npm run prune`).
 */
export function startMaintenance(services: Services): () => void {
  const timers = [
    every(TOKEN_IDS_EVERY_MS, async () => {
      const jtis = await services.replayGuard.forgetExpired();
      if (jtis > 0) services.logger.debug({ jtis }, 'expired token ids forgotten');
    }, services),
    every(RETENTION_EVERY_MS, async () => {
      const { cutoff, pruned } = await pruneExpiredResults(services.db, services.clock());
      services.logger.info({ cutoff, pruned }, 'results past the longest window pruned');
    }, services),
  ];
  return () => timers.forEach((timer) => clearInterval(timer));
}

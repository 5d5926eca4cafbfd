import { SYSTEMS } from './fhir/systems';
import type { Services } from './services';
import { accessLogRetentionCutoff, pruneAccessLog } from './store/access-log';
import { refreshOrderTallies } from './store/order-tallies';
import { pruneExpiredResults } from './store/retention';

export const TOKEN_IDS_EVERY_MS = 10 * 60_000;
const RETENTION_EVERY_MS = 6 * 60 * 60_000;
const TALLIES_EVERY_MS = 60_000;

function every(ms: number, task: () => Promise<void>, services: Services): NodeJS.Timeout {
  const timer = setInterval(() => {
    task().catch((error: unknown) => services.logger.warn({ err: error }, 'maintenance failed; will retry'));
  }, ms);
  timer.unref();
  return timer;
}

/**
 * Housekeeping on timers: forget CDS client token ids once their tokens have expired, prune results
 * past the longest window in force and access log entries past ACCESS_LOG_RETENTION_DAYS (also `npm run prune`),
 * and keep the province's rollup (server/store/order-tallies.ts) within a minute of the orders.
 */
export function startMaintenance(
  services: Services,
  options: { retention: boolean } = { retention: true },
): () => void {
  const timers = [
    every(
      TOKEN_IDS_EVERY_MS,
      async () => {
        const jtis = await services.replayGuard.forgetExpired();
        if (jtis > 0) services.logger.debug({ jtis }, 'expired token ids forgotten');
      },
      services,
    ),
  ];
  // In a cluster one process prunes and rolls up for all.
  if (options.retention) {
    const refreshTallies = async () => {
      const days = await refreshOrderTallies({ writer: services.db, reader: services.reader }, SYSTEMS.exceptionReason);
      if (days > 0) services.logger.debug({ days }, "province's rollup refreshed");
    };
    // At once, too: after an upgrade the migration has noted every stored day.
    refreshTallies().catch((error: unknown) => services.logger.warn({ err: error }, 'maintenance failed; will retry'));
    timers.push(every(TALLIES_EVERY_MS, refreshTallies, services));
    timers.push(
      every(
        RETENTION_EVERY_MS,
        async () => {
          const { cutoff, pruned } = await pruneExpiredResults(services.db, services.clock());
          services.logger.info({ cutoff, pruned }, 'results past the longest window pruned');
          const accessLogCutoff = accessLogRetentionCutoff(services.clock(), services.config.accessLogRetentionDays);
          const entries = await pruneAccessLog(services.db, accessLogCutoff);
          services.logger.info(
            { cutoff: accessLogCutoff.toISOString(), entries },
            'access log entries past their retention pruned',
          );
        },
        services,
      ),
    );
  }
  return () => timers.forEach((timer) => clearInterval(timer));
}

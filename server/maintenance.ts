import type { Services } from './services';
import { forgetExpiredJtis } from './store/replay-guard';

const EVERY_MS = 10 * 60_000;

/** Housekeeping on a timer: forget CDS client token ids once their tokens have expired. */
export function startMaintenance(services: Services): () => void {
  const run = async () => {
    try {
      const jtis = await forgetExpiredJtis(services.db, services.clock());
      if (jtis > 0) services.logger.debug({ jtis }, 'expired token ids forgotten');
    } catch (error) {
      services.logger.warn({ err: error }, 'maintenance failed; will retry');
    }
  };
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

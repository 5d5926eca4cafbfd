import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { ReplayGuard } from '../auth/replay-guard';
import type { Config } from '../config';
import { TOKEN_IDS_EVERY_MS } from '../maintenance';
import type { Store } from '../store/database';
import { toPrimarySchema, type ToWorker } from './messages';

/** A process that dies sooner than this after its start counts as a failed start. */
const QUICK_DEATH_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

/** Set in each worker's environment: 0 for the one that prunes for all (and keeps it across restarts). */
export const WORKER_INDEX = 'HUREN_WORKER_INDEX';

/**
 * The primary process of WORKERS > 1: the store is prepared (migrations, demo data) by the caller before this starts; it forks
 * the workers (which share the port), starts a new one when one dies, relays registry changes between
 * them, and on SQLite decides the CDS client token ids for all of them (in memory, written in batches,
 * as a single server does). It serves no request itself.
 */
export async function runPrimary(config: Config, logger: Logger, store: Store): Promise<void> {
  const clock = () => new Date();
  const guard =
    config.store.client === 'sqlite'
      ? new ReplayGuard(store.db, false, clock, (error) =>
          logger.warn({ err: error }, 'token ids not stored yet; kept in memory, will retry'),
        )
      : null;
  await guard?.load();
  const forgetting = guard
    ? setInterval(
        () =>
          void guard
            .forgetExpired()
            .catch((error: unknown) => logger.warn({ err: error }, 'maintenance failed; will retry')),
        TOKEN_IDS_EVERY_MS,
      )
    : null;
  forgetting?.unref();

  const indexOf = new Map<Worker, number>();
  const startedAt = new Map<Worker, number>();
  /** Quick deaths in a row per index: a process that cannot start (a bad setting, a taken port) is retried ever more slowly. */
  const quickDeaths = new Map<number, number>();
  let listening = false;
  let stopping = false;

  const tellOthers = (from: Worker | null, message: ToWorker) => {
    for (const worker of indexOf.keys()) if (worker !== from && worker.isConnected()) worker.send(message);
  };

  const firstListening = (port: number) => {
    logger.info(
      { port, store: config.store.client, publicUrl: config.publicUrl, workers: config.workers },
      `Huren listening on http://${config.host}:${port} (${config.workers} processes)`,
    );
    logger.flush();
  };

  const handle = (worker: Worker, raw: unknown) => {
    const parsed = toPrimarySchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.huren === 'listening') {
      if (listening) return;
      listening = true;
      firstListening(message.port);
    } else if (message.huren === 'changed') {
      tellOthers(worker, message);
    } else if (guard) {
      guard.firstSighting(message.issuer, message.jti, new Date(message.expiresAt)).then(
        (first) => worker.isConnected() && worker.send({ huren: 'answer', id: message.id, first } satisfies ToWorker),
        (error: unknown) => {
          logger.error({ err: error }, 'token id not decided; refused');
          if (worker.isConnected()) worker.send({ huren: 'answer', id: message.id, first: false } satisfies ToWorker);
        },
      );
    }
  };

  const fork = (index: number) => {
    const worker = cluster.fork({ [WORKER_INDEX]: String(index) });
    indexOf.set(worker, index);
    startedAt.set(worker, Date.now());
    worker.on('message', (raw: unknown) => handle(worker, raw));
  };

  cluster.on('exit', (worker, code, signal) => {
    const index = indexOf.get(worker);
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    indexOf.delete(worker);
    startedAt.delete(worker);
    if (stopping || index === undefined) return;
    const deaths = lived < QUICK_DEATH_MS ? (quickDeaths.get(index) ?? 0) + 1 : 0;
    quickDeaths.set(index, deaths);
    const delayMs = deaths === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** deaths);
    logger.error({ index, code, signal, restartInMs: delayMs }, 'a server process exited; starting another');
    setTimeout(() => {
      if (!stopping) fork(index);
    }, delayMs);
  });
  for (let index = 0; index < config.workers; index += 1) fork(index);

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const exited = [...indexOf.keys()].map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.once('exit', () => resolve());
          worker.process.kill('SIGTERM');
        }),
    );
    if (forgetting) clearInterval(forgetting);
    void Promise.allSettled(exited)
      .then(() => guard?.flush())
      .catch((error: unknown) => logger.warn({ err: error }, 'token ids not stored at shutdown'))
      .finally(() => store.destroy())
      .finally(() => {
        logger.flush();
        process.exit(0);
      });
    setTimeout(() => process.exit(0), 8_000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

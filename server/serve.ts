import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp, type AppOptions } from './app';
import type { Config } from './config';
import { FrontTablePoller } from './ingest/front-table/poller';
import { readFrontTables } from './ingest/front-table/settings';
import { startMllp } from './ingest/hl7v2/mllp';
import { startMaintenance } from './maintenance';
import type { Services } from './services';
import { loadDevelopment } from './start/development';
import type { Preparation } from './start/prepare';
import type { Store } from './store/database';

export interface Serving {
  readonly port: number;
  readonly services: Services;
  /** Stops taking connections, writes what is pending and closes the store. */
  stop(): Promise<void>;
}

/** One server process: the app on the configured port, its maintenance timers, and an orderly stop. */
export async function serve(
  config: Config,
  logger: Logger,
  store: Store,
  options: {
    readonly cluster?: AppOptions['cluster'];
    readonly retention: boolean;
    /** What the store holds (migrations, demo data), reported by /health/ready. */
    readonly preparation: Preparation;
  },
): Promise<Serving> {
  const { app, services } = createApp({
    config,
    db: store.db,
    reader: store.reader,
    volatile: store.volatile,
    logger,
    ...(options.cluster ? { cluster: options.cluster } : {}),
    preparation: options.preparation,
    development: await loadDevelopment(config),
  });
  await services.replayGuard.load();
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const mllp = config.mllp ? await startMllp(services, config.mllp.port, config.mllp.host) : null;
  if (config.mllp)
    logger.info({ mllpHost: config.mllp.host, mllpPort: config.mllp.port }, 'HL7 v2 over MLLP listening');
  // One process polls the front tables (the one that also prunes), so each row is read once.
  const pollers =
    config.frontTables && options.retention
      ? readFrontTables(config.frontTables).map((table) => new FrontTablePoller(services, table))
      : [];
  for (const poller of pollers) poller.start();
  const stopMaintenance = startMaintenance(services, { retention: options.retention });
  return {
    port,
    services,
    stop: () =>
      new Promise<void>((resolve) => {
        stopMaintenance();
        services.refusals.stop();
        mllp?.close();
        for (const poller of pollers) void poller.stop();
        server.close(() => {
          void Promise.allSettled([
            services.replayGuard.flush(),
            services.unmappedCodes.flush(),
            services.accessLog.flush(),
          ])
            .finally(() => store.destroy())
            .then(() => resolve());
        });
      }),
  };
}

/** Exits on SIGTERM or SIGINT after `stop`, or after five seconds whatever happens. */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  const handler = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    logger.flush();
    void stop().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGTERM', () => handler('SIGTERM'));
  process.once('SIGINT', () => handler('SIGINT'));
}

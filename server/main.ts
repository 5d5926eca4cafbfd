import 'dotenv/config';
import type { AddressInfo } from 'node:net';
import { seedDemo } from '../fixtures/seed';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { migrate, openStore } from './store/database';
import { startMaintenance } from './maintenance';
import { isEmpty } from './store/registry';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nThe server did not start. See .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const store = openStore(config.store, logger);
  const { db } = store;
  await migrate(db);
  const { app, services } = createApp({ config, db, reader: store.reader, logger });
  await services.replayGuard.load();
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ port, store: config.store.client, publicUrl: config.publicUrl }, `Huren listening on http://${config.host}:${port}`);
  if (!config.production) logger.info({ url: `${config.publicUrl}/demo` }, `demo workstation: open ${config.publicUrl}/demo in a browser`);
  if (!config.cdsAuth) logger.warn('CDS_AUTH=off: hook and feedback calls are accepted without a signed JWT (development only)');
  logger.flush();

  if (config.seedDemo && (await isEmpty(db))) {
    const counts = await seedDemo(db, `http://127.0.0.1:${port}`, services.clock(), config.timeZone, () => services.reference.invalidate());
    logger.info(counts, 'demo data loaded into the empty store');
    logger.flush();
  }

  const stopMaintenance = startMaintenance(services);
  const stop = (signal: string) => {
    stopMaintenance();
    logger.info({ signal }, 'shutting down');
    logger.flush();
    server.close(() => {
      void Promise.allSettled([services.replayGuard.flush(), services.unmappedCodes.flush(), services.accessLog.flush()])
        .finally(() => store.destroy())
        .then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Huren failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

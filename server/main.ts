import 'dotenv/config';
import cluster from 'node:cluster';
import { ClusterLink } from './cluster/cluster-link';
import { runPrimary, WORKER_INDEX } from './cluster/primary';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { serve, stopOnSignals } from './serve';
import { DEMO_DATA, preparedByThePrimary, prepareStore } from './start/prepare';
import { openStore } from './store/database';

function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nThe server did not start. See .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** WORKERS=1: this process migrates, (development) seeds an empty store, then serves. */
async function alone(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const store = openStore(config.store, logger);
  const preparation = await prepareStore(config, store, logger);
  const serving = await serve(config, logger, store, { retention: true, preparation });
  logger.info(
    { port: serving.port, store: config.store.client, publicUrl: config.publicUrl },
    `Huren listening on http://${config.host}:${serving.port}`,
  );
  announceMode(config, logger);
  stopOnSignals(logger, serving.stop);
}

/** WORKERS>1, a worker: the primary has migrated (and seeds); this one serves its share of connections. */
async function worker(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel).child({ worker: Number(process.env[WORKER_INDEX] ?? 0) });
  const store = openStore(config.store, logger);
  const link = new ClusterLink((message) => process.send?.(message));
  process.on('message', (message: unknown) => link.receive(message));
  const serving = await serve(config, logger, store, {
    // On PostgreSQL every process inserts its token ids (the primary key decides); on SQLite the primary decides.
    cluster: {
      announce: (change) => link.announce(change),
      ...(config.store.client === 'sqlite' ? { replayGuard: link.replayGuard } : {}),
    },
    retention: process.env[WORKER_INDEX] === '0',
    preparation: preparedByThePrimary(),
  });
  link.onChange((change) =>
    change === 'reference' ? serving.services.reference.forget() : serving.services.clients.forget(),
  );
  process.once('disconnect', () => {
    link.disconnected();
    void serving.stop().finally(() => process.exit(1));
  });
  stopOnSignals(logger, serving.stop);
  process.send?.({ huren: 'listening', port: serving.port });
}

async function primary(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const store = openStore(config.store, logger);
  const preparation = await prepareStore(config, store, logger);
  // The workers fork with this environment; they report the preparation on /health/ready.
  process.env[DEMO_DATA] = preparation.demoData;
  announceMode(config, logger);
  await runPrimary(config, logger, store);
}

function announceMode(config: Config, logger: ReturnType<typeof createLogger>): void {
  if (!config.production)
    logger.info({ url: `${config.publicUrl}/demo` }, `demo workstation: open ${config.publicUrl}/demo in a browser`);
  if (!config.cdsAuth)
    logger.warn('CDS_AUTH=off: hook and feedback calls are accepted without a signed JWT (development only)');
  logger.flush();
}

const config = configOrExit();
const run = config.workers === 1 ? alone : cluster.isPrimary ? primary : worker;
run(config).catch((error: unknown) => {
  process.stderr.write(`Huren failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

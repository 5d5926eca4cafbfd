import 'dotenv/config';
import type { AddressInfo } from 'node:net';
import { seedDemo } from '../../fixtures/seed';
import { createApp } from '../app';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { migrate, openStore } from '../store/database';

/** `npm run seed`: migrate, then (re)load the demo data, reports through a private instance's POST /fhir. */
async function run(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.production) throw new ConfigError('refusing to load demo data with NODE_ENV=production');
  const logger = createLogger('warn');
  const store = openStore(config.store, logger);
  const { db } = store;
  await migrate(db);
  const { app, services } = createApp({ config, db, reader: store.reader, logger });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const counts = await seedDemo(db, `http://127.0.0.1:${port}`, services.clock(), config.timeZone, () =>
      services.reference.invalidate(),
    );
    process.stdout.write(
      `Demo data loaded into ${config.store.client === 'sqlite' ? config.store.file : 'PostgreSQL'}: ${JSON.stringify(counts)}\n`,
    );
  } finally {
    server.close();
    await store.destroy();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

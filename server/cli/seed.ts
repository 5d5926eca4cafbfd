import 'dotenv/config';
import { development } from '../demo/development';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { migrate, openStore } from '../store/database';

/** `npm run seed`: migrate, then (re)load the demo data, reports through the extraction `POST /fhir` uses. */
async function run(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.production) throw new ConfigError('refusing to load demo data with NODE_ENV=production');
  const store = openStore(config.store, createLogger('warn'));
  try {
    await migrate(store.db);
    const counts = await development.seed(store.db, config, new Date());
    process.stdout.write(
      `Demo data loaded into ${config.store.client === 'sqlite' ? config.store.file : 'PostgreSQL'}: ${JSON.stringify(counts)}\n`,
    );
  } finally {
    await store.destroy();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import 'dotenv/config';
import { loadConfig } from '../config';
import { migrate, openStore } from '../store/database';
import { accessLogRetentionCutoff, pruneAccessLog } from '../store/access-log';
import { pruneExpiredResults } from '../store/retention';

/** `npm run prune`: remove results past the longest recognition window in force, and access log entries past their retention, now. */
async function run(): Promise<void> {
  const config = loadConfig(process.env);
  const store = openStore(config.store);
  const { db } = store;
  try {
    await migrate(db);
    const { cutoff, pruned } = await pruneExpiredResults(db, new Date());
    process.stdout.write(`pruned ${pruned} results taken before ${cutoff}\n`);
    const accessCutoff = accessLogRetentionCutoff(new Date(), config.accessLogRetentionDays);
    process.stdout.write(
      `pruned ${await pruneAccessLog(db, accessCutoff)} access log entries before ${accessCutoff.toISOString()}\n`,
    );
  } finally {
    await store.destroy();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`prune failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

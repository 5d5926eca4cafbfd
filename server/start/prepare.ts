import type { Logger } from 'pino';
import type { Config } from '../config';
import { loadDevelopment } from './development';
import { migrate, type Store } from '../store/database';
import { isEmpty } from '../store/registry';

/** What the store held when the server began to listen: /health/ready reports it. */
export interface Preparation {
  readonly migrations: 'current';
  readonly demoData: 'loaded' | 'present' | 'off';
}

/**
 * Everything before the first connection: the migrations, and in development the demo data into an
 * empty store. Nothing listens until this is done, so no hook, decision or console call is answered
 * from a store without its schema or its registry.
 */
export async function prepareStore(config: Config, store: Store, logger: Logger): Promise<Preparation> {
  await migrate(store.db);
  if (!config.seedDemo) return { migrations: 'current', demoData: 'off' };
  if (!(await isEmpty(store.db))) return { migrations: 'current', demoData: 'present' };
  const development = await loadDevelopment(config);
  if (!development) return { migrations: 'current', demoData: 'off' };
  const counts = await development.seed(store.db, config, new Date());
  logger.info(counts, 'demo data loaded into the empty store');
  return { migrations: 'current', demoData: 'loaded' };
}

/** Set in the workers' environment by the primary (WORKERS > 1): what it found or loaded. */
export const DEMO_DATA = 'HUREN_DEMO_DATA';

export function preparedByThePrimary(): Preparation {
  const demoData = process.env[DEMO_DATA];
  return { migrations: 'current', demoData: demoData === 'loaded' || demoData === 'present' ? demoData : 'off' };
}

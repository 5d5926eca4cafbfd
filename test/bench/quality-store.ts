import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex from 'knex';
import { startCluster } from '../support/postgres-cluster';

/** A throwaway store for a benchmark's server: the environment that points it there, and how to remove it. */
export interface BenchStore {
  readonly env: { DATABASE_URL: string } | { SQLITE_FILE: string };
  remove(): void;
}

/**
 * `postgres`: a cluster with PostgreSQL's default durability (fsync on) and an empty database `name`;
 * otherwise a SQLite file in a temporary folder. Both benchmarks (run.ts, quality-scale.ts) use it.
 */
export async function benchStore(store: string, name: string, log: (message: string) => void): Promise<BenchStore> {
  if (store === 'postgres') {
    log('starting a PostgreSQL cluster with default durability (fsync on)');
    const cluster = await startCluster({ durable: true });
    const admin = knex({ client: 'pg', connection: cluster.adminUrl });
    await admin.raw(`create database ${name}`);
    await admin.destroy();
    return { env: { DATABASE_URL: cluster.adminUrl.replace(/\/postgres$/, `/${name}`) }, remove: () => cluster.stop() };
  }
  const folder = mkdtempSync(join(tmpdir(), `${name}-`));
  return {
    env: { SQLITE_FILE: join(folder, 'bench.sqlite') },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

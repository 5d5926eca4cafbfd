import { mkdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import knex, { type Knex } from 'knex';
import type { Config } from '../config';

export type Database = Knex;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

interface MigrationModule {
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

/** Timestamped TypeScript migrations, read from the folder in name order (append-only). */
const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    const files = await readdir(MIGRATIONS_DIR);
    return files.filter((file) => /^\d{14}_[\w-]+\.ts$/.test(file)).sort();
  },
  getMigrationName(file) {
    return file.replace(/\.ts$/, '');
  },
  async getMigration(file) {
    return (await import(join(MIGRATIONS_DIR, file))) as MigrationModule;
  },
};

/** Where knex's own warnings go (lost connections, pool trouble): our structured log, not the console. */
export interface StoreLog {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
  debug(object: object, message: string): void;
}

function knexLog(log: StoreLog | undefined): Knex.Config['log'] {
  if (!log) return undefined;
  return {
    warn: (message: unknown) => log.warn({ store: String(message) }, 'store warning'),
    error: (message: unknown) => log.error({ store: String(message) }, 'store error'),
    deprecate: (message: unknown) => log.debug({ store: String(message) }, 'store deprecation'),
    debug: (message: unknown) => log.debug({ store: String(message) }, 'store debug'),
  };
}

type SqliteConnection = { run(sql: string, done: (error: Error | null) => void): void };
type PgSession = { query(sql: string, done: (error: Error | null) => void): void };

function withPragmas(pragmas: readonly string[]) {
  return (connection: SqliteConnection, done: (error: Error | null, connection: unknown) => void) => {
    const next = (index: number): void => {
      const pragma = pragmas[index];
      if (pragma === undefined) {
        done(null, connection);
        return;
      }
      connection.run(pragma, (error) => (error ? done(error, connection) : next(index + 1)));
    };
    next(0);
  };
}

/**
 * The store as two handles: `db` for writes (and anything that must read its own writes in a
 * transaction) and `reader` for the hot read paths. On PostgreSQL both are the same pool. On SQLite
 * the writer is the one connection SQLite allows to write, and the readers are separate read-only
 * connections that WAL lets run beside it, so a hook's reads never queue behind another's commit.
 */
export interface Store {
  readonly db: Database;
  readonly reader: Database;
  /**
   * Writes a crash may lose without harm (CDS client token ids: losing some only reopens a window of
   * minutes). On PostgreSQL a small pool whose commits do not wait for the disk, so a hook call does
   * not wait for a flush; on SQLite the writer (SQLite's token ids are batched anyway).
   */
  readonly volatile: Database;
  destroy(): Promise<void>;
}

export function openStore(store: Config['store'], log?: StoreLog): Store {
  if (store.client === 'pg') {
    // Fail fast when PostgreSQL is away rather than queueing requests for a minute.
    const db = knex({
      client: 'pg',
      connection: store.url,
      pool: { min: 0, max: 10 },
      acquireConnectionTimeout: 5_000,
      migrations: { migrationSource },
      log: knexLog(log),
    });
    const volatile = knex({
      client: 'pg',
      connection: store.url,
      acquireConnectionTimeout: 5_000,
      log: knexLog(log),
      pool: {
        min: 0,
        max: 4,
        afterCreate: (connection: PgSession, done: (error: Error | null, connection: PgSession) => void) =>
          connection.query('SET synchronous_commit TO off', (error) => done(error, connection)),
      },
    });
    return {
      db,
      reader: db,
      volatile,
      destroy: async () => void (await Promise.all([db.destroy(), volatile.destroy()])),
    };
  }
  if (store.file !== ':memory:') mkdirSync(dirname(store.file), { recursive: true });
  const sqlite = (pool: Knex.PoolConfig): Database =>
    knex({
      client: 'sqlite3',
      connection: { filename: store.file },
      useNullAsDefault: true,
      acquireConnectionTimeout: 10_000,
      log: knexLog(log),
      migrations: { migrationSource },
      pool,
    });
  // WAL lets readers work during a write; synchronous=FULL so a 2xx survives power loss.
  const db = sqlite({
    min: 1,
    max: 1,
    afterCreate: withPragmas([
      'PRAGMA journal_mode = WAL',
      'PRAGMA synchronous = FULL',
      'PRAGMA foreign_keys = ON',
      'PRAGMA busy_timeout = 5000',
    ]),
  });
  const reader = sqlite({
    min: 0,
    max: 4,
    afterCreate: withPragmas(['PRAGMA query_only = ON', 'PRAGMA busy_timeout = 5000']),
  });
  return {
    db,
    reader,
    volatile: db,
    async destroy() {
      await Promise.all([db.destroy(), reader.destroy()]);
    },
  };
}

export async function migrate(db: Database): Promise<void> {
  await db.migrate.latest();
}

/** Booleans come back as 0/1 from SQLite and true/false from PostgreSQL. */
export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

/** Counts come back as strings from PostgreSQL (bigint). */
export function count(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** A primary-key or unique-constraint conflict, by the driver's error code (SQLite, PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    (code === 'SQLITE_CONSTRAINT' && errno === 19)
  );
}

/** A round trip to the store (readiness probes). */
export async function ping(db: Database): Promise<void> {
  await db.raw('select 1');
}

import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import knex from 'knex';
import { inject } from 'vitest';
import { seedDemo } from '../../fixtures/seed';
import { development, seedSettings } from '../../server/demo/development';
import { createApp } from '../../server/app';
import type { Config } from '../../server/config';
import type { ResolveHost } from '../../server/fhir/ehr-address';
import { createLogger } from '../../server/logger';
import { patientKey } from '../../server/fhir/patient-key';
import type { Services } from '../../server/services';
import { appendAccess } from '../../server/store/access-log';
import { createApiToken, type ApiRole } from '../../server/store/api-tokens';
import { migrate, openStore } from '../../server/store/database';
import { testConfig } from './config';

/** The demo's "today" in tests: 2026-03-10 10:00 in Shanghai, fixed so every day count is exact. */
export const TEST_NOW = new Date('2026-03-10T02:00:00Z');

export interface TestServer {
  readonly url: string;
  readonly services: Services;
  readonly config: Config;
  /** Every log line the server wrote, for tests that check what never reaches the logs. */
  readonly logs: string[];
  /** A platform API token (ingest, registry). */
  readonly platformToken: string;
  /** A new API token for a role, bound to a hospital for quality and admin. */
  token(role: ApiRole, hospitalId?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the real app on a real port over a real SQLite file, migrated; with `seed`, the demo
 * data is loaded the way `npm start` does it (before listening, reports through the extraction POST /fhir uses).
 */
export async function startServer(
  options: {
    seed?: boolean;
    env?: Record<string, string>;
    now?: Date;
    /** Serve at the address PUBLIC_URL names (browsers follow it). */
    reachable?: boolean;
    /** How EHR host names resolve; by default every name to a documentation address (msw answers, no DNS). */
    resolveHost?: ResolveHost;
    /** The server's clock, for tests that let time pass (defaults to `now`, fixed). */
    clock?: () => Date;
  } = {},
): Promise<TestServer> {
  const postgres = process.env.HUREN_TEST_STORE === 'postgres' ? await freshPostgresDatabase() : null;
  const port = options.reachable ? await freePort() : 0;
  const config = testConfig({
    LOG_LEVEL: 'info',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    ...(options.reachable ? { PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger(config.logLevel, sink);
  const store = openStore(config.store, logger);
  const { db } = store;
  await migrate(db);
  const now = options.now ?? TEST_NOW;
  // As `npm start` does: the demo data is in place before the server listens.
  if (options.seed ?? true) await seedDemo(db, seedSettings(config, now), () => undefined);
  const { app, services } = createApp({
    config,
    db,
    reader: store.reader,
    logger,
    clock: options.clock ?? (() => now),
    resolveHost: options.resolveHost ?? documentationAddress,
    // As the server does outside production: the demo's routes.
    development: config.production ? null : development,
  });
  const server: Server = app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = async (role: ApiRole, hospitalId?: string) =>
    (await createApiToken(db, { name: `test ${role}`, role, hospitalId: hospitalId ?? null }, now)).token;
  return {
    url,
    services,
    config,
    logs,
    platformToken: await token('platform'),
    token,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // As the real server does on shutdown: write the batches now, so no timer writes after the store is gone.
      await Promise.allSettled([services.replayGuard.flush(), services.unmappedCodes.flush()]);
      await store.destroy();
      await postgres?.drop();
    },
  };
}

/** TEST-NET-3 (RFC 5737): never routed; the mocked EHRs are answered by msw before any socket. */
const documentationAddress: ResolveHost = async () => ['203.0.113.10'];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A second instance over the same store with its own clock (another server, another day). */
export async function startSibling(first: TestServer, now: Date): Promise<{ url: string; close(): Promise<void> }> {
  const { app } = createApp({
    config: first.config,
    db: first.services.db,
    logger: createLogger('silent'),
    clock: () => now,
    development: first.config.production ? null : development,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function getJson(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : text };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Some refusals are not JSON; the test sees the text.
  }
  return { status: response.status, body: parsed };
}

/**
 * Everything the store holds, as text to search: for SQLite the bytes on disk (main file and
 * write-ahead log), for PostgreSQL every row of every table.
 */
export async function storeContents(server: TestServer): Promise<string> {
  if (server.config.store.client === 'sqlite') {
    const { file } = server.config.store;
    return [file, `${file}-wal`]
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path, 'latin1'))
      .join('\n');
  }
  const { db } = server.services;
  const tables = await db('information_schema.tables').where({ table_schema: 'public' }).pluck('table_name');
  const dumps = await Promise.all(
    tables.map((table: string) => db.raw("select coalesce(json_agg(t)::text, '') as rows from ?? t", [table])),
  );
  return dumps.map((dump) => String(dump.rows[0]?.rows ?? '')).join('\n');
}

/** A new, empty database on the run's PostgreSQL cluster. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `huren_${crypto.randomUUID().replaceAll('-', '')}`;
  const admin = knex({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  await admin.raw('create database ??', [name]);
  await admin.destroy();
  return {
    url: adminUrl.replace(/\/postgres$/, `/${name}`),
    async drop() {
      const again = knex({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
      await again.raw('drop database if exists ?? with (force)', [name]);
      await again.destroy();
    },
  };
}

/**
 * Records that a hospital's EHR opened a patient's chart (a signed hook call's entry in the access
 * log): what makes the patient the hospital's own for explain, as a real call would.
 */
export async function chartOpened(server: TestServer, nationalId: string, hospitalId: string): Promise<void> {
  await appendAccess(server.services.db, [
    {
      at: TEST_NOW.toISOString(),
      hospitalId,
      actorKind: 'cds-client',
      actor: `https://ehr.${hospitalId.toLowerCase()}.example`,
      actorName: null,
      patientKey: patientKey(server.config.patientKeySecret, nationalId),
      endpoint: 'POST /cds-services/recognition-patient-view',
      results: 0,
      refused: false,
    },
  ]);
}

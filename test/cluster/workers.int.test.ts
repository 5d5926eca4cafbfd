import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { createApiToken } from '../../server/store/api-tokens';
import { tempDir } from '../support/config';
import { freshPostgresDatabase } from '../support/server';
import { launch, type Running } from '../support/server-process';

const postgres = process.env.HUREN_TEST_STORE === 'postgres';
const ROOT = join(import.meta.dirname, '..', '..');
const HOOK = readFileSync(join(ROOT, 'fixtures/hooks/order-select-zhang-wei.json'), 'utf8');
const ISSUER = DEMO_CLIENTS[0].issuer;

/** One call on a connection of its own: node:cluster hands each new connection to the next worker. */
function post(
  url: string,
  path: string,
  body: string,
  authorization: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request(
      `${url}${path}`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

const hookCall = async (server: Running, jti?: string) => {
  const token = await mintClientToken({
    issuer: ISSUER,
    audience: 'http://huren.test/cds-services/recognition-order-select',
    ...(jti ? { jti } : {}),
  });
  return post(server.url, '/cds-services/recognition-order-select', HOOK, `Bearer ${token}`);
};

/** The worker processes the primary forked (Linux: /proc lists a process's children). */
function workerPids(server: Running): number[] {
  const pid = server.child.pid as number;
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

let server: Running;
let platformToken: string;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const store: Record<string, string> = postgres
    ? await freshPostgresDatabase().then((database) => {
        dropDatabase = database.drop;
        return { DATABASE_URL: database.url };
      })
    : { SQLITE_FILE: join(tempDir(), 'cluster.sqlite') };
  server = await launch({ ...store, WORKERS: '2', CDS_AUTH: 'on', LOG_LEVEL: 'debug' }, 'demo data loaded');
  const direct = knex(
    postgres
      ? { client: 'pg', connection: store.DATABASE_URL }
      : { client: 'sqlite3', connection: { filename: store.SQLITE_FILE as string }, useNullAsDefault: true },
  );
  platformToken = (
    await createApiToken(direct, { name: 'cluster test', role: 'platform', hospitalId: null }, new Date())
  ).token;
  await direct.destroy();
});

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  }
  await dropDatabase?.();
});

describe(`WORKERS=2: the server as two processes on one port (${postgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('answers hook calls from both processes, with the same cards', async () => {
    // Successful hook calls are logged at debug with the worker that served them (lines are written about once a second).
    const served = () =>
      [
        ...new Set(
          [...server.output().matchAll(/"worker":(\d+),[^\n]*"path":"\/cds-services\/recognition-order-select"/g)].map(
            (match) => match[1],
          ),
        ),
      ].sort();
    // Calls in concurrent batches, each on connections of its own: which process accepts a connection is
    // the kernel's and the primary's choice, so batches go on (a bounded number) until both have answered.
    const answers = [];
    for (let batch = 0; batch < 8; batch += 1) {
      answers.push(...(await Promise.all(Array.from({ length: 6 }, () => hookCall(server)))));
      const both = await expect
        .poll(served, { timeout: 5_000, interval: 200 })
        .toEqual(['0', '1'])
        .then(
          () => true,
          () => false,
        );
      if (both) break;
    }
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).cards[0].summary).toContain('钾');
    }
    expect(served()).toEqual(['0', '1']);
  });

  it('refuses a replayed token whichever process it reaches', async () => {
    const jti = crypto.randomUUID();
    const statuses = [];
    for (let call = 0; call < 4; call += 1) statuses.push((await hookCall(server, jti)).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
  });

  it('starts a new process when one dies, and answers as before', async () => {
    const before = workerPids(server);
    expect(before).toHaveLength(2);
    process.kill(before[0] as number, 'SIGKILL');
    await expect
      .poll(() => workerPids(server).filter((pid) => !before.includes(pid)), { timeout: 60_000, interval: 200 })
      .toHaveLength(1);
    expect(workerPids(server)).toHaveLength(2);
    for (let call = 0; call < 4; call += 1) expect((await hookCall(server)).status).toBe(200);
  });

  it('applies a revocation made through one process in every process at once', async () => {
    const revoked = await post(
      server.url,
      '/api/platform/clients/revoke',
      JSON.stringify({ issuer: ISSUER }),
      `Bearer ${platformToken}`,
    );
    expect(revoked.status).toBe(200);
    // Within the 30 s refresh, a process that had not heard would still accept the revoked client.
    const statuses = [];
    for (let call = 0; call < 4; call += 1) statuses.push((await hookCall(server)).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
  });
});

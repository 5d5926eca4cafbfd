import { join } from 'node:path';
import knex, { type Knex } from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { tempDir } from '../support/config';
import { orderRequest } from '../support/hook-requests';
import { launch, type Running } from '../support/server-process';

const SELECT = 'recognition-order-select';
const LOCK_MS = 15_000;

let running: Running | undefined;
let intruder: Knex | undefined;

afterAll(async () => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  await intruder?.destroy();
});

/** Resolves when `check` holds, polling; the test's own timeout bounds it. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('point 3: the SQLite write lock held by another process for longer than the busy timeout', () => {
  it('keeps the server alive, hooks degrade within their budget, token ids stay in memory, and all recovers', async () => {
    const file = join(tempDir(), 'locked.sqlite');
    running = await launch({ SQLITE_FILE: file, CDS_AUTH: 'on', HOOK_BUDGET_MS: '500' }, 'demo data loaded');
    const server = running;
    const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
    let alive = true;
    void exited.then(() => (alive = false));
    const call = async (jti = crypto.randomUUID()) => {
      const token = await mintClientToken({
        issuer: DEMO_CLIENTS[0].issuer,
        audience: `http://huren.test/cds-services/${SELECT}`,
        jti,
      });
      const response = await fetch(`${server.url}/cds-services/${SELECT}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K'])),
      });
      return {
        status: response.status,
        degraded: response.headers.get('x-huren-degraded'),
        body: response.status === 200 ? await response.json() : null,
      };
    };

    intruder = knex({
      client: 'sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
    let locked: () => void = () => undefined;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const lock = intruder
      .transaction(async (trx) => {
        await trx.raw('insert into alliances (id, name) values (?, ?)', ['A-LOCK', 'lock']);
        locked();
        await new Promise((resolve) => setTimeout(resolve, LOCK_MS));
        await trx.rollback();
      })
      .catch(() => undefined);
    await lockTaken;

    // A hook call while the lock is held: its token id must be stored, and cannot be.
    const duringLock = [crypto.randomUUID()];
    const answer = await call(duringLock[0]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ cards: [] });
    expect(answer.degraded).toBe('timeout');
    // The background write of those token ids fails past the busy timeout: logged, not fatal.
    await until(() => !alive || server.output().includes('token ids not stored yet'));
    expect(alive).toBe(true);
    // Still refused as replays: the ids are kept in memory until they are stored.
    expect((await call(duringLock[0])).status).toBe(401);

    await lock;
    expect(alive).toBe(true);
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    await until(
      async () =>
        (await intruder!('cds_jtis').whereIn('jti', duringLock).count({ n: '*' }).first())?.n === duringLock.length,
    );
    const after = await call();
    expect(after.status).toBe(200);
    expect(after.body.cards).toHaveLength(1);
    expect(alive).toBe(true);
  }, 120_000);
});

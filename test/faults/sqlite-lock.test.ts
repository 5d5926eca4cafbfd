import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
let intruder: Knex;

beforeAll(async () => {
  server = await startServer({ env: { HOOK_BUDGET_MS: '500' } });
  if (server.config.store.client !== 'sqlite') throw new Error('this suite is about the SQLite file');
  intruder = knex({ client: 'sqlite3', connection: { filename: server.config.store.file }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
});
afterAll(async () => {
  await intruder.destroy();
  await server.close();
});

describe('the SQLite file locked by another process', () => {
  it('a hook still answers within its budget, without cards, and stores nothing it did not show', async () => {
    const prompts = await server.services.db('prompts').count({ n: '*' }).first();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Another writer takes the write lock and keeps it for three seconds.
    const lock = intruder.transaction(async (trx) => {
      await trx.raw('insert into alliances (id, name) values (?, ?)', ['A-LOCK', 'lock']);
      await held;
      await trx.rollback();
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = Date.now();
    const response = await fetch(`${server.url}/cds-services/recognition-order-select`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K'])),
    });
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ cards: [] });
    expect(response.headers.get('x-huren-degraded')).toBe('timeout');
    // Answered at the 500 ms budget, not after the lock (3 s) or the busy timeout (5 s).
    expect(elapsed).toBeLessThan(2_500);

    setTimeout(release, 2_500);
    await lock;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await server.services.db('prompts').count({ n: '*' }).first()).toEqual(prompts);
    // And once the lock is gone, cards again.
    expect((await postJson(`${server.url}/cds-services/recognition-order-select`, orderRequest('order-select', 'zhang-wei', ['LAB-K']))).body.cards).toHaveLength(1);
  }, 20_000);
});

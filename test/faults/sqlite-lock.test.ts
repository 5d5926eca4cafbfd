import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gate } from '../support/gate';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
let intruder: Knex;

beforeAll(async () => {
  server = await startServer({ env: { HOOK_BUDGET_MS: '500' } });
  if (server.config.store.client !== 'sqlite') throw new Error('this suite is about the SQLite file');
  intruder = knex({
    client: 'sqlite3',
    connection: { filename: server.config.store.file },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
});
afterAll(async () => {
  await intruder.destroy();
  await server.close();
});

describe('the SQLite file locked by another process', () => {
  it('a hook still answers within its budget, without cards, and stores nothing it did not show', async () => {
    const prompts = await server.services.db('prompts').count({ n: '*' }).first();
    const locked = gate();
    const unlock = gate();
    // Another writer takes the write lock and keeps it until the hook has answered.
    const lock = intruder
      .transaction(async (trx) => {
        await trx.raw('insert into alliances (id, name) values (?, ?)', ['A-LOCK', 'lock']);
        locked.open();
        await unlock.opened;
        await trx.rollback();
      })
      .catch(() => undefined);
    await locked.opened;

    const response = await fetch(`${server.url}/cds-services/recognition-order-select`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K'])),
    });
    // Answered while the lock is still held: at the budget, not after the lock or SQLite's busy timeout.
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ cards: [] });
    expect(response.headers.get('x-huren-degraded')).toBe('timeout');

    unlock.open();
    await lock;
    // Once the lock is gone, cards again. The one writer connection takes statements in order, so by the
    // time this card's prompt is stored, the abandoned call's prompt has been stored and taken back, or never was.
    expect(
      (
        await postJson(
          `${server.url}/cds-services/recognition-order-select`,
          orderRequest('order-select', 'zhang-wei', ['LAB-K']),
        )
      ).body.cards,
    ).toHaveLength(1);
    await vi.waitFor(
      async () =>
        expect(await server.services.db('prompts').count({ n: '*' }).first()).toEqual({ n: Number(prompts?.n) + 1 }),
      { timeout: 20_000 },
    );
  });
});

import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { SYSTEMS } from '../../server/fhir/systems';
import { refreshOrderTallies } from '../../server/store/order-tallies';
import { deletePrompts } from '../../server/store/prompts';
import { insertOrders, type OrderSpec } from '../support/quality-orders';
import { getJson, startServer, type TestServer } from '../support/server';

/**
 * The province's rollup (server/store/order-tallies.ts) on SQLite and PostgreSQL: an order belongs to
 * the day of its first card, however late its signing card; what changes after the figures were read
 * shows on the next read; a store that held orders before the rollup existed gets them all counted.
 */
let server: TestServer;
let n = 0;

function order(hospitalId: string, day: string, spec: Partial<OrderSpec> = {}): OrderSpec {
  n += 1;
  return {
    id: `tally-${String(n).padStart(4, '0')}`,
    hospitalId,
    createdAt: `${day}T10:${String(n).padStart(2, '0')}:00Z`,
    createdOn: day,
    patientKey: `tally-patient-${n}`,
    itemCode: 'LAB-K',
    offered: [{ institutionId: HOSPITALS.jialing }],
    ...spec,
  };
}

const figures = async (from: string, to: string) => {
  const { status, body } = await getJson(`${server.url}/api/platform/figures?from=${from}&to=${to}`, {
    authorization: `Bearer ${server.platformToken}`,
  });
  expect(status).toBe(200);
  return body;
};
const shancheng = (body: any) => body.byHospital.find((hospital: any) => hospital.id === HOSPITALS.shancheng);

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe("the province's rollup", () => {
  it('counts an order signed after midnight once, on the day of its first card, decided by its later card', async () => {
    await insertOrders(server.services.db, [
      order(HOSPITALS.shancheng, '2025-04-01', {
        signed: true,
        decision: { outcome: 'accepted', onSigningCard: true },
      }),
    ]);
    const first = (await figures('2025-04-01', '2025-04-02')).totals;
    expect(first).toMatchObject({ orders: 1, accepted: 1 });
    // The signing card moves past midnight, into the next local day.
    const db = server.services.db;
    await db('prompts')
      .where('id', `tally-${String(n).padStart(4, '0')}-sign`)
      .update({
        created_at: '2025-04-01T16:30:00Z',
        created_on: '2025-04-02',
      });
    expect((await figures('2025-04-01', '2025-04-02')).totals).toMatchObject({ orders: 1, accepted: 1 });
    expect((await figures('2025-04-02', '2025-04-02')).totals).toMatchObject({ orders: 0 });
    // Whole months read the monthly rows, the ends of a period the daily ones: the same order either way.
    expect((await figures('2025-03-31', '2025-04-01')).totals).toMatchObject({ orders: 1, accepted: 1 });
    expect((await figures('2025-04-01', '2025-04-30')).totals).toMatchObject({ orders: 1, accepted: 1 });
    expect((await figures('2025-04-01', '2025-04-01')).byMonth).toEqual([
      expect.objectContaining({ key: '2025-04', orders: 1, accepted: 1 }),
    ]);
  });

  it('drops the cards a hook took back (never shown to the doctor) from the figures', async () => {
    await insertOrders(server.services.db, [
      order(HOSPITALS.shancheng, '2025-04-10'),
      order(HOSPITALS.shancheng, '2025-04-10'),
    ]);
    expect(shancheng(await figures('2025-04-10', '2025-04-10'))).toMatchObject({ orders: 2, noDecision: 2 });
    await deletePrompts(server.services.db, [`tally-${String(n).padStart(4, '0')}`]);
    expect(shancheng(await figures('2025-04-10', '2025-04-10'))).toMatchObject({ orders: 1, noDecision: 1 });
  });

  it('lets two refreshes run at once without counting anything twice', async () => {
    await insertOrders(
      server.services.db,
      Array.from({ length: 30 }, (_, index) =>
        order(
          index % 2 ? HOSPITALS.qijiang : HOSPITALS.yuzhong,
          `2025-04-${String(11 + (index % 5)).padStart(2, '0')}`,
          {
            decision: { outcome: 'accepted' },
          },
        ),
      ),
    );
    const refreshed = await Promise.all([
      refreshOrderTallies({ writer: server.services.db, reader: server.services.reader }, SYSTEMS.exceptionReason),
      refreshOrderTallies({ writer: server.services.db, reader: server.services.reader }, SYSTEMS.exceptionReason),
    ]);
    // Each noted day re-derived with the day before it: 5 days and 1 day before, for 2 hospitals.
    expect(refreshed.reduce((sum, days) => sum + days, 0)).toBe(12);
    expect((await figures('2025-04-11', '2025-04-15')).totals).toMatchObject({
      orders: 30,
      accepted: 30,
      hospitals: 2,
    });
  });

  it("derives the noted days on the reader, so a hook's write is never held behind a refresh's reads", async () => {
    await insertOrders(server.services.db, [
      order(HOSPITALS.shancheng, '2025-05-20', { decision: { outcome: 'accepted' } }),
    ]);
    const stores = { writer: server.services.db, reader: server.services.reader };
    // The writer is held (on SQLite, the one connection every prompt is written through) for as long
    // as this transaction stays open; the refresh must still read and derive the day meanwhile.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Should the refresh wait for the writer (the fault this guards against), the test times out: the
    // writer is then let go, so the tests after it still run.
    onTestFinished(() => release());
    const holding = server.services.db.transaction(async (trx) => {
      await trx('order_day_changes').count({ n: '*' });
      await held;
    });
    const derived = new Promise<void>((resolve) => {
      const seen = (query: { sql: string }) => {
        if (!/[`"]prompts[`"]/.test(query.sql)) return;
        server.services.reader.removeListener('query', seen);
        resolve();
      };
      server.services.reader.on('query', seen);
    });
    const refreshing = refreshOrderTallies(stores, SYSTEMS.exceptionReason);
    await derived;
    release();
    await holding;
    expect(await refreshing).toBeGreaterThanOrEqual(2);
    expect(shancheng(await figures('2025-05-20', '2025-05-20'))).toMatchObject({ orders: 1, accepted: 1 });
  });

  it('takes a month less its days outside the period, and lists no hospital whose orders all fall outside', async () => {
    await insertOrders(server.services.db, [
      order(HOSPITALS.nanan, '2025-04-30', { decision: { outcome: 'accepted' } }),
    ]);
    const april = await figures('2025-04-01', '2025-04-30');
    expect(april.byHospital.map((hospital: any) => hospital.id)).toContain(HOSPITALS.nanan);
    // 2 April to 29 April: most of the month, read as April less the 1st and the 30th.
    const most = await figures('2025-04-02', '2025-04-29');
    expect(most.byHospital.map((hospital: any) => hospital.id)).not.toContain(HOSPITALS.nanan);
    expect(shancheng(most)).toMatchObject({ orders: 1 });
    expect(most.totals.orders).toBe(april.totals.orders - 2);
    expect(most.totals.recognisedItems).toBe(1);
  });

  it('counts the orders a store held before the rollup existed', async () => {
    const db = server.services.db;
    const before = await figures('2025-04-01', '2025-04-30');
    const nameOf = (migration: unknown) =>
      typeof migration === 'string' ? migration : String((migration as { name?: string }).name ?? migration);
    while ((await db.migrate.list())[0].map(nameOf).some((name: string) => name >= '20261206180000'))
      await db.migrate.down();
    await db.migrate.latest();
    expect(Number((await db('order_day_tallies').count({ n: '*' }).first())?.n)).toBe(0);
    expect(await figures('2025-04-01', '2025-04-30')).toEqual(before);
  });
});

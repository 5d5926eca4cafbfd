import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { demoPatient, orderRequest } from '../support/hook-requests';
import { chartOpened, getJson, postJson, startServer, type TestServer } from '../support/server';

const A = HOSPITALS.shancheng;
const B = HOSPITALS.qijiang;
let server: TestServer;
let tokens: Record<'qualityA' | 'adminA' | 'qualityB' | 'adminB', string>;
let cardB: any;

beforeAll(async () => {
  server = await startServer();
  tokens = {
    qualityA: await server.token('quality', A),
    adminA: await server.token('admin', A),
    qualityB: await server.token('quality', B),
    adminB: await server.token('admin', B),
  };
  // Activity at A and at B.
  await postJson(
    `${server.url}/cds-services/recognition-order-select`,
    orderRequest('order-select', 'zhang-wei', ['LAB-K'], { hospitalId: A }),
  );
  const b = orderRequest('order-select', 'chen-jing', ['LAB-CBC'], { hospitalId: B });
  b.context.draftOrders.entry[0].resource.code = {
    coding: [{ system: 'https://his.example/H-CQ-006/order-item', code: 'QJ-UNKNOWN', display: '綦江未对照' }],
  };
  await postJson(`${server.url}/cds-services/recognition-order-select`, b);
  cardB = (
    await postJson(
      `${server.url}/cds-services/recognition-order-select`,
      orderRequest('order-select', 'chen-jing', ['LAB-CBC'], { hospitalId: B }),
    )
  ).body.cards[0];
  await postJson(`${server.url}/cds-services/recognition-order-select/feedback`, {
    feedback: [{ card: cardB.uuid, outcome: 'overridden', outcomeTimestamp: '2026-03-10T02:00:00Z' }],
  });
  await fetch(`${server.url}/api/admin/rules`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.adminB}` },
    body: JSON.stringify({ disabledItems: ['LAB-NA'], disabledDisciplines: [], windowDays: {} }),
  });
  await fetch(`${server.url}/api/admin/code-mappings`, {
    method: 'PUT',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${tokens.adminB}` },
    body: 'local_code,local_name,item_code\nQJ-ONLY-B,仅綦江,LAB-K\n',
  });
});
afterAll(async () => {
  await server.close();
});

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const text = async (path: string, token: string) =>
  (await fetch(`${server.url}${path}`, { headers: as(token) })).text();

describe('a token of hospital A can neither read nor change anything of hospital B', () => {
  it('quality: lists, statistics, choices and exports hold only A', async () => {
    const orders = (await getJson(`${server.url}/api/quality/orders?pageSize=500`, as(tokens.qualityA))).body;
    expect(orders.rows.length).toBeGreaterThan(0);
    expect(orders.rows.every((row: any) => row.promptId !== cardB.uuid && row.itemCode !== 'LAB-CBC')).toBe(true);
    const stats = (await getJson(`${server.url}/api/quality/statistics`, as(tokens.qualityA))).body;
    expect(stats.totals.orders).toBe(orders.total);
    expect(stats.byItem.map((group: any) => group.key)).not.toContain('LAB-CBC');
    expect(
      (await getJson(`${server.url}/api/quality/facets`, as(tokens.qualityA))).body.items.map((i: any) => i.code),
    ).not.toContain('LAB-CBC');
    expect(await text('/api/quality/orders.csv', tokens.qualityA)).not.toContain(cardB.uuid);
    expect(await text('/api/quality/report.csv?month=2026-03', tokens.qualityA)).not.toContain('血常规');
    // B's own quality department does see it.
    expect(
      (await getJson(`${server.url}/api/quality/orders`, as(tokens.qualityB))).body.rows.map(
        (row: any) => row.promptId,
      ),
    ).toContain(cardB.uuid);
  });

  it("quality: B's order detail is not found for A", async () => {
    const { status } = await getJson(`${server.url}/api/quality/orders/${cardB.uuid}`, as(tokens.qualityA));
    expect(status).toBe(404);
  });

  it('admin: reading and writing rules, history, rollback and dry runs touch only A', async () => {
    const rulesA = (await getJson(`${server.url}/api/admin/rules`, as(tokens.adminA))).body;
    expect(rulesA).toMatchObject({ hospitalId: A, version: 0 });
    await fetch(`${server.url}/api/admin/rules`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...as(tokens.adminA) },
      body: JSON.stringify({ disabledItems: ['LAB-GLU'], disabledDisciplines: [], windowDays: {} }),
    });
    const rulesB = (await getJson(`${server.url}/api/admin/rules`, as(tokens.adminB))).body;
    expect(rulesB.override.disabledItems).toEqual(['LAB-NA']);
    expect(
      (await getJson(`${server.url}/api/admin/rules/history`, as(tokens.adminA))).body.map(
        (v: any) => v.override.disabledItems,
      ),
    ).toEqual([['LAB-GLU']]);
    // Rolling back to "version 1" means A's version 1, never B's.
    await postJson(`${server.url}/api/admin/rules/rollback`, { version: 1 }, as(tokens.adminA));
    expect((await getJson(`${server.url}/api/admin/rules`, as(tokens.adminB))).body.version).toBe(1);
    const dry = (
      await postJson(
        `${server.url}/api/admin/rules/dry-run`,
        { override: { disabledItems: [], disabledDisciplines: ['hematology'], windowDays: {} } },
        as(tokens.adminA),
      )
    ).body;
    expect(dry.wouldDisappear).toBe(0);
    expect(dry.samples.every((sample: any) => sample.promptId !== cardB.uuid)).toBe(true);
  });

  it('admin: code mappings and unmapped codes are per hospital', async () => {
    expect(
      (await getJson(`${server.url}/api/admin/code-mappings`, as(tokens.adminA))).body.map((m: any) => m.localCode),
    ).not.toContain('QJ-ONLY-B');
    expect(
      (await getJson(`${server.url}/api/admin/unmapped-codes`, as(tokens.adminA))).body.map((c: any) => c.code),
    ).not.toContain('QJ-UNKNOWN');
    expect(
      (await getJson(`${server.url}/api/admin/unmapped-codes`, as(tokens.adminB))).body.map((c: any) => c.code),
    ).toContain('QJ-UNKNOWN');
    await fetch(`${server.url}/api/admin/code-mappings?replace=true`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv', ...as(tokens.adminA) },
      body: 'local_code,local_name,item_code\nA-1,甲,LAB-K\n',
    });
    expect(
      (await getJson(`${server.url}/api/admin/code-mappings`, as(tokens.adminB))).body.map((m: any) => m.localCode),
    ).toContain('QJ-ONLY-B');
  });

  it('explain answers for the token’s hospital only', async () => {
    // Another hospital's patient (an Encounter at B, never a card at A) is not A's to look up.
    const other = await postJson(
      `${server.url}/api/explain`,
      orderRequest('order-select', 'chen-jing', ['LAB-CBC'], { hospitalId: B }),
      as(tokens.adminA),
    );
    expect(other.status).toBe(403);
    // Once A's own EHR has opened her chart, she is A's patient too.
    await chartOpened(server, demoPatient('chen-jing').nationalId, A);
    const { body } = await postJson(
      `${server.url}/api/explain`,
      orderRequest('order-select', 'chen-jing', ['LAB-CBC'], { hospitalId: A }),
      as(tokens.adminA),
    );
    expect(body.hospital.id).toBe(A);
  });

  it('platform endpoints and ingest refuse hospital tokens', async () => {
    for (const token of Object.values(tokens)) {
      expect((await getJson(`${server.url}/api/platform/institutions`, as(token))).status).toBe(403);
      expect(
        (await postJson(`${server.url}/fhir`, { resourceType: 'Bundle', type: 'batch', entry: [] }, as(token))).status,
      ).toBe(403);
    }
  });

  it('a quality token cannot change rules, an admin token cannot read quality lists', async () => {
    expect((await getJson(`${server.url}/api/admin/rules`, as(tokens.qualityA))).status).toBe(403);
    expect((await getJson(`${server.url}/api/quality/orders`, as(tokens.adminA))).status).toBe(403);
  });

  it("the SMART app token of B's card opens nothing of A", async () => {
    const appContext = JSON.parse(cardB.links[0].appContext);
    const cardA = (await getJson(`${server.url}/api/quality/orders`, as(tokens.qualityA))).body.rows[0].promptId;
    expect((await getJson(`${server.url}/api/prompts/${cardA}`, as(appContext.token))).status).toBe(403);
  });
});

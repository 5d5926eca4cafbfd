import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { expectMatchesOpenApi } from '../support/openapi';
import { insertOrders, type OrderSpec } from '../support/quality-orders';
import { getJson, startServer, type TestServer } from '../support/server';

/**
 * Issue 21 point 6: the province's figures, across every hospital, from orders written straight into
 * the store in exact shapes (as the quality SQL's own tests do), on SQLite and on PostgreSQL. Each
 * hospital is counted as its own quality console counts it.
 */
let server: TestServer;
let n = 0;

/** One order on a day of mid-2025 (no demo data lies there), offering one 嘉陵江 result by default. */
function order(hospitalId: string, day: string, spec: Partial<OrderSpec> = {}): OrderSpec {
  n += 1;
  return {
    id: `province-${String(n).padStart(4, '0')}`,
    hospitalId,
    createdAt: new Date(Date.parse(`${day}T01:00:00Z`) + n * 60_000).toISOString(),
    createdOn: day,
    patientKey: `province-patient-${n}`,
    itemCode: 'LAB-K',
    department: { code: '0301', name: '心内科' },
    doctor: { ref: 'Practitioner/a', name: '甲' },
    offered: [{ institutionId: HOSPITALS.jialing }],
    ...spec,
  };
}

const accepted = { decision: { outcome: 'accepted' } } as const;
const platform = () => ({ authorization: `Bearer ${server.platformToken}` });
const PERIOD = 'from=2025-06-01&to=2025-07-31';

beforeAll(async () => {
  server = await startServer();
  await insertOrders(server.services.db, [
    // 山城: 3 of 4 recognised (three items), one declined at the patient's request.
    order(HOSPITALS.shancheng, '2025-06-10', accepted),
    order(HOSPITALS.shancheng, '2025-06-11', { itemCode: 'LAB-NA', ...accepted }),
    order(HOSPITALS.shancheng, '2025-07-02', { itemCode: 'CT-CHEST', ...accepted }),
    order(HOSPITALS.shancheng, '2025-07-03', { decision: { outcome: 'overridden', reasonCode: 'patient-request' } }),
    // Not the rate's: an emergency, and a repeat of the hospital's own result.
    order(HOSPITALS.shancheng, '2025-07-04', { encounterKind: 'emergency', presentation: 'inform' }),
    order(HOSPITALS.shancheng, '2025-07-05', { offered: [{ institutionId: HOSPITALS.shancheng, own: true }] }),
    // 綦江: 1 of 2, the other signed without a word (an unexplained repeat).
    order(HOSPITALS.qijiang, '2025-06-20', { itemCode: 'LAB-CBC', ...accepted }),
    order(HOSPITALS.qijiang, '2025-07-20', { itemCode: 'LAB-CBC', unexplained: true }),
    // 渝中: prompted, nothing decided yet: nothing eligible recognised, ranked after the others.
    order(HOSPITALS.yuzhong, '2025-06-15', { decision: undefined }),
    // Outside the period.
    order(HOSPITALS.yuzhong, '2025-08-01', accepted),
  ]);
});
afterAll(() => server.close());

describe("the province's figures", () => {
  it('ranks every hospital by recognition rate, with its recognised items, repeats and savings', async () => {
    const { status, body } = await getJson(`${server.url}/api/platform/figures?${PERIOD}`, platform());
    expect(status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/platform/figures', 'get', 200, body);
    expect(body.period).toEqual({ from: '2025-06-01', to: '2025-07-31' });
    const rows = body.byHospital.map((h: any) => [
      h.id,
      h.rank,
      h.eligible,
      h.accepted,
      h.unexplained,
      h.recognisedItems,
    ]);
    expect(rows).toEqual([
      [HOSPITALS.shancheng, 1, 4, 3, 0, 3],
      [HOSPITALS.qijiang, 2, 2, 1, 1, 1],
      [HOSPITALS.yuzhong, 3, 1, 0, 0, 0],
    ]);
    expect(body.byHospital[0]).toMatchObject({ name: '山城医科大学附属第一医院', rate: 0.75, region: 'CQ', level: 3 });
    expect(body.byHospital[0].yuanSaved).toBeGreaterThan(0);
    // The province: the hospitals' orders summed; items counted once however many hospitals recognised them.
    expect(body.totals).toMatchObject({ hospitals: 3, orders: 7, eligible: 7, accepted: 4, unexplained: 1 });
    expect(body.totals.rate).toBeCloseTo(4 / 7);
    expect(body.totals.recognisedItems).toBe(4);
    expect(body.targets).toEqual({ city: 200, province: 300 });
    expect(body.byMonth.map((m: any) => [m.key, m.orders, m.accepted])).toEqual([
      ['2025-06', 4, 3],
      ['2025-07', 3, 1],
    ]);
    expect(body.byItem.find((item: any) => item.key === 'LAB-CBC')).toMatchObject({ orders: 2, accepted: 1 });
  });

  it('writes the ranking as a spreadsheet, Chinese by default and English on request', async () => {
    const fetched = await fetch(`${server.url}/api/platform/figures.csv?${PERIOD}`, { headers: platform() });
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-disposition')).toContain('huren-province-2025-06-01_2025-07-31.csv');
    const records = parse((await fetched.text()).replace(/^\uFEFF/, ''), { record_delimiter: '\r\n' }) as string[][];
    expect(records[0]?.slice(0, 3)).toEqual(['排名', '机构编码', '机构']);
    expect(records[1]).toEqual([
      '1',
      HOSPITALS.shancheng,
      '山城医科大学附属第一医院',
      'CQ',
      '3',
      '4',
      '4',
      '3',
      '75',
      '1',
      '0',
      '0',
      expect.any(String),
      '3',
      '否',
      '否',
    ]);
    expect(records).toHaveLength(4);
    const english = await fetch(`${server.url}/api/platform/figures.csv?${PERIOD}`, {
      headers: { ...platform(), 'accept-language': 'en' },
    });
    expect((await english.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Rank,Institution code/);
  });

  it('refuses a period backwards or longer than a year and a day, and any token but the platform’s', async () => {
    const refused = await getJson(`${server.url}/api/platform/figures?from=2025-08-01&to=2025-07-01`, platform());
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid', field: 'from' });
    expect((await getJson(`${server.url}/api/platform/figures?from=2024-01-01&to=2025-07-01`, platform())).status).toBe(
      400,
    );
    const quality = await server.token('quality', HOSPITALS.shancheng);
    expect(
      (await getJson(`${server.url}/api/platform/figures?${PERIOD}`, { authorization: `Bearer ${quality}` })).status,
    ).toBe(403);
  });
});

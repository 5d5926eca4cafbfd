import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { messages } from '../../server/i18n';
import { insertOrders, type OrderSpec } from '../support/quality-orders';
import { getJson, startServer, type TestServer } from '../support/server';

/**
 * The quality figures as SQL derives them (server/store/quality-*.ts), from orders written straight into
 * the store in exact shapes, on SQLite and on PostgreSQL; and the list's SQL paging and the streamed CSV.
 */
let server: TestServer;
let shancheng: string;
let yuzhong: string;
let n = 0;

const cardiology = { code: '0301', name: '心内科' };
const respiratory = { code: '0302', name: '呼吸科' };

/** One order of 山城 on a day of January 2026, a minute after the previous one, offering one 渝中 result by default. */
function order(day: string, spec: Partial<OrderSpec> = {}): OrderSpec {
  n += 1;
  return {
    id: `order-${String(n).padStart(5, '0')}`,
    hospitalId: HOSPITALS.shancheng,
    createdAt: new Date(Date.parse(`${day}T01:00:00Z`) + n * 60_000).toISOString(),
    createdOn: day,
    patientKey: `patient-${n}`,
    itemCode: 'LAB-K',
    department: cardiology,
    doctor: { ref: 'Practitioner/a', name: '甲' },
    offered: [{ institutionId: HOSPITALS.yuzhong }],
    ...spec,
  };
}

const api = async (path: string, token = shancheng) => {
  const { status, body } = await getJson(`${server.url}${path}`, { authorization: `Bearer ${token}` });
  expect(status).toBe(200);
  return body;
};
const statistics = (day: string) => api(`/api/quality/statistics?from=${day}&to=${day}&granularity=week`);

async function csv(path: string, token = shancheng): Promise<{ bytes: Uint8Array; records: string[][] }> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    bytes,
    records: parse(new TextDecoder().decode(bytes.slice(3)), { record_delimiter: '\r\n' }) as string[][],
  };
}

const RATE_DAY = '2026-01-05';
const SCOPE_DAY = '2026-01-06';
const DECISION_DAY = '2026-01-07';
const LIST_DAY = '2026-01-08';
const MANY_DAY = '2026-01-09';
/** More orders than the CSV export reads at once (server/quality/routes.ts CSV_CHUNK). */
const MANY = 5_200;

beforeAll(async () => {
  server = await startServer();
  shancheng = await server.token('quality', HOSPITALS.shancheng);
  yuzhong = await server.token('quality', HOSPITALS.yuzhong);
  const overridden = { outcome: 'overridden', reasonCode: 'patient-request' } as const;
  await insertOrders(server.services.db, [
    // The rate: 4 accepted, 2 refused at the patient's request (one informed), 1 images not received,
    // 2 undecided, 1 signed unexplained (two cards).
    ...Array.from({ length: 4 }, () => order(RATE_DAY, { decision: { outcome: 'accepted' } })),
    order(RATE_DAY, { department: respiratory, patientKey: 'aaaaaaaa-1', decision: { ...overridden, notified: true } }),
    order(RATE_DAY, { department: respiratory, patientKey: 'aaaaaaaa-1', decision: overridden }),
    order(RATE_DAY, {
      department: respiratory,
      patientKey: 'bbbbbbbb-2',
      decision: { outcome: 'overridden', reasonCode: 'images-not-received' },
    }),
    order(RATE_DAY, { department: respiratory }),
    order(RATE_DAY, { department: respiratory }),
    order(RATE_DAY, {
      department: respiratory,
      patientKey: 'aaaaaaaa-1',
      itemCode: 'LAB-CBC',
      signed: true,
      unexplained: true,
    }),
    // Emergencies (an EMER encounter, or a card that only informs) and the hospital's own results.
    order(SCOPE_DAY, { encounterKind: 'emergency', signed: true, unexplained: true }),
    order(SCOPE_DAY, { encounterKind: 'emergency', itemCode: 'LAB-HCY', decision: { outcome: 'accepted' } }),
    order(SCOPE_DAY, { presentation: 'inform' }),
    order(SCOPE_DAY, { offered: [{ institutionId: HOSPITALS.yuzhong, own: true }], decision: { outcome: 'accepted' } }),
    order(SCOPE_DAY, { offered: [{ institutionId: HOSPITALS.shancheng }], signed: true, unexplained: true }),
    order(SCOPE_DAY, {
      offered: [{ institutionId: HOSPITALS.shancheng }, { institutionId: HOSPITALS.yuzhong }],
      decision: { outcome: 'accepted' },
    }),
    // Panels, decisions after signing or on the signing card, explanations, an EHR's own reason.
    order(DECISION_DAY, {
      itemCode: 'LAB-LFT',
      offered: [
        { institutionId: HOSPITALS.yuzhong, coversItemCode: 'LAB-ALT' },
        { institutionId: HOSPITALS.yuzhong, coversItemCode: 'LAB-AST' },
        { institutionId: HOSPITALS.qijiang, coversItemCode: 'LAB-ALT' },
      ],
      decision: { outcome: 'accepted' },
    }),
    order(DECISION_DAY, {
      itemCode: 'LAB-LFT',
      offered: [{ institutionId: HOSPITALS.yuzhong, coversItemCode: 'LAB-ALT' }, { institutionId: HOSPITALS.qijiang }],
      decision: { outcome: 'accepted' },
    }),
    order(DECISION_DAY, { decision: { outcome: 'accepted', afterSigning: true } }),
    order(DECISION_DAY, {
      signed: true,
      earlierDecision: { outcome: 'overridden', reasonCode: 'patient-request' },
      decision: { outcome: 'accepted' },
    }),
    order(DECISION_DAY, {
      decision: { outcome: 'overridden', reasonCode: 'continuous-monitoring', explanation: '\u3000\n' },
    }),
    order(DECISION_DAY, {
      decision: { outcome: 'overridden', reasonCode: 'continuous-monitoring', explanation: '慢性肾病随访' },
    }),
    order(DECISION_DAY, {
      decision: {
        outcome: 'overridden',
        reasonCode: 'images-not-received',
        reasonSystem: 'urn:ehr:reasons',
        reasonDisplay: '外院影像未到',
      },
    }),
    // The list: 23 orders, four at each instant, three departments (one known by its code only).
    ...Array.from({ length: 23 }, (_, index) => {
      const spec = order(LIST_DAY, {
        department: [cardiology, respiratory, { code: '0303', name: null }][index % 3],
        itemCode: ['LAB-K', 'LAB-CBC', 'CT-HEAD'][index % 3] as string,
        decision:
          index % 3 === 0
            ? { outcome: 'accepted' }
            : index === 7
              ? { outcome: 'overridden', reasonCode: 'other', explanation: '=SUM(A1:A9)' }
              : undefined,
      });
      return { ...spec, createdAt: `${LIST_DAY}T02:0${Math.floor(index / 4)}:00.000Z` };
    }),
  ]);
  await insertOrders(
    server.services.db,
    Array.from({ length: MANY }, (_, index) => ({
      ...order(MANY_DAY, {
        hospitalId: HOSPITALS.yuzhong,
        offered: [{ institutionId: HOSPITALS.shancheng }],
        decision: index % 2 ? { outcome: 'accepted' } : undefined,
      }),
      createdAt: new Date(Date.parse(`${MANY_DAY}T00:00:00Z`) + Math.floor(index / 3) * 1000).toISOString(),
    })),
    1_000,
  );
});
afterAll(async () => {
  await server.close();
});

describe('the figures, aggregated in SQL', () => {
  it('the rate, the breakdowns, reasons, exceptions and repeats of the same patient', async () => {
    const body = await statistics(RATE_DAY);
    expect(body.totals).toEqual({
      prompts: 11,
      orders: 10,
      eligible: 9,
      accepted: 4,
      overridden: 2,
      notCounted: 1,
      noDecision: 2,
      unexplained: 1,
      rate: 4 / 9,
      yuanSaved: 20,
    });
    expect(body.byDepartment.map((g: any) => [g.key, g.label, g.orders, g.accepted])).toEqual([
      ['0302', '呼吸科', 6, 0],
      ['0301', '心内科', 4, 4],
    ]);
    expect(body.byItem.map((g: any) => [g.key, g.label, g.orders])).toEqual([
      ['LAB-K', '钾', 9],
      ['LAB-CBC', '血常规', 1],
    ]);
    expect(body.byModality.map((g: any) => [g.key, g.orders])).toEqual([['LAB', 10]]);
    expect(body.byDoctor.map((g: any) => [g.key, g.label, g.orders])).toEqual([['Practitioner/a', '甲', 10]]);
    // 2026-01-05 is the Monday of ISO week 2.
    expect(body.trend.map((g: any) => [g.key, g.orders])).toEqual([['2026-W02', 10]]);
    expect(body.reasons.map((r: any) => [r.code, r.count, r.counted])).toEqual([
      ['patient-request', 2, true],
      ['images-not-received', 1, false],
    ]);
    expect(body.exceptions).toEqual({ overridden: 2, informed: 1, informedShare: 0.5, explanationMissing: 0 });
    expect(body.recognisedItems).toMatchObject({ count: 1, items: [{ code: 'LAB-K', name: '钾' }] });
    // 003_ec92c06739f36670.txt, "对同一患者的重复检查检验记录进行统计": patient a twice for 钾 and once for 血常规 (signed unexplained), b once.
    expect(body.repeats).toEqual({
      orders: 4,
      patients: 2,
      patientsWithMoreThanOne: 1,
      byPatientItem: [
        { patient: 'aaaaaaaa', itemCode: 'LAB-K', itemName: '钾', count: 2 },
        { patient: 'aaaaaaaa', itemCode: 'LAB-CBC', itemName: '血常规', count: 1 },
        { patient: 'bbbbbbbb', itemCode: 'LAB-K', itemName: '钾', count: 1 },
      ],
    });
  });

  it('001_0b4a79971fa7303c.txt, "互认主要适用于非急诊患者": emergencies and the hospital\'s own results have their own figures, apart from the rate', async () => {
    const body = await statistics(SCOPE_DAY);
    // Emergency: the EMER order signed undecided is no unexplained repeat; the card that only informs is an emergency's.
    expect(body.emergency).toMatchObject({
      prompts: 4,
      orders: 3,
      accepted: 1,
      noDecision: 2,
      unexplained: 0,
      yuanSaved: 30,
    });
    // Own results only (本院, or the hospital itself): in-hospital. One external result among them: external.
    expect(body.inHospital).toMatchObject({
      prompts: 3,
      orders: 2,
      accepted: 1,
      unexplained: 1,
      rate: 0.5,
      yuanSaved: 5,
    });
    expect(body.totals).toMatchObject({ orders: 1, accepted: 1, rate: 1 });
    expect(body.byDepartment.map((g: any) => g.orders)).toEqual([1]);
  });

  it('001_0b4a79971fa7303c.txt, "不得以与其他项目打包等形式再次收取相关费用": panels, the last decision of an order, decisions after signing, missing explanations', async () => {
    const body = await statistics(DECISION_DAY);
    // Accepted: the panel with ALT and AST (10.00 of its 40.00), the panel with a result of its own (40.00), 钾 after
    // signing (nothing saved), 钾 refused at selection then accepted at signing (5.00). Continuous monitoring whose
    // explanation is only whitespace (a full-width space, a line end: JavaScript's trim) and an EHR's own reason
    // count as refusals; with the explanation it is not counted.
    expect(body.totals).toEqual({
      prompts: 8,
      orders: 7,
      eligible: 6,
      accepted: 4,
      overridden: 2,
      notCounted: 1,
      noDecision: 0,
      unexplained: 0,
      rate: 4 / 6,
      yuanSaved: 55,
    });
    expect(body.recognisedItems.items.map((item: any) => item.code)).toEqual([
      'LAB-ALT',
      'LAB-AST',
      'LAB-K',
      'LAB-LFT',
    ]);
    expect(body.exceptions).toEqual({ overridden: 2, informed: 0, informedShare: 0, explanationMissing: 1 });
    expect(body.reasons.map((r: any) => [r.system, r.code, r.display, r.count, r.counted])).toEqual([
      ['https://fhir.huren.example/CodeSystem/exception-reason', 'continuous-monitoring', null, 1, true],
      ['urn:ehr:reasons', 'images-not-received', '外院影像未到', 1, true],
      ['https://fhir.huren.example/CodeSystem/exception-reason', 'continuous-monitoring', null, 1, false],
    ]);
    const panels = await api(
      `/api/quality/orders?from=${DECISION_DAY}&to=${DECISION_DAY}&item=LAB-LFT&sort=createdAt&order=asc`,
    );
    expect(panels.rows.map((row: any) => [row.recognisableItems, row.savingFen, row.candidates])).toEqual([
      [['LAB-ALT', 'LAB-AST'], 1000, 3],
      [['LAB-LFT'], 4000, 2],
    ]);
    const signed = await api(`/api/quality/orders?from=${DECISION_DAY}&to=${DECISION_DAY}&reason=patient-request`);
    expect(signed.total).toBe(0);
  });
});

describe('the orders list, paged in SQL', () => {
  const list = (query: string) => api(`/api/quality/orders?from=${LIST_DAY}&to=${LIST_DAY}&${query}`);

  it.each(['department', 'createdAt', 'outcome', 'doctor', 'item'])(
    'pages sorted by %s with stable boundaries and the total on every page',
    async (sort) => {
      for (const order of ['asc', 'desc']) {
        const whole = await list(`sort=${sort}&order=${order}&pageSize=500`);
        expect(whole.total).toBe(23);
        const pages = await Promise.all(
          [1, 2, 3, 4, 5, 6].map((page) => list(`sort=${sort}&order=${order}&pageSize=5&page=${page}`)),
        );
        expect(pages.map((page) => page.total)).toEqual([23, 23, 23, 23, 23, 23]);
        expect(pages.map((page) => page.rows.length)).toEqual([5, 5, 5, 5, 3, 0]);
        const paged = pages.flatMap((page) => page.rows.map((row: any) => row.promptId));
        expect(new Set(paged).size).toBe(23);
        expect(paged).toEqual(whole.rows.map((row: any) => row.promptId));
      }
    },
  );

  it('sorts by the column, then time, then the order, in the asked direction', async () => {
    const { rows } = await list('sort=department&order=asc&pageSize=500');
    const keys = rows.map((row: any) => [row.departmentName ?? '', row.createdAt, row.promptId].join('|'));
    expect(keys).toEqual([...keys].sort());
    expect(rows[0].departmentName).toBeNull();
    const latest = await list('pageSize=1');
    expect(latest.rows[0].createdAt).toBe(`${LIST_DAY}T02:05:00.000Z`);
  });

  it('filters in SQL: the total is of the filtered orders', async () => {
    const accepted = await list('outcome=accepted&pageSize=3');
    expect(accepted.total).toBe(8);
    expect(accepted.rows).toHaveLength(3);
    expect(accepted.rows.every((row: any) => row.outcome === 'accepted')).toBe(true);
    const byCode = await list('department=0303&pageSize=500');
    expect(byCode.total).toBe(7);
    expect(byCode.rows.every((row: any) => row.departmentCode === '0303' && row.itemCode === 'CT-HEAD')).toBe(true);
    expect((await list('department=呼吸科&outcome=no-decision')).total).toBe(7);
    expect(
      (await list('department=呼吸科&outcome=overridden&reason=other')).rows.map((row: any) => row.explanation),
    ).toEqual(['=SUM(A1:A9)']);
  });
});

describe('the orders CSV, streamed', () => {
  it('is the list in the same order, with the byte-order mark, the header and formulas neutralised', async () => {
    const { bytes, records } = await csv(
      `/api/quality/orders.csv?from=${LIST_DAY}&to=${LIST_DAY}&sort=department&order=asc`,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).endsWith('\r\n')).toBe(true);
    const [header, ...rows] = records as [string[], ...string[][]];
    // The time columns name the zone's offset; their cells are local times Excel reads as dates.
    expect(header).toEqual(
      messages('zh-CN').quality.orderColumns.map((name) => (name.endsWith('时间') ? `${name}（UTC+08:00）` : name)),
    );
    const listed = (
      await api(`/api/quality/orders?from=${LIST_DAY}&to=${LIST_DAY}&sort=department&order=asc&pageSize=500`)
    ).rows;
    expect(rows.map((row) => row.at(-1))).toEqual(listed.map((row: any) => row.promptId));
    expect(rows.map((row) => row[1])).toEqual(listed.map((row: any) => row.departmentName ?? row.departmentCode));
    expect(rows.flat()).toContain("'=SUM(A1:A9)");
  });

  it("writes every order when there are more than it reads at once, each once, in the list's order", async () => {
    const { records } = await csv(`/api/quality/orders.csv?from=${MANY_DAY}&to=${MANY_DAY}`, yuzhong);
    const ids = records.slice(1).map((row) => row.at(-1));
    expect(ids).toHaveLength(MANY);
    const pages = await Promise.all(
      Array.from({ length: Math.ceil(MANY / 500) }, (_, index) =>
        api(`/api/quality/orders?from=${MANY_DAY}&to=${MANY_DAY}&pageSize=500&page=${index + 1}`, yuzhong),
      ),
    );
    expect(pages[0].total).toBe(MANY);
    expect(ids).toEqual(pages.flatMap((page) => page.rows.map((row: any) => row.promptId)));
    const accepted = await csv(`/api/quality/orders.csv?from=${MANY_DAY}&to=${MANY_DAY}&outcome=accepted`, yuzhong);
    expect(accepted.records.slice(1).every((row) => row[8] === '已互认')).toBe(true);
    expect(new Set(accepted.records.slice(1).map((row) => row.at(-1))).size).toBe(MANY / 2);
  });
});

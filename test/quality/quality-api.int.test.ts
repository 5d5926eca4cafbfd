import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { SYSTEMS } from '../../server/fhir/systems';
import { orderRequest } from '../support/hook-requests';
import { expectMatchesOpenApi } from '../support/openapi';
import { getJson, postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
let quality: string;
const cards: Record<string, any> = {};

/** One order of one patient with its own ServiceRequest id, at a hospital, through the real hook. */
async function prompt(hook: 'order-select' | 'order-sign', patient: string, item: string, orderId: string, hospitalId: string = HOSPITALS.shancheng): Promise<any> {
  const request = orderRequest(hook, patient, [item], { hospitalId });
  request.context.draftOrders.entry[0].resource.id = orderId;
  if (hook === 'order-select') request.context.selections = [`ServiceRequest/${orderId}`];
  const { body } = await postJson(`${server.url}/cds-services/recognition-${hook}`, request);
  expect(body.cards).toHaveLength(1);
  return body.cards[0];
}

const feedback = (card: any, entry: Record<string, unknown>) =>
  postJson(`${server.url}/cds-services/recognition-order-select/feedback`, { feedback: [{ card: card.uuid, outcomeTimestamp: '2026-03-10T02:30:00Z', ...entry }] });
const reason = (code: string) => ({ reason: { system: SYSTEMS.exceptionReason, code } });
const api = (path: string, token = quality) => getJson(`${server.url}${path}`, { authorization: `Bearer ${token}` });

beforeAll(async () => {
  server = await startServer();
  quality = await server.token('quality', HOSPITALS.shancheng);
  // 山城, all on 2026-03-10, department 心血管内科门诊, doctor 测试医生:
  // A 张伟 钾: accepted on the card. B 张伟 胸部CT: refused, patient's request (counted).
  // C 王芳 头颅CT: refused, images not received (not counted). D 孙丽 甲状腺超声: prompted at select and at
  // signing, never decided (unexplained repeat, one order). E 马超 膝关节MRI: no decision.
  // F 林涛 肝胆胰脾超声: accepted in the SMART app.
  cards.A = await prompt('order-select', 'zhang-wei', 'LAB-K', 'sr-a');
  await feedback(cards.A, { outcome: 'accepted', acceptedSuggestions: [{ id: cards.A.suggestions[0].uuid }] });
  cards.B = await prompt('order-select', 'zhang-wei', 'CT-CHEST', 'sr-b');
  await feedback(cards.B, { outcome: 'overridden', overrideReason: { ...reason('patient-request'), userComment: '家属要求' } });
  cards.C = await prompt('order-select', 'wang-fang', 'CT-HEAD', 'sr-c');
  await feedback(cards.C, { outcome: 'overridden', overrideReason: reason('images-not-received') });
  cards.D = await prompt('order-select', 'sun-li', 'US-THYROID', 'sr-d');
  cards.D2 = await prompt('order-sign', 'sun-li', 'US-THYROID', 'sr-d');
  cards.E = await prompt('order-select', 'ma-chao', 'MR-KNEE', 'sr-e');
  cards.F = await prompt('order-select', 'lin-tao', 'US-LGPS', 'sr-f');
  const appContext = JSON.parse(cards.F.links[0].appContext);
  const view = await getJson(`${server.url}/api/prompts/${appContext.promptId}`, { authorization: `Bearer ${appContext.token}` });
  await postJson(`${server.url}/api/prompts/${appContext.promptId}/decision`, { outcome: 'accepted', resultId: view.body.recognisable[0].resultId, practitioner: { ref: 'Practitioner/dr-test', name: '测试医生' } }, { authorization: `Bearer ${appContext.token}` });
  // Another hospital's activity, which 山城's quality department must never count.
  const other = await prompt('order-select', 'chen-jing', 'LAB-CBC', 'sr-x', HOSPITALS.qijiang);
  await feedback(other, { outcome: 'accepted', acceptedSuggestions: [{ id: other.suggestions[0].uuid }] });
});
afterAll(async () => {
  await server.close();
});

describe('quality statistics, worked out by hand', () => {
  it('counts orders once, keeps not-counted reasons out of the rate, and adds up the yuan saved', async () => {
    const { status, body } = await api('/api/quality/statistics');
    expect(status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/quality/statistics', 'get', 200, body);
    // 6 orders (D prompted twice: 7 cards); eligible 6 − 1 (C) = 5; recognised A and F: 2/5 = 40 %.
    // Yuan saved: 钾 5.00 + 肝胆胰脾超声 120.00.
    expect(body.totals).toEqual({ prompts: 7, orders: 6, eligible: 5, accepted: 2, overridden: 1, notCounted: 1, noDecision: 1, unexplained: 1, rate: 0.4, yuanSaved: 125 });
    expect(body.period).toEqual({ from: '2026-02-09', to: '2026-03-10' });
    expect(body.reasons).toEqual([
      { system: SYSTEMS.exceptionReason, code: 'patient-request', display: null, count: 1, counted: true },
      { system: SYSTEMS.exceptionReason, code: 'images-not-received', display: null, count: 1, counted: false },
    ]);
    expect(body.byDepartment).toEqual([expect.objectContaining({ label: '心血管内科门诊', orders: 6, rate: 0.4 })]);
    // Largest first, ties by key: CT (胸部, 头颅), US (甲状腺, 肝胆胰脾), LAB (钾), MR (膝关节).
    expect(body.byModality.map((g: any) => [g.key, g.orders, g.accepted])).toEqual([['CT', 2, 0], ['US', 2, 1], ['LAB', 1, 1], ['MR', 1, 0]]);
    expect(body.trend).toEqual([expect.objectContaining({ key: '2026-03-10', orders: 6, accepted: 2 })]);
  });

  it('filters the statistics like the list', async () => {
    const { body } = await api('/api/quality/statistics?modality=US&granularity=month');
    expect(body.totals).toMatchObject({ orders: 2, eligible: 2, accepted: 1, unexplained: 1, noDecision: 0, rate: 0.5 });
    expect(body.trend.map((g: any) => g.key)).toEqual(['2026-03']);
  });
});

describe('quality lists', () => {
  it('lists orders with their outcome, filtered, sorted and paged', async () => {
    const all = await api('/api/quality/orders?sort=item&order=asc&pageSize=50');
    await expectMatchesOpenApi(server.url, '/api/quality/orders', 'get', 200, all.body);
    expect(all.body.total).toBe(6);
    const names = all.body.rows.map((row: any) => row.itemName);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
    expect(Object.fromEntries(all.body.rows.map((row: any) => [row.itemCode, row.outcome]))).toEqual({
      'LAB-K': 'accepted', 'CT-CHEST': 'overridden', 'CT-HEAD': 'not-counted', 'US-THYROID': 'unexplained-repeat', 'MR-KNEE': 'no-decision', 'US-LGPS': 'accepted',
    });
    const descending = await api('/api/quality/orders?sort=item&order=desc');
    expect(descending.body.rows.map((row: any) => row.itemName)).toEqual([...names].reverse());
    const accepted = await api('/api/quality/orders?outcome=accepted');
    expect(accepted.body.rows.map((row: any) => row.itemCode).sort()).toEqual(['LAB-K', 'US-LGPS']);
    expect(accepted.body.rows.find((row: any) => row.itemCode === 'US-LGPS')).toMatchObject({ decisionSource: 'smart-app', outcomeText: '已互认', yuan: 120 });
    const byReason = await api('/api/quality/orders?reason=patient-request');
    expect(byReason.body.rows).toEqual([expect.objectContaining({ itemCode: 'CT-CHEST', reasonText: '患者或家属要求复查', explanation: '家属要求' })]);
    const page2 = await api('/api/quality/orders?sort=createdAt&order=asc&pageSize=4&page=2');
    expect(page2.body).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(page2.body.rows).toHaveLength(2);
    const repeat = all.body.rows.find((row: any) => row.itemCode === 'US-THYROID');
    expect(repeat.promptIds).toEqual([cards.D.uuid, cards.D2.uuid]);
  });

  it("shows an order's every card and every decision version", async () => {
    const { body } = await api(`/api/quality/orders/${cards.D2.uuid}`);
    await expectMatchesOpenApi(server.url, '/api/quality/orders/{promptId}', 'get', 200, body);
    expect(body.cards.map((card: any) => [card.promptId, card.serviceId])).toEqual([[cards.D.uuid, 'recognition-order-select'], [cards.D2.uuid, 'recognition-order-sign']]);
    const withHistory = await api(`/api/quality/orders/${cards.B.uuid}`);
    expect(withHistory.body.cards[0].history).toEqual([expect.objectContaining({ version: 1, outcome: 'overridden', source: 'cds-feedback', reasonText: '患者或家属要求复查' })]);
  });

  it('offers the filter choices of the period', async () => {
    const { body } = await api('/api/quality/facets');
    await expectMatchesOpenApi(server.url, '/api/quality/facets', 'get', 200, body);
    expect(body.departments).toEqual([{ code: '0301', name: '心血管内科门诊' }]);
    expect(body.items.map((item: any) => item.code).sort()).toEqual(['CT-CHEST', 'CT-HEAD', 'LAB-K', 'MR-KNEE', 'US-LGPS', 'US-THYROID']);
  });

  it('refuses a malformed filter, naming it', async () => {
    const { status, body } = await api('/api/quality/orders?outcome=maybe');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid', field: 'outcome' });
  });
});

describe('exports that open correctly in Excel', () => {
  it('exports the filtered list as UTF-8 CSV with a byte-order mark and Chinese headers', async () => {
    const response = await fetch(`${server.url}/api/quality/orders.csv?outcome=accepted`, { headers: { authorization: `Bearer ${quality}` } });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="huren-orders-2026-02-09-2026-03-10.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('提示时间,科室,开单医生,项目编码,项目')).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((line) => line.includes(',已互认,'))).toBe(true);
  });

  it('exports the monthly report with totals, breakdowns and reasons', async () => {
    const response = await fetch(`${server.url}/api/quality/report.csv?month=2026-03`, { headers: { authorization: `Bearer ${quality}` } });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await response.arrayBuffer()));
    expect(text.startsWith('\uFEFF山城医科大学附属第一医院 2026-03 检查检验结果互认月报')).toBe(true);
    expect(text).toContain('互认率,40.0%');
    expect(text).toContain('节省费用（元）,125.00');
    expect(text).toContain('患者或家属要求复查,1,计入');
    expect(text).toContain('未收到外院影像资料（不计入不互认）,1,不计入');
    const english = await (await fetch(`${server.url}/api/quality/report.csv?month=2026-03&lang=en`, { headers: { authorization: `Bearer ${quality}` } })).text();
    expect(english).toContain('Recognition rate,40.0%');
    expect((await api('/api/quality/report.csv?month=March')).status).toBe(400);
  });
});

import { parse } from 'csv-parse/sync';
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
async function prompt(
  hook: 'order-select' | 'order-sign',
  patient: string,
  item: string,
  orderId: string,
  hospitalId: string = HOSPITALS.shancheng,
  encounterClass?: string,
): Promise<any> {
  const request = orderRequest(hook, patient, [item], { hospitalId, ...(encounterClass ? { encounterClass } : {}) });
  request.context.draftOrders.entry[0].resource.id = orderId;
  if (hook === 'order-select') request.context.selections = [`ServiceRequest/${orderId}`];
  const { body } = await postJson(`${server.url}/cds-services/recognition-${hook}`, request);
  expect(body.cards).toHaveLength(1);
  return body.cards[0];
}

const feedback = (card: any, entry: Record<string, unknown>) =>
  postJson(`${server.url}/cds-services/recognition-order-select/feedback`, {
    feedback: [{ card: card.uuid, outcomeTimestamp: '2026-03-10T02:30:00Z', ...entry }],
  });
const reason = (code: string) => ({ reason: { system: SYSTEMS.exceptionReason, code } });
const api = (path: string, token = quality) => getJson(`${server.url}${path}`, { authorization: `Bearer ${token}` });
const notification = { party: 'family', method: 'written', notifiedAt: '2026-03-10T02:40:00Z', notifiedBy: '测试医生' };

/** A decision made in the SMART app, opened from the card's link with its own token. */
async function decideInApp(card: any, decision: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const appContext = JSON.parse(card.links[0].appContext);
  return postJson(
    `${server.url}/api/prompts/${appContext.promptId}/decision`,
    { ...decision, practitioner: { ref: 'Practitioner/dr-test', name: '测试医生' } },
    { authorization: `Bearer ${appContext.token}` },
  );
}

beforeAll(async () => {
  server = await startServer();
  quality = await server.token('quality', HOSPITALS.shancheng);
  // 山城, all on 2026-03-10, department 心血管内科门诊, doctor 测试医生. Orders with another institution's result:
  // A 张伟 钾: accepted on the card. B 张伟 胸部CT: refused, patient's request (counted). C 王芳 头颅CT: refused,
  // images not received (not counted). D 孙丽 甲状腺超声: prompted at select and at signing, never decided
  // (unexplained repeat, one order). E 马超 膝关节MRI: no decision. J 李娜 肌酐: continuous monitoring from the
  // card without the disease (incomplete: counted). K 何静 胸部CT: "other" from the card without text, completed
  // in the app with a text and the family informed in writing. L 张伟 血常规: signed undecided (unexplained).
  // The hospital's own results: F 林涛 肝胆胰脾超声 (本院 20 天前): accepted in the app. H 黄勇 胸片 (only 本院's
  // 60 天前 counts): signed undecided. Emergency: G 吴秀英 血常规 in an EMER encounter, signed undecided.
  cards.A = await prompt('order-select', 'zhang-wei', 'LAB-K', 'sr-a');
  await feedback(cards.A, { outcome: 'accepted', acceptedSuggestions: [{ id: cards.A.suggestions[0].uuid }] });
  cards.B = await prompt('order-select', 'zhang-wei', 'CT-CHEST', 'sr-b');
  await feedback(cards.B, {
    outcome: 'overridden',
    overrideReason: { ...reason('patient-request'), userComment: '家属要求' },
  });
  cards.C = await prompt('order-select', 'wang-fang', 'CT-HEAD', 'sr-c');
  await feedback(cards.C, { outcome: 'overridden', overrideReason: reason('images-not-received') });
  cards.D = await prompt('order-select', 'sun-li', 'US-THYROID', 'sr-d');
  cards.D2 = await prompt('order-sign', 'sun-li', 'US-THYROID', 'sr-d');
  cards.E = await prompt('order-select', 'ma-chao', 'MR-KNEE', 'sr-e');
  cards.F = await prompt('order-select', 'lin-tao', 'US-LGPS', 'sr-f');
  const appContext = JSON.parse(cards.F.links[0].appContext);
  const view = await getJson(`${server.url}/api/prompts/${appContext.promptId}`, {
    authorization: `Bearer ${appContext.token}`,
  });
  expect(
    (await decideInApp(cards.F, { outcome: 'accepted', resultId: view.body.recognisable[0].resultId })).status,
  ).toBe(200);
  cards.G = await prompt('order-select', 'wu-xiuying', 'LAB-CBC', 'sr-g', HOSPITALS.shancheng, 'EMER');
  cards.G2 = await prompt('order-sign', 'wu-xiuying', 'LAB-CBC', 'sr-g', HOSPITALS.shancheng, 'EMER');
  cards.H = await prompt('order-select', 'huang-yong', 'DR-CHEST-PA', 'sr-h');
  cards.H2 = await prompt('order-sign', 'huang-yong', 'DR-CHEST-PA', 'sr-h');
  cards.J = await prompt('order-select', 'li-na', 'LAB-CRE', 'sr-j');
  expect(
    (await feedback(cards.J, { outcome: 'overridden', overrideReason: reason('continuous-monitoring') })).status,
  ).toBe(200);
  cards.K = await prompt('order-select', 'he-jing', 'CT-CHEST', 'sr-k');
  expect((await feedback(cards.K, { outcome: 'overridden', overrideReason: reason('other') })).status).toBe(200);
  expect(
    (
      await decideInApp(cards.K, {
        outcome: 'overridden',
        reason: 'other',
        explanation: '=HYPERLINK("http://evil.example","外院片子看不清")',
        notification,
      })
    ).status,
  ).toBe(200);
  cards.L = await prompt('order-select', 'zhang-wei', 'LAB-CBC', 'sr-l');
  cards.L2 = await prompt('order-sign', 'zhang-wei', 'LAB-CBC', 'sr-l');
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
    // External orders A B C D E J K L: 8 orders, 10 cards (D and L twice); eligible 8 − 1 (C) = 7; recognised A:
    // 1/7. Overridden and counted: B, J (no disease yet), K. Unexplained: D, L. Yuan saved: 钾 5.00.
    expect(body.totals).toEqual({
      prompts: 10,
      orders: 8,
      eligible: 7,
      accepted: 1,
      overridden: 3,
      notCounted: 1,
      noDecision: 1,
      unexplained: 2,
      rate: 1 / 7,
      yuanSaved: 5,
    });
    expect(body.period).toEqual({ from: '2026-02-09', to: '2026-03-10' });
    // Counted first, the most frequent first, then by code.
    expect(body.reasons).toEqual([
      { system: SYSTEMS.exceptionReason, code: 'continuous-monitoring', display: null, count: 1, counted: true },
      { system: SYSTEMS.exceptionReason, code: 'other', display: null, count: 1, counted: true },
      { system: SYSTEMS.exceptionReason, code: 'patient-request', display: null, count: 1, counted: true },
      { system: SYSTEMS.exceptionReason, code: 'images-not-received', display: null, count: 1, counted: false },
    ]);
    expect(body.byDepartment).toEqual([expect.objectContaining({ label: '心血管内科门诊', orders: 8, rate: 1 / 7 })]);
    // Largest first, ties by key: CT (胸部 B, 头颅, 胸部 K), LAB (钾, 肌酐, 血常规), MR (膝关节), US (甲状腺).
    expect(body.byModality.map((g: any) => [g.key, g.orders, g.accepted])).toEqual([
      ['CT', 3, 0],
      ['LAB', 3, 1],
      ['MR', 1, 0],
      ['US', 1, 0],
    ]);
    expect(body.trend).toEqual([expect.objectContaining({ key: '2026-03-10', orders: 8, accepted: 1 })]);
  });

  it('001_0b4a79971fa7303c.txt, "互认主要适用于非急诊患者": emergency orders are counted apart, and signing one undecided is no unexplained repeat', async () => {
    const { body } = await api('/api/quality/statistics');
    // G: 2 cards, 1 order, no decision.
    expect(body.emergency).toEqual({
      prompts: 2,
      orders: 1,
      eligible: 1,
      accepted: 0,
      overridden: 0,
      notCounted: 0,
      noDecision: 1,
      unexplained: 0,
      rate: 0,
      yuanSaved: 0,
    });
    const listed = await api('/api/quality/orders?scope=emergency');
    expect(listed.body.rows).toEqual([
      expect.objectContaining({
        itemCode: 'LAB-CBC',
        scope: 'emergency',
        outcome: 'no-decision',
        encounterKind: 'emergency',
      }),
    ]);
  });

  it("issue 9 point 8: repeats of the hospital's own results are no mutual recognition and get their own figures", async () => {
    const { body } = await api('/api/quality/statistics');
    // F accepted (肝胆胰脾超声 120.00), H signed undecided; 3 cards.
    expect(body.inHospital).toEqual({
      prompts: 3,
      orders: 2,
      eligible: 2,
      accepted: 1,
      overridden: 0,
      notCounted: 0,
      noDecision: 0,
      unexplained: 1,
      rate: 0.5,
      yuanSaved: 120,
    });
    const listed = await api('/api/quality/orders?scope=in-hospital&sort=item&order=asc');
    expect(listed.body.rows.map((row: any) => [row.itemCode, row.outcome])).toEqual([
      ['US-LGPS', 'accepted'],
      ['DR-CHEST-PA', 'unexplained-repeat'],
    ]);
  });

  it('004_abbfdbaff83305ff.txt, "地市域内医疗机构间互认项目超过200项…省域内…超过300项": the items recognised, against both targets', async () => {
    const { body } = await api('/api/quality/statistics');
    // Only 钾 was recognised from another institution; 肝胆胰脾超声 was the hospital's own.
    expect(body.recognisedItems).toEqual({
      count: 1,
      items: [{ code: 'LAB-K', name: '钾' }],
      targets: { city: 200, province: 300 },
    });
  });

  it('003_ec92c06739f36670.txt, "对同一患者的重复检查检验记录进行统计": repeats of the same patient', async () => {
    const { body } = await api('/api/quality/statistics');
    // Repeated despite an external result: B and L (张伟), C, D, J, K: 6 orders, 5 patients, 张伟 more than once.
    expect(body.repeats).toMatchObject({ orders: 6, patients: 5, patientsWithMoreThanOne: 1 });
    expect(body.repeats.byPatientItem.map((row: any) => [row.itemCode, row.count]).sort()).toEqual([
      ['CT-CHEST', 1],
      ['CT-CHEST', 1],
      ['CT-HEAD', 1],
      ['LAB-CBC', 1],
      ['LAB-CRE', 1],
      ['US-THYROID', 1],
    ]);
    const zhangWei = body.repeats.byPatientItem.filter(
      (row: any) => row.itemCode === 'LAB-CBC' || row.itemName === '胸部CT平扫',
    );
    expect(new Set(zhangWei.map((row: any) => row.patient)).size).toBe(2);
    expect(body.repeats.byPatientItem.every((row: any) => row.patient.length === 8)).toBe(true);
  });

  it('001_0b4a79971fa7303c.txt, "充分告知患者或其家属检查目的及必要性": the share of counted exceptions with the patient informed', async () => {
    const { body } = await api('/api/quality/statistics');
    // B, J, K counted; only K (completed in the app) informed; J still lacks its disease.
    expect(body.exceptions).toEqual({ overridden: 3, informed: 1, informedShare: 1 / 3, explanationMissing: 1 });
  });

  it('filters the statistics like the list', async () => {
    const { body } = await api('/api/quality/statistics?modality=US&granularity=month');
    // D (甲状腺, external, unexplained); F (肝胆胰脾, in-hospital) is counted apart.
    expect(body.totals).toMatchObject({ orders: 1, eligible: 1, accepted: 0, unexplained: 1, noDecision: 0, rate: 0 });
    expect(body.inHospital).toMatchObject({ orders: 1, accepted: 1 });
    expect(body.trend.map((g: any) => g.key)).toEqual(['2026-03']);
  });
});

describe('quality lists', () => {
  it('lists orders with their outcome, filtered, sorted and paged', async () => {
    const all = await api('/api/quality/orders?sort=item&order=asc&pageSize=50');
    await expectMatchesOpenApi(server.url, '/api/quality/orders', 'get', 200, all.body);
    expect(all.body.total).toBe(11);
    const names = all.body.rows.map((row: any) => row.itemName);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
    expect(
      Object.fromEntries(all.body.rows.map((row: any) => [row.promptId, [row.itemCode, row.scope, row.outcome]])),
    ).toEqual({
      [cards.A.uuid]: ['LAB-K', 'external', 'accepted'],
      [cards.B.uuid]: ['CT-CHEST', 'external', 'overridden'],
      [cards.C.uuid]: ['CT-HEAD', 'external', 'not-counted'],
      [cards.D.uuid]: ['US-THYROID', 'external', 'unexplained-repeat'],
      [cards.E.uuid]: ['MR-KNEE', 'external', 'no-decision'],
      [cards.F.uuid]: ['US-LGPS', 'in-hospital', 'accepted'],
      [cards.G.uuid]: ['LAB-CBC', 'emergency', 'no-decision'],
      [cards.H.uuid]: ['DR-CHEST-PA', 'in-hospital', 'unexplained-repeat'],
      [cards.J.uuid]: ['LAB-CRE', 'external', 'overridden'],
      [cards.K.uuid]: ['CT-CHEST', 'external', 'overridden'],
      [cards.L.uuid]: ['LAB-CBC', 'external', 'unexplained-repeat'],
    });
    expect(all.body.rows.every((row: any) => !('patientKey' in row))).toBe(true);
    const descending = await api('/api/quality/orders?sort=item&order=desc');
    expect(descending.body.rows.map((row: any) => row.itemName)).toEqual([...names].reverse());
    const accepted = await api('/api/quality/orders?outcome=accepted');
    expect(accepted.body.rows.map((row: any) => row.itemCode).sort()).toEqual(['LAB-K', 'US-LGPS']);
    expect(accepted.body.rows.find((row: any) => row.itemCode === 'US-LGPS')).toMatchObject({
      decisionSource: 'smart-app',
      outcomeText: '已互认',
      yuan: 120,
    });
    const byReason = await api('/api/quality/orders?reason=patient-request');
    expect(byReason.body.rows).toEqual([
      expect.objectContaining({ itemCode: 'CT-CHEST', reasonText: '患者或家属要求复查', explanation: '家属要求' }),
    ]);
    // The reasons by name, without the instructions the doctor's list carries.
    const other = await api('/api/quality/orders?reason=other');
    expect(other.body.rows).toEqual([
      expect.objectContaining({
        promptId: cards.K.uuid,
        reasonText: '其他',
        notification: expect.objectContaining({ party: 'family', method: 'written' }),
      }),
    ]);
    const page2 = await api('/api/quality/orders?sort=createdAt&order=asc&pageSize=4&page=3');
    expect(page2.body).toMatchObject({ total: 11, page: 3, pageSize: 4 });
    expect(page2.body.rows).toHaveLength(3);
    const repeat = all.body.rows.find((row: any) => row.itemCode === 'US-THYROID');
    expect(repeat.promptIds).toEqual([cards.D.uuid, cards.D2.uuid]);
  });

  it("shows an order's every card and every decision version, with the institutions' names", async () => {
    const { body } = await api(`/api/quality/orders/${cards.D2.uuid}`);
    await expectMatchesOpenApi(server.url, '/api/quality/orders/{promptId}', 'get', 200, body);
    expect(body.cards.map((card: any) => [card.promptId, card.serviceId])).toEqual([
      [cards.D.uuid, 'recognition-order-select'],
      [cards.D2.uuid, 'recognition-order-sign'],
    ]);
    expect(body.cards[0].candidates).toEqual([
      expect.objectContaining({ institutionId: HOSPITALS.yuzhong, institutionName: '渝中区人民医院' }),
    ]);
    const withHistory = await api(`/api/quality/orders/${cards.B.uuid}`);
    expect(withHistory.body.cards[0].history).toEqual([
      expect.objectContaining({
        version: 1,
        outcome: 'overridden',
        source: 'cds-feedback',
        reasonText: '患者或家属要求复查',
      }),
    ]);
    const other = await api(`/api/quality/orders/${cards.K.uuid}`);
    expect(
      other.body.cards[0].history.map((version: any) => [version.version, version.source, version.reasonText]),
    ).toEqual([
      [1, 'cds-feedback', '其他'],
      [2, 'smart-app', '其他'],
    ]);
  });

  it("offers the filter choices of the period, and the server's date for the monthly report", async () => {
    const { body } = await api('/api/quality/facets');
    await expectMatchesOpenApi(server.url, '/api/quality/facets', 'get', 200, body);
    expect(body.departments).toEqual([{ code: '0301', name: '心血管内科门诊' }]);
    expect(body.items.map((item: any) => item.code).sort()).toEqual([
      'CT-CHEST',
      'CT-HEAD',
      'DR-CHEST-PA',
      'LAB-CBC',
      'LAB-CRE',
      'LAB-K',
      'MR-KNEE',
      'US-LGPS',
      'US-THYROID',
    ]);
    // The server's clock (2026-03-10 02:00 UTC) in the configured Asia/Shanghai zone.
    expect(body.today).toBe('2026-03-10');
  });

  it('refuses a malformed filter, naming it', async () => {
    const { status, body } = await api('/api/quality/orders?outcome=maybe');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid', field: 'outcome' });
    expect((await api('/api/quality/orders?scope=abroad')).body.error).toMatchObject({
      code: 'invalid',
      field: 'scope',
    });
  });
});

describe('issue 9 point 10: an explanation the reason needs is never missing from a not-counted decision', () => {
  it('keeps continuous monitoring without the disease as an incomplete decision counted as non-recognition, until completed in the app', async () => {
    const row = async () => (await api('/api/quality/orders?item=LAB-CRE')).body.rows[0];
    expect(await row()).toMatchObject({
      promptId: cards.J.uuid,
      outcome: 'overridden',
      reasonCode: 'continuous-monitoring',
      explanationMissing: true,
    });
    const history = await api(`/api/quality/orders/${cards.J.uuid}`);
    expect(history.body.cards[0].history).toEqual([
      expect.objectContaining({ outcome: 'overridden', complete: false, explanation: null }),
    ]);
    expect(
      (
        await decideInApp(cards.J, {
          outcome: 'overridden',
          reason: 'continuous-monitoring',
          explanation: '慢性肾病随访',
          notification,
        })
      ).status,
    ).toBe(200);
    expect(await row()).toMatchObject({
      outcome: 'not-counted',
      explanationMissing: false,
      explanation: '慢性肾病随访',
    });
    const { body } = await api('/api/quality/statistics');
    // J leaves the denominator: eligible 6, overridden 2 (B, K), not counted 2 (C, J), rate 1/6.
    expect(body.totals).toMatchObject({ eligible: 6, accepted: 1, overridden: 2, notCounted: 2, rate: 1 / 6 });
    expect(body.exceptions).toEqual({ overridden: 2, informed: 1, informedShare: 0.5, explanationMissing: 0 });
  });
});

describe('exports that open correctly in Excel', () => {
  const csvOf = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${quality}` } });
    return {
      response,
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await response.arrayBuffer())),
    };
  };

  it('exports the filtered list as UTF-8 CSV with a byte-order mark and Chinese headers', async () => {
    const response = await fetch(`${server.url}/api/quality/orders.csv?outcome=accepted`, {
      headers: { authorization: `Bearer ${quality}` },
    });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="huren-orders-2026-02-09-2026-03-10.csv"/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('提示时间（UTC+08:00）,科室,开单医生,项目编码,项目,类别,结果来源')).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((line) => line.includes(',已互认,'))).toBe(true);
  });

  it('issue 11 point 9: times in the configured zone with their offset, codes in words (Chinese by default, ?lang=en), reasons without instructions', async () => {
    const rows = parse((await csvOf('/api/quality/orders.csv?sort=item&order=asc')).text.replace(/^\uFEFF/, ''), {
      record_delimiter: '\r\n',
    }) as string[][];
    const [header, ...records] = rows as [string[], ...string[][]];
    const byPrompt = (id: string) =>
      Object.fromEntries(header.map((name, index) => [name, records.find((record) => record.at(-1) === id)?.[index]]));
    // Every card was shown, and (feedback times are never later than the server's clock) decided, at
    // 2026-03-10 02:00 UTC: 10:00 in Asia/Shanghai. (CT is CT in Chinese too.)
    expect(byPrompt(cards.A.uuid)).toMatchObject({
      '提示时间（UTC+08:00）': '2026-03-10 10:00:00',
      类别: '检验',
      结果来源: '外院结果',
      处理结果: '已互认',
      决定来源: '医生工作站卡片',
      '决定时间（UTC+08:00）': '2026-03-10 10:00:00',
    });
    expect(byPrompt(cards.F.uuid)).toMatchObject({ 类别: '超声', 结果来源: '本院结果', 决定来源: '互认助手' });
    expect(byPrompt(cards.G.uuid)).toMatchObject({ 结果来源: '急诊', 处理结果: '未处理' });
    expect(byPrompt(cards.C.uuid)).toMatchObject({ 理由: '未收到外院影像资料' });
    expect(byPrompt(cards.K.uuid)).toMatchObject({
      理由: '其他',
      '患者告知（对象、方式、时间、告知人）': '家属，书面告知，2026-03-10 10:40:00，测试医生',
    });
    expect(
      records.every(
        (record) =>
          !record.some((cell) =>
            /^\d{4}-\d{2}-\d{2}T|^(smart-app|cds-feedback|LAB|DX|US|MR|external|in-hospital|emergency|patient-request|other|images-not-received)$/.test(
              cell,
            ),
          ),
      ),
    ).toBe(true);
    const english = await csvOf('/api/quality/orders.csv?lang=en&item=US-LGPS');
    expect(english.text).toContain('Prompted at (UTC+08:00),Department');
    expect(english.text).toContain(',Ultrasound,Our own result,');
    expect(english.text).toContain(',Huren app,');
  });

  it('issue 10 point 7: a cell that would start a formula is written as text (OWASP: a leading single quote)', async () => {
    const { text } = await csvOf('/api/quality/orders.csv?reason=other');
    const [, record] = parse(text.replace(/^\uFEFF/, ''), { record_delimiter: '\r\n' }) as string[][];
    expect(record).toContain(`'=HYPERLINK("http://evil.example","外院片子看不清")`);
    expect(record?.some((cell) => /^[=+\-@\t\r]/.test(cell))).toBe(false);
  });

  it("exports the monthly report with totals, emergencies and own results apart, the texts' figures, breakdowns and reasons", async () => {
    const { text } = await csvOf('/api/quality/report.csv?month=2026-03');
    expect(text.startsWith('\uFEFF山城医科大学附属第一医院 2026-03 检查检验结果互认月报')).toBe(true);
    // As after the completion above: eligible 6, recognised 1.
    expect(text).toContain('互认率,16.7%');
    expect(text).toContain('节省费用（元）,5.00');
    expect(text).toContain('本院结果的重复检查（不计入互认率）\r\n提示次数,3\r\n申请数,2\r\n采用数,1\r\n');
    expect(text).toContain('急诊（仅作信息提示，不计入互认率）\r\n提示次数,2\r\n申请数,1\r\n采用数,0\r\n');
    expect(text).toContain('本期互认的项目数,1\r\n地市域目标（项）,200\r\n省域目标（项）,300');
    expect(text).toContain('已有外院可互认结果仍重复检查的申请数,6\r\n涉及患者数,5\r\n重复检查超过一次的患者数,1');
    expect(text).toContain('已告知患者或家属,1\r\n告知比例,50.0%');
    expect(text).toContain('\r\n超声,1,0,0,0,1,0.0%,0.00\r\n');
    expect(text).toContain('患者或家属要求复查,1,计入');
    expect(text).toContain('未收到外院影像资料,1,不计入');
    const english = (await csvOf('/api/quality/report.csv?month=2026-03&lang=en')).text;
    expect(english).toContain('Recognition rate,16.7%');
    expect(english).toContain('Items recognised in the period,1');
    expect((await api('/api/quality/report.csv?month=March')).status).toBe(400);
  });
});

describe('issue 9 point 12: a panel whose analytes had results', () => {
  it('001_0b4a79971fa7303c.txt, "不得以与其他项目打包等形式再次收取相关费用": yuan saved counts the analytes not charged again', async () => {
    const before = (await api('/api/quality/statistics')).body;
    // 唐瑜 has ALT and AST from 嘉陵江中心医院 3 days ago; 肝功能 (40.00) is ordered and the card's suggestion accepted.
    const panel = await prompt('order-select', 'tang-yu', 'LAB-LFT', 'sr-lft');
    expect(
      (await feedback(panel, { outcome: 'accepted', acceptedSuggestions: [{ id: panel.suggestions[0].uuid }] })).status,
    ).toBe(200);
    const after = (await api('/api/quality/statistics')).body;
    // ALT 5.00 + AST 5.00 saved, not the panel's 40.00; both analytes count as items recognised.
    expect(after.totals.yuanSaved - before.totals.yuanSaved).toBeCloseTo(10);
    expect(after.totals.accepted - before.totals.accepted).toBe(1);
    expect(after.recognisedItems.items.map((item: any) => item.code)).toEqual(
      [...before.recognisedItems.items.map((item: any) => item.code), 'LAB-ALT', 'LAB-AST'].sort(),
    );
    expect(after.recognisedItems.items).toContainEqual({ code: 'LAB-ALT', name: '丙氨酸氨基转移酶' });
    const listed = (await api('/api/quality/orders?item=LAB-LFT')).body.rows;
    expect(listed).toEqual([
      expect.objectContaining({
        outcome: 'accepted',
        recognisableItems: ['LAB-ALT', 'LAB-AST'],
        savingFen: 1000,
        priceFen: 4000,
      }),
    ]);
  });
});

describe("issue 21 point 6: the province's figures count a hospital as its own console counts it", () => {
  it("agrees with 山城's statistics, and follows a decision made after the figures were first read", async () => {
    const same = async () => {
      const province = await getJson(`${server.url}/api/platform/figures?from=2026-02-09&to=2026-03-10`, {
        authorization: `Bearer ${server.platformToken}`,
      });
      const { body } = await api('/api/quality/statistics');
      const row = province.body.byHospital.find((hospital: any) => hospital.id === HOSPITALS.shancheng);
      const { prompts: _prompts, ...counts } = body.totals;
      expect(row).toMatchObject(counts);
      expect(row.recognisedItems).toBe(body.recognisedItems.count);
      return row;
    };
    const before = await same();
    // E (膝关节MRI) was left undecided; the doctor now accepts it in the app.
    const appContext = JSON.parse(cards.E.links[0].appContext);
    const view = await getJson(`${server.url}/api/prompts/${appContext.promptId}`, {
      authorization: `Bearer ${appContext.token}`,
    });
    expect(
      (await decideInApp(cards.E, { outcome: 'accepted', resultId: view.body.recognisable[0].resultId })).status,
    ).toBe(200);
    const after = await same();
    expect([after.accepted, after.noDecision]).toEqual([before.accepted + 1, before.noDecision - 1]);
    expect(after.recognisedItems).toBe(before.recognisedItems + 1);
  });
});

import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potassiumOru } from '../../fixtures/hl7v2/samples';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { localDate } from '../../rules';
import { launchChromium, seriousViolations as axeFindings } from '../support/browser';
import { hisCheckBody, signedFetch } from '../support/his';
import { orderRequest } from '../support/hook-requests';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { insertOrders, type OrderSpec } from '../support/quality-orders';
import { startServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * Issue 21 points 1 and 5: the platform operator's console at /app/platform, in Chromium: the
 * institution registry searched by pinyin, edited and saved; an EHR registered by its public keys and
 * its keys rotated; the HIS registered with its key shown once, then revoked; a source registered with
 * its token shown once, and its quarantine. axe-core on each page. CDS client authentication is on, so
 * a registered key is what lets a hook call in. Run on both stores (vitest.config.ts).
 */

let server: TestServer;
let browser: Browser;
let page: Page;

const seriousViolations = () => axeFindings(page);

beforeAll(async () => {
  server = await startServer({ reachable: true, env: { CDS_AUTH: 'on' } });
  browser = await launchChromium();
  page = await (
    await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, acceptDownloads: true })
  ).newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the platform console (headless Chromium)', () => {
  it('finds an institution by pinyin and edits it; a hospital token cannot sign in', async () => {
    await page.goto(`${server.url}/app/platform`);
    await page.getByRole('heading', { name: '登录区域互认平台管理' }).waitFor({ timeout: 30_000 });
    expect(await page.getByText('npm run huren -- tokens create').count()).toBeGreaterThan(0);
    await page.getByLabel('API 令牌').fill(await server.token('admin', HOSPITALS.shancheng));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('此令牌不能用于本页面，请使用平台管理员的令牌。').waitFor({ timeout: 15_000 });

    await page.getByLabel('API 令牌').fill(server.platformToken);
    await page.getByRole('button', { name: '登录' }).click();
    const table = page.getByRole('table', { name: '机构目录' });
    await table.waitFor({ timeout: 30_000 });
    expect(await seriousViolations()).toEqual([]);
    // 綦江 typed as pinyin initials.
    await page.getByLabel('搜索机构（名称、拼音或编码）').fill('qj');
    await expect
      .poll(() => table.getByRole('rowheader').allTextContents())
      .toEqual([expect.stringContaining(HOSPITALS.qijiang)]);
    const name = (await table.getByRole('rowheader').first().textContent())?.replace(/（.*$/, '') ?? '';
    await table.getByRole('button', { name: `编辑“${name}”` }).click();
    const form = page.getByRole('region', { name: `编辑机构：${name}` });
    await form.getByLabel(/^等次/).fill('乙');
    // A second local code system, one per line (issue 23 point 15): the RIS's exam codes beside the HIS's.
    const systems = form.getByLabel(/^本院编码体系/);
    expect(await systems.inputValue()).toBe('https://his.example/H-CQ-006/order-item');
    await systems.fill('https://his.example/H-CQ-006/order-item\nhttps://ris.qijiang.example/exam');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已保存“${name}”。`).waitFor({ timeout: 15_000 });
    const stored = await server.services.db('institutions').where('id', HOSPITALS.qijiang).first();
    expect(stored.grade).toBe('乙');
    expect(JSON.parse(stored.local_code_systems)).toEqual([
      'https://his.example/H-CQ-006/order-item',
      'https://ris.qijiang.example/exam',
    ]);
    await expect
      .poll(() => table.getByRole('row', { name: new RegExp(name) }).textContent())
      .toContain('https://ris.qijiang.example/exam');
  }, 120_000);

  it('registers an EHR by its public keys, and rotates them: a hook call is taken when signed with the registered key only', async () => {
    const issuer = 'https://ehr.e2e.example';
    const keyPair = async (kid: string) => {
      const pair = await generateKeyPair('ES384', { extractable: true });
      const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES384', use: 'sig' };
      return { privateKey: pair.privateKey, jwk, privateJwk: await exportJWK(pair.privateKey) };
    };
    const [first, second] = [await keyPair('e2e-1'), await keyPair('e2e-2')];
    const hookCall = async (key: { privateKey: CryptoKey; jwk: JWK }) => {
      const iat = Math.floor(TEST_NOW.getTime() / 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES384', kid: key.jwk.kid ?? '', typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(`${server.url}/cds-services/recognition-order-select`)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 300)
        .setJti(crypto.randomUUID())
        .sign(key.privateKey);
      const response = await fetch(`${server.url}/cds-services/recognition-order-select`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K'])),
      });
      return {
        status: response.status,
        cards: response.ok ? ((await response.json()) as { cards: unknown[] }).cards : [],
      };
    };
    expect((await hookCall(first)).status).toBe(401);

    await page.getByRole('navigation', { name: '控制台页面' }).getByRole('link', { name: '接入与数据源' }).click();
    const ehr = page.getByRole('region', { name: '医生工作站（CDS Hooks 客户端）' });
    await ehr.waitFor({ timeout: 30_000 });
    const form = ehr.getByRole('region', { name: /^登记医生工作站/ });
    await form.getByLabel(/^签发者/).fill(issuer);
    await form.getByLabel(/^所属医院/).click();
    await page.getByRole('option', { name: new RegExp(HOSPITALS.shancheng) }).click();
    // A JWKS that is not JSON is refused at its field, before anything is sent.
    await form.getByLabel(/^JWKS/).fill('{"keys": [');
    await form.getByRole('button', { name: '登记' }).click();
    await form.getByText('JWKS 不是有效的 JSON').waitFor({ timeout: 15_000 });
    // The private key pasted by mistake: refused by the server at the same field, and not stored.
    await form.getByLabel(/^JWKS/).fill(JSON.stringify({ keys: [first.privateJwk] }));
    await form.getByRole('button', { name: '登记' }).click();
    await form.getByText(/private or symmetric key/).waitFor({ timeout: 15_000 });
    expect(await server.services.db('cds_clients').where('issuer', issuer)).toEqual([]);
    await form.getByLabel(/^JWKS/).fill(JSON.stringify({ keys: [first.jwk] }));
    await form.getByLabel(/^EHR 的 FHIR 服务地址/).fill('https://fhir.e2e.example/r4');
    await form.getByLabel(/^浏览器端 EHR 的网页来源/).fill('https://emr.e2e.example/');
    await form.getByRole('button', { name: '登记' }).click();
    await ehr.getByText(`已登记 ${issuer}。`, { exact: false }).waitFor({ timeout: 15_000 });
    expect(await seriousViolations()).toEqual([]);
    const row = ehr.getByRole('row', { name: new RegExp(issuer.replace(/[.]/g, '\\.')) });
    await row.getByText('JWKS（1 个公钥）').waitFor({ timeout: 15_000 });
    const taken = await hookCall(first);
    expect(taken.status).toBe(200);
    expect(taken.cards).toHaveLength(1);

    // Rotating: the row's button fills the form with the issuer, hospital, servers and origins; a new JWKS is pasted.
    await row.getByRole('button', { name: `更换 ${issuer} 的密钥` }).click();
    expect(await form.getByLabel(/^签发者/).inputValue()).toBe(issuer);
    expect(await form.getByLabel(/^EHR 的 FHIR 服务地址/).inputValue()).toBe('https://fhir.e2e.example/r4');
    expect(await form.getByLabel(/^浏览器端 EHR 的网页来源/).inputValue()).toBe('https://emr.e2e.example');
    await form.getByLabel(/^JWKS/).fill(JSON.stringify({ keys: [second.jwk] }));
    await form.getByRole('button', { name: '登记' }).click();
    await ehr.getByText(`已登记 ${issuer}。`, { exact: false }).waitFor({ timeout: 15_000 });
    const stored = await server.services.db('cds_clients').where('issuer', issuer).first();
    expect(JSON.parse(stored.jwks).keys.map((key: JWK) => key.kid)).toEqual(['e2e-2']);
    expect(JSON.parse(stored.fhir_servers)).toEqual(['https://fhir.e2e.example/r4']);
    expect(JSON.parse(stored.cors_origins)).toEqual(['https://emr.e2e.example']);
    await expect.poll(async () => (await hookCall(second)).status).toBe(200);
    expect((await hookCall(first)).status).toBe(401);
  }, 120_000);

  it('registers a HIS, shows its key once, and the key signs a check; revoking it refuses the next', async () => {
    await page.getByRole('navigation', { name: '控制台页面' }).getByRole('link', { name: '接入与数据源' }).click();
    const his = page.getByRole('region', { name: 'HIS（无 CDS Hooks 的医生工作站）' });
    await his.waitFor({ timeout: 30_000 });
    expect(await seriousViolations()).toEqual([]);
    const form = page.getByRole('region', { name: /^登记 HIS/ });
    await form.getByLabel(/^HIS 编码/).fill('HIS-E2E');
    await form.getByLabel(/^名称/).fill('端到端 HIS');
    await form.getByLabel(/^所属医院/).click();
    await page.getByRole('option', { name: new RegExp(HOSPITALS.shancheng) }).click();
    await form.getByRole('button', { name: '登记并生成密钥' }).click();
    const key = page.getByLabel('HMAC 密钥');
    await key.waitFor({ timeout: 15_000 });
    const hmacKey = await key.inputValue();
    expect(hmacKey).toMatch(/^hk_/);
    const body = JSON.stringify(hisCheckBody('zhang-wei', ['LAB-K']));
    expect((await signedFetch(server, '/his/v1/check', { body, client: { id: 'HIS-E2E', hmacKey } })).status).toBe(200);

    const row = his.getByRole('row', { name: /HIS-E2E/ });
    await row.getByRole('button', { name: '停用 HIS-E2E' }).click();
    await row.getByRole('button', { name: '确认停用 HIS-E2E' }).click();
    await row.getByText('已停用').waitFor({ timeout: 15_000 });
    expect((await signedFetch(server, '/his/v1/check', { body, client: { id: 'HIS-E2E', hmacKey } })).status).toBe(401);

    // The demo sources, with what they sent.
    const sources = page.getByRole('table', { name: '数据源（LIS、PACS、平台）' });
    expect(await sources.getByRole('rowheader', { name: /LIS-H-CQ-002/ }).count()).toBe(1);
  }, 120_000);

  it("registers a source on screen with its token shown once, and opens its page: today's filed and quarantined messages, the reason, and the quarantine to replay", async () => {
    const form = page.getByRole('region', { name: /^登记数据源/ });
    await form.getByLabel(/^数据源编码/).fill('LIS-E2E');
    await form.getByLabel(/^名称/).fill('端到端 LIS');
    await form.getByLabel(/^默认字符集/).click();
    await page.getByRole('option', { name: 'UTF-8' }).click();
    await form.getByLabel(/^代报机构/).click();
    await page.getByRole('option', { name: new RegExp(HOSPITALS.jialing) }).click();
    await page.keyboard.press('Escape');
    // A facility line that is not code=institution is refused at its field.
    await form.getByLabel(/^发送机构代码/).fill('JLJ');
    await form.getByRole('button', { name: '登记并生成令牌' }).click();
    await form.getByText('无法识别“JLJ”：应为 代码=机构编码').waitFor({ timeout: 15_000 });
    await form.getByLabel(/^发送机构代码/).fill(`JLJ=${HOSPITALS.jialing}`);
    await form.getByRole('button', { name: '登记并生成令牌' }).click();
    const shown = page.getByLabel('接入令牌');
    await shown.waitFor({ timeout: 15_000 });
    const token = await shown.inputValue();
    expect(token.length).toBeGreaterThan(20);
    expect(await seriousViolations()).toEqual([]);
    const stored = await server.services.db('result_sources').where('id', 'LIS-E2E').first();
    expect(JSON.parse(stored.facilities)).toEqual({ JLJ: HOSPITALS.jialing });
    expect(stored.charset).toBe('UTF-8');
    const today = localDate(TEST_NOW, 'Asia/Shanghai');
    const good = potassiumOru({
      nationalId: syntheticNationalId('1980-04-04', 901),
      name: '测试',
      today,
      controlId: 'E2E-1',
      charset: 'UNICODE UTF-8',
    });
    const send = (message: string) =>
      fetch(`${server.url}/ingest/hl7v2`, {
        method: 'POST',
        headers: { 'content-type': 'x-application/hl7-v2+er7', authorization: `Bearer ${token}` },
        body: message,
      });
    expect((await send(good)).status).toBe(200);
    expect((await send(good.replace(/PID\|[^\r]*\r/, '').replace('E2E-1', 'E2E-2'))).status).toBe(422);

    await page.reload();
    await page.getByRole('link', { name: /端到端 LIS（LIS-E2E）/ }).click();
    await page.getByRole('heading', { name: '数据源：端到端 LIS（LIS-E2E）' }).waitFor({ timeout: 30_000 });
    const days = page.getByRole('table', { name: '每日接收' });
    await days.waitFor({ timeout: 15_000 });
    const todayRow = days.getByRole('row', { name: new RegExp(`^${today}`) });
    expect(await todayRow.getByRole('cell').allTextContents()).toEqual(['1', '1', '']);
    expect(await days.getByRole('row').count()).toBe(15);
    await page.getByRole('button', { name: '近 7 天' }).click();
    await expect.poll(() => days.getByRole('row').count(), { timeout: 15_000 }).toBe(8);
    const reasons = page.getByRole('table', { name: '拒收原因' });
    expect(await reasons.getByRole('row').nth(1).textContent()).toMatch(/PID/);
    expect(await page.getByText(/控制号 E2E-2|E2E-2/).count()).toBeGreaterThan(0);
    expect(await seriousViolations()).toEqual([]);
    await page.getByRole('button', { name: '重放隔离消息' }).click();
    await page.getByText('已重放：0 条入库，1 条仍在隔离区。').waitFor({ timeout: 15_000 });
  }, 120_000);

  it('records a quality result that lapses soon, lists it, withdraws it, and imports a CSV with a refused row', async () => {
    await page.getByRole('navigation', { name: '控制台页面' }).getByRole('link', { name: '质控资质' }).click();
    await page.getByRole('heading', { name: '质控资质', level: 1 }).waitFor({ timeout: 30_000 });
    const form = page.getByRole('region', { name: '新增质控结果' });
    await form.getByLabel(/^机构/).click();
    await page.getByRole('option', { name: new RegExp(HOSPITALS.nanan) }).click();
    await form.getByLabel(/^项目/).click();
    await page.getByRole('option', { name: /^钾（LAB-K）/ }).click();
    await form.getByLabel(/^有效期自/).fill('2025-10-01');
    await form.getByLabel(/^有效期至/).fill('2026-03-25');
    // The dry run first: what the new result does to 南岸's stored results, before anything is saved.
    await form.getByRole('button', { name: '查看影响' }).click();
    await form.getByText(/^该机构过去一年的 \d+ 条已存结果中，保存后 \d+ 条变为资质合格/).waitFor({ timeout: 15_000 });
    await form.getByRole('button', { name: '确认保存' }).click();
    await page.getByText('已保存，立即生效。').waitFor({ timeout: 15_000 });
    // Within 30 days of the server's today (2026-03-10): listed as lapsing soon.
    const lapsing = page.getByRole('table', { name: '30 天内到期' });
    await expect.poll(() => lapsing.getByRole('row', { name: /钾.*2026-03-25/ }).count(), { timeout: 15_000 }).toBe(1);
    const own = page.getByRole('table', { name: /的质控资质$/ });
    const row = own.getByRole('row', { name: /^钾/ });
    await row.waitFor({ timeout: 15_000 });
    expect(await seriousViolations()).toEqual([]);
    await row.getByRole('button', { name: '撤销钾的资质' }).click();
    await row.getByText(/^该机构过去一年的 \d+ 条已存结果中/).waitFor({ timeout: 15_000 });
    await row.getByRole('button', { name: '确认撤销钾' }).click();
    await row.getByText(/起撤销$/).waitFor({ timeout: 15_000 });
    const stored = await server.services
      .db('qualifications')
      .where({ institution_id: HOSPITALS.nanan, scope_code: 'LAB-K', valid_until: '2026-03-25' })
      .first();
    expect(stored.withdrawn_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const csv = [
      'institutionId,scopeKind,scopeCode,kind,passed,validFrom,validUntil,withdrawnOn',
      `${HOSPITALS.nanan},discipline,chemistry,eqa,true,2026-01-01,2026-12-31,`,
      `${HOSPITALS.nanan},item,LAB-NOPE,eqa,true,2026-01-01,2026-12-31,`,
    ].join('\n');
    await page
      .getByLabel('选择 CSV 文件')
      .setInputFiles({ name: 'eqa.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
    // Checked first, saved after (issue 21 point 1).
    await page
      .getByText('文件已检查，尚未导入：1 行可以导入；1 行有误，将不导入，原因见下表。')
      .waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: '导入这 1 行' }).click();
    await page.getByText('已导入 1 行；1 行未导入，原因见下表。').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('table', { name: '未导入的行' }).getByRole('row').count()).toBe(2);
  }, 120_000);

  it("reads the province's figures for a period: hospitals ranked by recognition rate, and the ranking as CSV", async () => {
    const order = (id: string, hospitalId: string, day: string, spec: Partial<OrderSpec>): OrderSpec => ({
      id,
      hospitalId,
      createdAt: `${day}T02:00:00.000Z`,
      createdOn: day,
      patientKey: `figures-${id}`,
      itemCode: 'LAB-K',
      offered: [{ institutionId: HOSPITALS.jialing }],
      ...spec,
    });
    // Mid-2025, where no demo data lies: 綦江 recognises 2 of 2, 山城 1 of 2.
    await insertOrders(server.services.db, [
      order('fig-1', HOSPITALS.qijiang, '2025-06-10', { decision: { outcome: 'accepted' } }),
      order('fig-2', HOSPITALS.qijiang, '2025-06-11', { itemCode: 'LAB-CBC', decision: { outcome: 'accepted' } }),
      order('fig-3', HOSPITALS.shancheng, '2025-06-12', { decision: { outcome: 'accepted' } }),
      order('fig-4', HOSPITALS.shancheng, '2025-07-01', { unexplained: true }),
    ]);
    await page.getByRole('navigation', { name: '控制台页面' }).getByRole('link', { name: '全省指标' }).click();
    await page.getByRole('heading', { name: '全省互认指标' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('开始日期').fill('2025-06-01');
    await page.getByLabel('结束日期').fill('2025-07-31');
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByRole('heading', { name: '全省合计（2025-06-01 至 2025-07-31）' }).waitFor({ timeout: 30_000 });
    const ranking = page.getByRole('table', { name: '医院排名（按互认率）' });
    await expect
      .poll(() => ranking.getByRole('rowheader').allTextContents(), { timeout: 15_000 })
      .toEqual([expect.stringContaining(HOSPITALS.qijiang), expect.stringContaining(HOSPITALS.shancheng)]);
    expect(await ranking.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual([
      '1',
      'CQ',
      '2',
      '2',
      '100.0%',
      '0',
      expect.any(String),
      '2',
    ]);
    expect(await ranking.getByRole('row').nth(2).getByRole('cell').nth(4).textContent()).toBe('50.0%');
    // The province: 3 of 4 recognised, one unexplained repeat.
    const total = page.getByRole('region', { name: /^全省合计/ });
    expect(await total.getByText('75.0%').count()).toBe(1);
    expect(await seriousViolations()).toEqual([]);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出医院排名（CSV）' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('huren-province-2025-06-01_2025-07-31.csv');
    const text = await new Promise<string>((resolve, reject) => {
      void file.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        stream.on('error', reject);
      }, reject);
    });
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[1]).toMatch(new RegExp(`^1,${HOSPITALS.qijiang},`));
    await page.getByText('已保存 huren-province-2025-06-01_2025-07-31.csv。').waitFor({ timeout: 15_000 });
  }, 120_000);

  it('imports institutions from a CSV only after showing what it would import and which rows are refused', async () => {
    await page.getByRole('navigation', { name: '控制台页面' }).getByRole('link', { name: '机构' }).click();
    const section = page.getByRole('region', { name: '批量导入机构（CSV）' });
    await section.waitFor({ timeout: 30_000 });
    const csv = [
      'id,name,level,grade,region,alliances,localCodeSystems',
      'H-CQ-201,璧山区人民医院,2,甲,CQ,,https://lis.bishan.example/item;https://ris.bishan.example/exam',
      'H-CQ-202,铜梁区中医院,2,,XX,,',
    ].join('\n');
    await section
      .getByLabel('选择 CSV 文件')
      .setInputFiles({ name: 'institutions.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
    await section
      .getByText('文件已检查，尚未导入：1 行可以导入；1 行有误，将不导入，原因见下表。')
      .waitFor({ timeout: 15_000 });
    expect(
      await section
        .getByRole('table', { name: '未导入的行' })
        .getByRole('row')
        .nth(1)
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['region', '地区 XX 未登记']);
    expect(await server.services.db('institutions').where('id', 'H-CQ-201')).toEqual([]);
    expect(await seriousViolations()).toEqual([]);
    await section.getByRole('button', { name: '导入这 1 行' }).click();
    await section.getByText('已导入 1 行；1 行未导入，原因见下表。').waitFor({ timeout: 15_000 });
    const stored = await server.services.db('institutions').where('id', 'H-CQ-201').first();
    expect(JSON.parse(stored.local_code_systems)).toEqual([
      'https://lis.bishan.example/item',
      'https://ris.bishan.example/exam',
    ]);
    await page.getByLabel('搜索机构（名称、拼音或编码）').fill('璧山');
    await expect
      .poll(() => page.getByRole('table', { name: '机构目录' }).getByRole('rowheader').allTextContents())
      .toEqual([expect.stringContaining('H-CQ-201')]);
  }, 120_000);

  it("changes a region's policy on screen, sees the next card follow it, and brings the installed version back", async () => {
    const cards = async () => {
      const token = await mintClientToken({
        issuer: DEMO_CLIENTS[0].issuer,
        audience: `${server.url}/cds-services/recognition-order-select`,
        now: TEST_NOW,
      });
      const response = await fetch(`${server.url}/cds-services/recognition-order-select`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K'])),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { cards: unknown[] }).cards.length;
    };
    expect(await cards()).toBe(1);
    await page.getByRole('navigation', { name: '控制台页面' }).getByRole('link', { name: '地区与医联体' }).click();
    await page.getByRole('heading', { name: '地区政策与医联体', level: 1 }).waitFor({ timeout: 30_000 });
    expect(await seriousViolations()).toEqual([]);
    await page.getByRole('button', { name: '编辑“重庆市”的政策' }).click();
    const form = page.getByRole('region', { name: '编辑地区政策：重庆市' });
    await form.getByLabel('结果须带互认标识才可互认').check();
    // Tried first: the region's cards of the last 30 days replayed under the proposal, nothing saved.
    await form.getByRole('button', { name: '试算（过去 30 天）' }).click();
    await form
      .getByText(/^试算（尚未保存）：过去 30 天本地区 \d+ 家医院的 \d+ 张提示卡片中，[1-9]\d* 张将不再显示/)
      .waitFor({ timeout: 15_000 });
    expect(await cards()).toBe(1);
    // A mark line without its form is refused at its field, before anything is sent.
    const labMarks = await form.getByLabel(/^检验结果的互认标识/).inputValue();
    expect(labMarks).toBe('川渝HR | tag, item-name-prefix');
    await form.getByLabel(/^检验结果的互认标识/).fill('HR');
    await form.getByRole('button', { name: '保存为新版本' }).click();
    await form.getByText('无法识别“HR”：应为 标识文字 | 写法[, 写法]').waitFor({ timeout: 15_000 });
    await form.getByLabel(/^检验结果的互认标识/).fill(labMarks);
    await form.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText('已保存“重庆市”的政策，下一张提示卡片起生效。').waitFor({ timeout: 15_000 });
    // 张伟's 血钾 from 渝中 carries no mark: no card now.
    expect(await cards()).toBe(0);
    const history = page.getByRole('table', { name: '重庆市的政策版本' });
    await expect
      .poll(() => history.getByRole('rowheader').allTextContents(), { timeout: 15_000 })
      .toEqual(['2（当前）', '1']);
    expect(await seriousViolations()).toEqual([]);
    await history.getByRole('button', { name: '恢复第 1 版' }).click();
    await history.getByRole('button', { name: '确认恢复第 1 版' }).click();
    await page.getByText('已恢复第 1 版的政策（记为新版本）。').waitFor({ timeout: 15_000 });
    expect(await cards()).toBe(1);
    await expect
      .poll(() => page.getByRole('table', { name: '重庆市的政策版本' }).getByRole('rowheader').allTextContents(), {
        timeout: 15_000,
      })
      .toEqual(['3（当前）', '2', '1']);

    // An alliance added on the same page.
    const alliances = page.getByRole('region', { name: '新增或修改医联体' });
    await alliances.getByLabel(/^医联体编码/).fill('A-E2E');
    await alliances.getByLabel(/^名称/).fill('大足区医共体');
    await alliances.getByLabel(/^类型/).click();
    await page.getByRole('option', { name: /^紧密型/ }).click();
    await alliances.getByRole('button', { name: '保存医联体' }).click();
    await page
      .getByRole('table', { name: '医联体' })
      .getByRole('rowheader', { name: '大足区医共体（A-E2E）' })
      .waitFor({ timeout: 15_000 });
  }, 120_000);

  it('finds a catalog item by pinyin, adds a panel whose analytes must exist, and the API holds the same checks', async () => {
    await page.getByRole('navigation', { name: '控制台页面' }).getByRole('link', { name: '项目目录' }).click();
    const table = page.getByRole('table', { name: '互认项目目录' });
    await table.waitFor({ timeout: 30_000 });
    expect(await seriousViolations()).toEqual([]);
    await page.getByLabel('搜索项目（名称、拼音、同义名或编码）').fill('xj');
    await expect
      .poll(() => table.getByRole('rowheader').allTextContents(), { timeout: 15_000 })
      .toContain('钾（LAB-K）');
    await page.getByRole('button', { name: '新增项目' }).click();
    const form = page.getByRole('region', { name: '新增互认项目' });
    await form.getByLabel(/^项目编码/).fill('LAB-LYTES');
    await form.getByLabel(/^中文名称/).fill('电解质三项');
    await form.getByLabel(/^英文名称/).fill('Electrolytes');
    await form.getByLabel(/^包含的分项编码/).fill('LAB-K, LAB-NA, LAB-NOPE');
    await form.getByLabel(/^参考价/).fill('18');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('no catalog item LAB-NOPE').waitFor({ timeout: 15_000 });
    await form.getByLabel(/^包含的分项编码/).fill('LAB-K, LAB-NA');
    await form.getByLabel(/^同义名/).fill('电解质、血电解质');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存“电解质三项”，立即生效。').waitFor({ timeout: 15_000 });
    await page.getByLabel('搜索项目（名称、拼音、同义名或编码）').fill('血电解质');
    await expect
      .poll(() => table.getByRole('rowheader').allTextContents(), { timeout: 15_000 })
      .toEqual(['电解质三项（LAB-LYTES）']);
    expect(await table.getByRole('row').nth(1).getByRole('cell').nth(3).textContent()).toBe('钾、钠');
    const stored = await server.services.db('items').where('code', 'LAB-LYTES').first();
    expect(stored.price_fen).toBe(1800);
  }, 120_000);
});

import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from '../support/browser';
import { getJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // Signed calls, as a registered EHR makes them: the workstation must get through CDS client authentication.
  server = await startServer({ reachable: true, env: { CDS_AUTH: 'on' } });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

const isCall = (service: string) => (response: Response) =>
  response.request().method() === 'POST' && new URL(response.url()).pathname === `/cds-services/${service}`;

/** Opens the workstation and the patient's chart at 山城 with 李明 (the defaults); answers the patient-view call. */
async function openChart(page: Page, patientName: string): Promise<Response> {
  await page.goto(`${server.url}/demo`);
  const hospital = page.getByRole('combobox', { name: '医院' });
  await hospital.waitFor({ timeout: 30_000 });
  expect(await hospital.textContent()).toBe('山城医科大学附属第一医院');
  expect(await page.getByRole('combobox', { name: '医生' }).textContent()).toBe('李明（心血管内科门诊）');
  const patientView = page.waitForResponse(isCall('recognition-patient-view'));
  await page.getByRole('combobox', { name: '患者' }).click();
  await page.getByRole('option', { name: new RegExp(`^${patientName}`) }).click();
  return patientView;
}

/** Searches the catalog, picks the item, and answers the order-select call it made. */
async function order(page: Page, search: string, option: RegExp): Promise<Response> {
  const selected = page.waitForResponse(isCall('recognition-order-select'));
  await page.getByRole('combobox', { name: /搜索项目/ }).fill(search);
  await page.getByRole('option', { name: option }).first().click();
  return selected;
}

const appContextOf = (card: { links: { appContext: string }[] }): { promptId: string; token: string } =>
  JSON.parse(card.links[0]?.appContext ?? '{}');

/**
 * The demo workstation in a real browser: the doctor's path as a real EHR runs it, over the same
 * public interface (signed hook and feedback calls), with the SMART app launched from the card
 * through the development SMART authorization server.
 */
describe('demo workstation end to end (headless Chromium)', () => {
  it('张伟 at 山城, 李明 orders 血钾: the card, the SMART app from it, the accepted result in the record and in the API', async () => {
    const page = await newPage();
    const patientView = await openChart(page, '张伟');
    expect(patientView.status()).toBe(200);
    expect(patientView.request().headers().authorization).toMatch(/^Bearer ey/);
    await page.getByRole('article', { name: /外院检查检验结果在有效期内可互认/ }).waitFor({ timeout: 15_000 });

    const selected = await order(page, '血钾', /血钾/);
    expect(selected.status()).toBe(200);
    // What a real EHR sends: a signed call, the selection among the drafts by the hospital's own code, prefetch filled.
    const sent = selected.request().postDataJSON();
    expect(selected.request().headers().authorization).toMatch(/^Bearer ey/);
    expect(sent.context.selections).toEqual([`ServiceRequest/${sent.context.draftOrders.entry[0].resource.id}`]);
    expect(sent.context.draftOrders.entry[0].resource.code.coding[0]).toMatchObject({
      system: 'https://his.example/H-CQ-001/order-item',
      code: 'JY0001',
    });
    expect(sent.prefetch).toMatchObject({
      patient: { id: 'zhang-wei', identifier: [{ value: '99010119680312003X' }] },
      encounter: { id: 'enc-zhang-wei-dr-li' },
      user: { id: 'dr-li' },
    });
    const [card] = (await selected.json()).cards;
    const { promptId, token } = appContextOf(card);

    const shown = page.getByRole('article', { name: /^钾：患者2天前/ });
    await shown.waitFor({ timeout: 15_000 });
    expect(await shown.getByText('渝中区人民医院').first().isVisible()).toBe(true);
    // The detail's GFM lab table (remark-gfm) is an HTML table: header cells and a row of values.
    const labTable = shown.getByRole('table').first();
    await labTable.getByRole('columnheader', { name: '参考范围' }).waitFor();
    expect(await labTable.getByRole('row').count()).toBeGreaterThan(1);
    await shown.getByRole('button', { name: /在互认助手中处理/ }).click();

    // The SMART app in its frame, launched with the card's appContext: accept the result there.
    const app = page.frameLocator('iframe[title="互认助手"]');
    const accept = app.getByRole('button', { name: /^采用此结果/ }).first();
    await accept.waitFor({ timeout: 30_000 });
    await accept.click();
    await app
      .getByText(/^已写入病历/)
      .first()
      .waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'demo-workstation-app.png') });
    await page.getByRole('button', { name: '关闭并返回工作站' }).click();

    // Back at the workstation: the order is withdrawn, and the record holds the external result.
    await shown.getByText('已在互认助手中采用外院结果').waitFor({ timeout: 15_000 });
    await page.getByRole('region', { name: '医嘱' }).getByText('已采用外院结果，医嘱撤销').waitFor();
    await page
      .getByRole('region', { name: /^病历/ })
      .getByText('执行机构：渝中区人民医院')
      .first()
      .waitFor({ timeout: 15_000 });
    // The value as the EHR charts it: the Quantity written back, number and unit.
    await page.getByRole('region', { name: /^病历/ }).getByText('钾: 4.1 mmol/L').first().waitFor();

    const record = await getJson(`${server.url}/demo/fhir/DiagnosticReport?patient=zhang-wei`);
    expect(record.body.entry.map((entry: { resource: unknown }) => entry.resource)).toContainEqual(
      expect.objectContaining({
        subject: { reference: 'Patient/zhang-wei' },
        code: expect.objectContaining({ text: '钾' }),
        performer: [expect.objectContaining({ display: '渝中区人民医院' })],
      }),
    );
    const view = await getJson(`${server.url}/api/prompts/${promptId}`, { authorization: `Bearer ${token}` });
    expect(view.body.decision).toMatchObject({
      outcome: 'accepted',
      source: 'smart-app',
      practitioner: { ref: 'Practitioner/dr-li' },
      writeBack: { status: 'written' },
    });
    await page.close();
  }, 120_000);

  it('issue 23 point 6: at 390 px, and at 1366 px zoomed to 200 %, a new card comes into view, its lab table stacks, no value is split; so does the app', async () => {
    /** Each non-empty cell's text and how many lines it takes. */
    const cellLines = (table: ReturnType<Page['getByRole']>) =>
      table.locator('tbody td').evaluateAll((cells) =>
        cells
          .filter((cell) => (cell.textContent ?? '').trim() !== '')
          .map((cell) => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
            return { text: cell.textContent, lines: tops.size };
          }),
      );
    const overflows = (page: Page) =>
      page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 683, height: 384 },
    ]) {
      const page = await browser.newPage({ locale: 'zh-CN', viewport });
      await openChart(page, '张伟');
      await order(page, 'xcg', /血常规/);
      const cbc = page.getByRole('article', { name: /^血常规：/ });
      await cbc.waitFor({ timeout: 15_000 });
      // Brought into view although the panel sits below the orders at this width.
      await expect
        .poll(() => cbc.evaluate((card) => card.getBoundingClientRect().top < window.innerHeight), { timeout: 15_000 })
        .toBe(true);
      const table = cbc.getByRole('table').first();
      const lines = await cellLines(table);
      expect(lines.length).toBeGreaterThan(3);
      expect(lines.filter((cell) => cell.lines > 1)).toEqual([]);
      expect(await overflows(page)).toBe(false);
      await page.screenshot({ path: join(ARTIFACTS, `demo-workstation-${viewport.width}.png`) });
      if (viewport.width === 390) {
        // The app from the card, at the same width: its table stacks too, and the 告知书's 说明 stays on the page.
        await cbc.getByRole('button', { name: /在互认助手中处理/ }).click();
        const app = page.frameLocator('iframe[title="互认助手"]');
        const report = app.getByRole('table').first();
        await report.waitFor({ timeout: 30_000 });
        expect((await cellLines(report)).filter((cell) => cell.lines > 1)).toEqual([]);
        await app.getByRole('button', { name: '不采用，说明理由' }).click();
        await app.getByLabel('病情变化，原结果与当前临床表现不符').check();
        await app.getByLabel(/^说明/).fill('服用利尿剂后乏力加重，需复查血常规以评估贫血与感染情况，并与既往结果对比');
        await app.getByRole('button', { name: '打印患者知情告知书' }).click();
        const sheet = app.getByRole('dialog', { name: '患者知情告知书' });
        const explanation = sheet.getByText(/^服用利尿剂后乏力加重/);
        await explanation.waitFor({ timeout: 15_000 });
        const [right, width] = await explanation.evaluate((span) => [
          span.getBoundingClientRect().right,
          span.ownerDocument.documentElement.clientWidth,
        ]);
        expect(right).toBeLessThanOrEqual(width);
        await page.screenshot({ path: join(ARTIFACTS, 'notification-sheet-390.png') });
      }
      await page.close();
    }
  }, 180_000);

  it('overrides 血常规 with a reason on the card alone, accepts 血钾 on its card, signs, and shows what was recorded for every order', async () => {
    const page = await newPage();
    await openChart(page, '张伟');
    await page.getByRole('article', { name: /外院检查检验结果在有效期内可互认/ }).waitFor({ timeout: 15_000 });

    // Found by a synonym or abbreviation the catalog holds (issue 11 point 7): 乙肝 and 乙肝表面抗原.
    const search = page.getByRole('combobox', { name: /搜索项目/ });
    for (const synonym of ['乙肝', '乙肝表面抗原']) {
      await search.fill(synonym);
      await page
        .getByRole('option', { name: /乙型肝炎病毒表面抗原/ })
        .first()
        .waitFor();
    }
    await search.fill('');
    // Typed as pinyin initials.
    const cbcCall = await order(page, 'xcg', /血常规/);
    const { promptId, token } = appContextOf((await cbcCall.json()).cards[0]);
    const cbc = page.getByRole('article', { name: /^血常规：/ });
    await cbc.waitFor({ timeout: 15_000 });
    await cbc.getByRole('button', { name: '不采用，说明理由' }).click();
    await cbc.getByLabel('理由').selectOption({ label: '患者或家属要求复查' });
    await cbc.getByLabel('说明').fill('家属要求在本院复查');
    const feedback = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/cds-services/recognition-order-select/feedback',
    );
    await cbc.getByRole('button', { name: '提交' }).click();
    const feedbackAnswer = await feedback;
    expect(feedbackAnswer.status()).toBe(200);
    expect(feedbackAnswer.request().headers().authorization).toMatch(/^Bearer ey/);
    await cbc.getByText(/^已说明不采用：患者或家属要求复查/).waitFor({ timeout: 15_000 });
    // The reason alone is not the whole decision: the card says what is missing, one click from the app (issue 23 point 2).
    await cbc.getByText(/^尚缺患者告知记录/).waitFor();
    expect(await cbc.getByRole('button', { name: '补充患者告知' }).isEnabled()).toBe(true);

    // 血钾 accepted on the card: its suggestion drops the draft order and says so in feedback.
    const kCall = await order(page, '血钾', /血钾/);
    const [kCard] = (await kCall.json()).cards;
    const potassium = page.getByRole('article', { name: /^钾：/ });
    await potassium.waitFor({ timeout: 15_000 });
    const accepted = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/cds-services/recognition-order-select/feedback',
    );
    await potassium.getByRole('button', { name: kCard.suggestions[0].label }).click();
    expect((await accepted).request().postDataJSON().feedback[0]).toMatchObject({
      card: kCard.uuid,
      outcome: 'accepted',
      acceptedSuggestions: [{ id: kCard.suggestions[0].uuid }],
    });
    await page.getByRole('region', { name: '医嘱' }).getByText('已采用外院结果，医嘱撤销').waitFor({ timeout: 15_000 });

    // One order prompted and left undecided, one without any recognisable result.
    const ctCall = await order(page, '胸部CT', /胸部CT平扫/);
    const ctPrompt = appContextOf((await ctCall.json()).cards[0]).promptId;
    const naCall = await order(page, '血钠', /血钠/);
    expect((await naCall.json()).cards).toEqual([]);

    const signed = page.waitForResponse(isCall('recognition-order-sign'));
    await page.getByRole('button', { name: '签署医嘱' }).click();
    const signCall = await signed;
    expect(signCall.status()).toBe(200);
    // order-sign comes before the EHR commits: its card shows while the orders are still unsigned,
    // with 仍要签署 and 返回处理 (issue 23 point 3).
    await page.getByText(/^签署前：互认服务对待签署的医嘱给出了提示/).waitFor({ timeout: 15_000 });
    const orderList = page.getByRole('region', { name: '医嘱' });
    expect(await orderList.getByText('已签署').count()).toBe(0);
    await page.getByRole('button', { name: '返回处理' }).click();
    expect(await page.getByText(/^签署前：互认服务对待签署的医嘱给出了提示/).count()).toBe(0);
    expect(await orderList.getByText('已签署').count()).toBe(0);
    const again = page.waitForResponse(isCall('recognition-order-sign'));
    await page.getByRole('button', { name: '签署医嘱' }).click();
    await again;
    await page.getByRole('button', { name: '仍要签署' }).click();
    // Every order still to sign; not the one withdrawn for the accepted result.
    expect(
      signCall
        .request()
        .postDataJSON()
        .context.draftOrders.entry.map((entry: { resource: { code: { text: string } } }) => entry.resource.code.text),
    ).toEqual(['血常规（五分类）', '胸部CT平扫', '血钠']);
    const summary = page.getByRole('region', { name: /^签署结果/ });
    const line = (name: string) => summary.getByRole('listitem', { name });
    await line('胸部CT平扫').getByText('未说明的重复检查', { exact: true }).waitFor({ timeout: 15_000 });
    await line('血常规（五分类）').getByText('不采用，重新检查', { exact: true }).waitFor();
    await line('血常规（五分类）').getByText('理由：患者或家属要求复查').waitFor();
    await line('血钠').getByText('无互认提示', { exact: true }).waitFor();
    await line('血钾').getByText('采用外院结果', { exact: true }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'demo-workstation.png'), fullPage: true });

    // The decision as the API holds it: from the card's feedback, not the app.
    const view = await getJson(`${server.url}/api/prompts/${promptId}`, { authorization: `Bearer ${token}` });
    expect(view.body.decision).toMatchObject({
      outcome: 'overridden',
      source: 'cds-feedback',
      reason: { code: 'patient-request' },
      explanation: '家属要求在本院复查',
      complete: false,
    });
    // And order-sign logged the undecided CT as an unexplained repeat.
    expect(await server.services.db('unexplained_repeats').where('prompt_id', ctPrompt).first()).toBeTruthy();
    await page.close();
  }, 120_000);
});

/** Issue 11 point 2: while Huren cannot be reached at signing, "unknown" is never shown as "none". */
describe('signing while the recognition service is unreachable (headless Chromium)', () => {
  it('says the service could not be reached, logs no unexplained repeat, and a later decision in the app is recorded as made after signing', async () => {
    const page = await newPage();
    await openChart(page, '张伟');
    await page.getByRole('article', { name: /外院检查检验结果在有效期内可互认/ }).waitFor({ timeout: 15_000 });
    const ctCall = await order(page, '胸部CT', /胸部CT平扫/);
    const { promptId, token } = appContextOf((await ctCall.json()).cards[0]);
    expect((await (await order(page, '血钠', /血钠/)).json()).cards).toEqual([]);

    // Huren goes down just before the signature: the EHR's call fails, the orders are signed all the same.
    await page.route('**/cds-services/recognition-order-sign', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: '签署医嘱' }).click();
    const summary = page.getByRole('region', { name: /^签署结果/ });
    const line = (name: string) => summary.getByRole('listitem', { name });
    await line('血钠').getByText('未能核对', { exact: true }).waitFor({ timeout: 15_000 });
    await line('血钠')
      .getByText(/是否有可互认的结果未知/)
      .waitFor();
    await line('胸部CT平扫').getByText('签署时服务不可用', { exact: true }).waitFor();
    // The failed call in the doctor's words; the service id and the network error only behind the toggle.
    const cards = page.getByRole('region', { name: '互认提示' });
    await cards.getByText(/^签署医嘱时互认服务没有应答/).waitFor();
    expect(await cards.getByText(/recognition-order-sign/).isVisible()).toBe(false);
    expect(await summary.getByText('没有可互认的外院结果。').count()).toBe(0);
    expect(await summary.getByText('未说明的重复检查', { exact: true }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-signed-unreachable.png'), fullPage: true });
    expect(await server.services.db('unexplained_repeats').where('prompt_id', promptId).first()).toBeUndefined();

    // Huren is back; the doctor completes the decision in the app from the card: it is recorded as made after signing.
    await page.unroute('**/cds-services/recognition-order-sign');
    await page
      .getByRole('article', { name: /^胸部CT平扫：/ })
      .getByRole('button', { name: /在互认助手中处理/ })
      .click();
    const app = page.frameLocator('iframe[title="互认助手"]');
    const accept = app.getByRole('button', { name: /^采用此结果/ }).first();
    await accept.waitFor({ timeout: 30_000 });
    await accept.click();
    await app.getByText(/此决定在医嘱签署之后做出/).waitFor({ timeout: 15_000 });
    const view = await getJson(`${server.url}/api/prompts/${promptId}`, { authorization: `Bearer ${token}` });
    expect(view.body.decision).toMatchObject({ outcome: 'accepted', afterSigning: true });
    await page.getByRole('button', { name: '关闭并返回工作站' }).click();
    await line('胸部CT平扫')
      .getByText(/签署后补充的决定/)
      .waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'demo-decided-after-signing.png'), fullPage: true });
    await page.close();
  }, 120_000);
});

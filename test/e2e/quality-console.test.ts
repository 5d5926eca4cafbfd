import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from '../support/browser';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
let browser: Browser;
let page: Page;

const DEPARTMENTS = {
  cardiology: ['0301', '心血管内科门诊'],
  respiratory: ['0502', '呼吸内科门诊'],
  orthopaedics: ['0710', '骨科门诊'],
} as const;
const DOCTORS = { li: ['dr-li', '李明'], zhao: ['dr-zhao', '赵华'], qian: ['dr-qian', '钱进'] } as const;

type Decision = { readonly accept: true } | { readonly reason: string } | { readonly sign: true } | null;

/** One order at 山城医大一院 through the real hooks, and what the doctor did with its card. */
async function order(
  patient: string,
  item: string,
  department: keyof typeof DEPARTMENTS,
  doctor: keyof typeof DOCTORS,
  decision: Decision,
): Promise<void> {
  const [departmentCode, departmentName] = DEPARTMENTS[department];
  const [doctorId, doctorName] = DOCTORS[doctor];
  const dress = (request: any) => {
    request.prefetch.encounter.serviceType = { coding: [{ code: departmentCode, display: departmentName }] };
    request.context.userId = `Practitioner/${doctorId}`;
    request.prefetch.user = { resourceType: 'Practitioner', id: doctorId, name: [{ text: doctorName }] };
    return request;
  };
  const { body } = await postJson(
    `${server.url}/cds-services/recognition-order-select`,
    dress(orderRequest('order-select', patient, [item])),
  );
  const [card] = body.cards;
  expect(card, `${patient} ${item} gets a card`).toBeTruthy();
  const feedback = (entry: Record<string, unknown>) =>
    postJson(`${server.url}/cds-services/recognition-order-select/feedback`, {
      feedback: [{ card: card.uuid, outcomeTimestamp: '2026-03-10T02:05:00Z', ...entry }],
    });
  if (decision && 'accept' in decision)
    expect(
      (await feedback({ outcome: 'accepted', acceptedSuggestions: [{ id: card.suggestions[0].uuid }] })).status,
    ).toBe(200);
  if (decision && 'reason' in decision) {
    const reason = card.overrideReasons.find((offered: { code: string }) => offered.code === decision.reason);
    expect((await feedback({ outcome: 'overridden', overrideReason: { reason } })).status).toBe(200);
  }
  // Signed without a decision: logged as an unexplained repeat.
  if (decision && 'sign' in decision)
    await postJson(
      `${server.url}/cds-services/recognition-order-sign`,
      dress(orderRequest('order-sign', patient, [item])),
    );
}

beforeAll(async () => {
  server = await startServer({ reachable: true });
  await order('zhang-wei', 'LAB-K', 'cardiology', 'li', { accept: true });
  await order('sun-li', 'US-THYROID', 'cardiology', 'li', { accept: true });
  await order('wang-fang', 'CT-HEAD', 'respiratory', 'zhao', { accept: true });
  await order('li-na', 'LAB-CRE', 'cardiology', 'qian', { reason: 'condition-changed' });
  await order('ma-chao', 'MR-KNEE', 'orthopaedics', 'qian', { reason: 'patient-request' });
  await order('he-jing', 'CT-CHEST', 'respiratory', 'zhao', { reason: 'images-not-received' });
  await order('lin-tao', 'CT-UABD-ENH', 'respiratory', 'zhao', null);
  await order('luo-lin', 'LAB-HBSAG', 'cardiology', 'li', { sign: true });
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The [term, value] pairs of the overview. */
const figures = () =>
  page
    .getByRole('region', { name: '总体情况' })
    .locator('dt')
    .evaluateAll((terms) => terms.map((term) => [term.textContent, term.nextElementSibling?.textContent]));
const listedItems = () =>
  page
    .getByRole('grid', { name: '申请明细' })
    .locator('[role="row"] [data-field="itemName"][role="gridcell"]')
    .allTextContents();

describe('quality console end to end (headless Chromium)', () => {
  it('signs in, filters, sees the figures, charts and list change, and downloads the list as CSV for Excel', async () => {
    const token = await server.token('quality', 'H-CQ-001');
    await page.goto(`${server.url}/app/quality`);
    await page.getByLabel('API 令牌').fill(token);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('region', { name: '总体情况' }).waitFor({ timeout: 30_000 });

    await expect.poll(figures, { timeout: 15_000 }).toEqual([
      ['提示的申请', '8'],
      ['可互认的申请', '7'],
      ['互认', '3'],
      ['互认率', '42.9%'],
      ['不互认（计入）', '2'],
      ['不计入的理由', '1'],
      ['未说明理由的重复检查', '1'],
      ['节省费用', expect.stringMatching(/^¥\d/)],
    ]);
    await expect.poll(async () => (await listedItems()).length).toBe(8);
    const reasons = page.getByRole('region', { name: '不互认理由' });
    await expect.poll(() => reasons.getByRole('table').locator('tbody tr').count()).toBe(3);
    const trend = page.getByRole('region', { name: '互认趋势' }).locator('svg.MuiChartsSvgLayer-root');
    const trendBefore = await trend.innerHTML();
    await page.screenshot({ path: join(ARTIFACTS, 'quality-console.png'), fullPage: true });

    // Only the recognised orders: the address, the figures, the charts and the list follow.
    await page.getByRole('combobox', { name: '处理结果' }).click();
    await page.getByRole('option', { name: '已互认' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('outcome')).toBe('accepted');
    await expect.poll(figures).toContainEqual(['提示的申请', '3']);
    await expect.poll(async () => (await listedItems()).sort()).toEqual(['头颅CT平扫', '甲状腺超声', '钾'].sort());
    await expect.poll(() => reasons.getByText('该期间没有不互认的决定。').isVisible()).toBe(true);
    await expect.poll(() => trend.innerHTML()).not.toBe(trendBefore);
    await page.screenshot({ path: join(ARTIFACTS, 'quality-console-filtered.png'), fullPage: true });

    // A reload shows the same view: the filter is in the address, the token in the tab's session.
    await page.reload();
    await expect.poll(figures, { timeout: 15_000 }).toContainEqual(['提示的申请', '3']);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出当前列表（CSV）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('huren-orders-2026-02-09-2026-03-10.csv');
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]?.startsWith('提示时间（UTC+08:00）,科室,开单医生')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(',')[8])).toEqual(['已互认', '已互认', '已互认']);
  }, 120_000);

  it("issue 11 points 10 and 11: the order history names institutions, wraps a long explanation, says who was told how; the report's month is the server's", async () => {
    // 高峰 APTT at 嘉陵江中心医院: refused in the app with a long explanation, the family informed in writing.
    const { body } = await postJson(
      `${server.url}/cds-services/recognition-order-select`,
      orderRequest('order-select', 'gao-feng', ['LAB-APTT']),
    );
    const appContext = JSON.parse(body.cards[0].links[0].appContext);
    const explanation =
      '患者近期开始华法林抗凝治疗，需在调整剂量前后连续复查凝血功能以评估疗效与出血风险，外院结果不能反映当前用药后的凝血状态。'.repeat(
        2,
      );
    const decided = await postJson(
      `${server.url}/api/prompts/${appContext.promptId}/decision`,
      {
        outcome: 'overridden',
        reason: 'other',
        explanation,
        notification: { party: 'family', method: 'written', notifiedAt: '2026-03-10T02:20:00Z', notifiedBy: '李明' },
        practitioner: { ref: 'Practitioner/dr-li', name: '李明' },
      },
      { authorization: `Bearer ${appContext.token}` },
    );
    expect(decided.status).toBe(200);
    await page.goto(`${server.url}/app/quality?item=LAB-APTT`);
    await page.getByRole('button', { name: '查看“活化部分凝血活酶时间”的处理记录' }).click({ timeout: 30_000 });
    const dialog = page.getByRole('dialog', { name: '处理记录：活化部分凝血活酶时间' });
    await expect
      .poll(() => dialog.getByText(/^嘉陵江中心医院 · \d{4}-\d{2}-\d{2}（3 天前，有效期剩余 \d+ 天）$/).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    const row = dialog.getByRole('table').locator('tbody tr').first();
    // In the browser's time zone, as every time on the screen.
    await expect.poll(() => row.locator('td').last().textContent()).toMatch(/^2026-03-10 \d\d:20 由李明书面告知家属$/);
    // The reason by name, without the doctor's instruction.
    expect(await row.locator('td').nth(2).textContent()).toMatch(/^不采用，重新检查其他说明：患者近期/);
    // The explanation wraps in its own column: the doctor's and the notification's columns keep their width.
    const widths = await row
      .locator('td')
      .evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().width));
    expect(widths[3]).toBeGreaterThanOrEqual(100);
    expect(widths[5]).toBeGreaterThanOrEqual(200);
    await page.screenshot({ path: join(ARTIFACTS, 'quality-order-history.png') });
    await dialog.getByRole('button', { name: '关闭' }).click();

    // 宋雨's potassium: only the hospital's own result was offered, labelled 本院, listed apart from the rate.
    expect(
      (
        await postJson(
          `${server.url}/cds-services/recognition-order-select`,
          orderRequest('order-select', 'song-yu', ['LAB-K']),
        )
      ).body.cards,
    ).toHaveLength(1);
    await page.goto(`${server.url}/app/quality?scope=in-hospital`);
    await page.getByRole('button', { name: '查看“钾”的处理记录' }).click({ timeout: 30_000 });
    await expect
      .poll(
        () =>
          page
            .getByRole('dialog')
            .getByText(/^本院（山城医科大学附属第一医院） · /)
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1);
    await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();

    // The browser's clock says another month; the server's (2026-03-10) decides: last month is 2026-02.
    await expect
      .poll(async () => (await page.getByRole('group', { name: '月份' }).textContent())?.replace(/[^\d-]/g, ''))
      .toBe('2026-02');
  }, 120_000);

  it('issue 23 point 11: at 1366 and 1024 px the reason, the price and 处理记录 are on screen; the rest open under 显示更多列', async () => {
    const onScreen = async (width: number) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/app/quality`);
      const grid = page.getByRole('grid', { name: '申请明细' });
      await expect.poll(async () => (await listedItems()).length, { timeout: 30_000 }).toBeGreaterThan(0);
      const headers = await grid
        .getByRole('columnheader')
        .evaluateAll((cells) =>
          cells.map((cell) => ({ name: cell.textContent ?? '', right: cell.getBoundingClientRect().right })),
        );
      return { headers, page: await page.evaluate(() => document.documentElement.clientWidth) };
    };
    for (const width of [1366, 1024]) {
      const { headers, page: pageWidth } = await onScreen(width);
      for (const name of ['处理记录', '理由', '参考价格（元）'])
        expect(headers.find((header) => header.name === name)?.right, `${name} at ${width} px`).toBeLessThanOrEqual(
          pageWidth,
        );
      expect(headers.map((header) => header.name)).not.toContain('类别');
    }
    await page.screenshot({ path: join(ARTIFACTS, 'quality-console-1024.png'), fullPage: true });
    // What was left out opens under 显示更多列 and comes back on the grid.
    await page.getByRole('button', { name: '显示更多列' }).click();
    await page.getByRole('checkbox', { name: '类别' }).check();
    await expect
      .poll(() => page.getByRole('grid', { name: '申请明细' }).getByRole('columnheader', { name: '类别' }).count())
      .toBe(1);
    await page.setViewportSize({ width: 1400, height: 1000 });
  }, 120_000);
});

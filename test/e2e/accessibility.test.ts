import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchChromium } from '../support/browser';
import { orderRequest, sampleRequest } from '../support/hook-requests';
import { postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ reachable: true });
  // Something for the consoles to list.
  for (const [patient, item] of [
    ['sun-li', 'US-THYROID'],
    ['ma-chao', 'MR-KNEE'],
  ] as const) {
    await postJson(
      `${server.url}/cds-services/recognition-order-select`,
      orderRequest('order-select', patient, [item]),
    );
  }
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** WCAG 2.1 A and AA as axe-core checks them; what a hospital would not accept is serious or critical. */
async function seriousViolations(
  page: Page,
): Promise<{ id: string; impact: string | null | undefined; help: string; targets: string[] }[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** A page in its own context: axe-core runs its checks in every frame, which needs the context's pages. */
async function newPage(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height } });
  return context.newPage();
}

describe('accessibility: axe-core over every screen of the three roles (issue 11 point 8)', () => {
  it('/demo with a chart open, cards of both indicators shown and the order list: no serious or critical violation', async () => {
    const page = await newPage(1440, 900);
    await page.goto(`${server.url}/demo`);
    await page.getByRole('combobox', { name: '患者' }).click({ timeout: 30_000 });
    await page.getByRole('option', { name: /^张伟/ }).click();
    await page.getByRole('article', { name: /外院检查检验结果在有效期内可互认/ }).waitFor({ timeout: 15_000 });
    await page.getByRole('combobox', { name: /搜索项目/ }).fill('血钾');
    await page.getByRole('option', { name: /血钾/ }).first().click();
    await page.getByRole('article', { name: /^钾：/ }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'a11y-demo.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('the decision screen, with the exception form open: no serious or critical violation', async () => {
    const { body } = await postJson(
      `${server.url}/cds-services/recognition-order-select`,
      sampleRequest('order-select-zhang-wei.json'),
    );
    const launch = await postJson(`${server.url}/demo/auth/launch`, {
      patientId: 'zhang-wei',
      practitionerId: 'dr-li',
      encounterId: null,
      appContext: body.cards[0].links[0].appContext,
    });
    const page = await newPage(1280, 720);
    await page.goto(launch.body.url);
    await page.getByRole('button', { name: '不采用，说明理由' }).click({ timeout: 30_000 });
    await page.getByRole('region', { name: '不采用外院结果，重新检查' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  for (const role of ['quality', 'admin'] as const) {
    it(`/app/${role} signed in: no serious or critical violation`, async () => {
      const page = await newPage(1440, 900);
      await page.goto(`${server.url}/app/${role}`);
      await page.getByLabel('API 令牌').fill(await server.token(role, 'H-CQ-001'));
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('button', { name: '退出登录' }).waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(ARTIFACTS, `a11y-${role}.png`), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    }, 90_000);
  }
});

import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potassiumOru } from '../../fixtures/hl7v2/samples';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { localDate } from '../../rules';
import { launchChromium, seriousViolations } from '../support/browser';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * Issue 19 point 5: what a hospital's LIS sent that could not be filed is shown to that hospital's
 * administrator, with the reason in Chinese and the message as it came; another hospital's is not.
 */

let server: TestServer;
let browser: Browser;
let page: Page;

/** A source of `hospital` sends an ORU whose local item code nobody mapped: quarantined. */
async function unmappedFrom(sourceId: string, hospital: string, controlId: string): Promise<void> {
  const registered = await postJson(
    `${server.url}/api/platform/sources`,
    { id: sourceId, name: `${hospital} LIS`, format: 'hl7v2', institutions: [hospital], facilities: { JLJ: hospital } },
    { authorization: `Bearer ${server.platformToken}` },
  );
  const message = potassiumOru({
    nationalId: syntheticNationalId('1966-06-06', controlId.length),
    name: '隔离',
    today: localDate(TEST_NOW, 'Asia/Shanghai'),
    controlId,
    itemCode: 'JY-UNMAPPED-9',
  });
  const response = await fetch(`${server.url}/ingest/hl7v2`, {
    method: 'POST',
    headers: { authorization: `Bearer ${registered.body.token}` },
    body: new Uint8Array(iconv.encode(message, 'gb18030')),
  });
  expect(response.status).toBe(422);
}

beforeAll(async () => {
  server = await startServer({ reachable: true });
  await unmappedFrom('LIS-E2E-JLJ', HOSPITALS.jialing, 'E2E-JLJ-1');
  await unmappedFrom('LIS-E2E-QJ', HOSPITALS.qijiang, 'E2E-QJ-1');
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } })).newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the quarantine in the administrator console (headless Chromium)', () => {
  it("an administrator opens it from the console, reads why the hospital's message waits and the message itself, and sees no other hospital's; the page passes axe-core", async () => {
    const token = await server.token('admin', HOSPITALS.jialing);
    await page.goto(`${server.url}/app/admin`);
    await page.getByLabel('API 令牌').fill(token);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '控制台页面' }).getByRole('link', { name: '数据接入隔离区' }).click();
    await page.getByRole('heading', { level: 1, name: '数据接入隔离区' }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/app/admin/quarantine');
    const waiting = page.getByRole('button', { name: /E2E-JLJ-1/ });
    await waiting.waitFor({ timeout: 15_000 });
    expect(await waiting.textContent()).toContain('项目编码未能对照到互认目录');
    expect(await page.getByRole('button', { name: /E2E-QJ-1/ }).count()).toBe(0);
    // The hospital's sources, with what they sent.
    const sources = page.getByRole('region', { name: '本院数据源' });
    expect(await sources.getByRole('rowheader', { name: /LIS-E2E-JLJ/ }).count()).toBe(1);
    expect(await sources.getByRole('rowheader', { name: /LIS-E2E-QJ/ }).count()).toBe(0);
    await waiting.click();
    const raw = page.getByLabel('原始消息');
    await raw.waitFor({ timeout: 15_000 });
    expect(await raw.textContent()).toContain('JY-UNMAPPED-9^血钾');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

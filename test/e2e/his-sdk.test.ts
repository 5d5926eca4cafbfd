import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousViolations } from '../support/browser';
import { demoPatient } from '../support/hook-requests';
import { signedJson } from '../support/his';
import { startServer, type TestServer } from '../support/server';

/**
 * Issue 20 point 5: a browser-based HIS (the demo at /demo/his) uses the SDK: the check opens the
 * prompt in the SDK's own dialog, accepting writes back, declining opens the decision page in a
 * 400×600 popup, and the HIS hears `decided` and `dismissed`. Headless Chromium, axe-core on each screen.
 */

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer({ reachable: true });
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } })).newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the browser SDK in a browser-based HIS (headless Chromium)', () => {
  it('prompts in its own dialog, writes back an accepted result, and hands a decline to the decision page', async () => {
    await page.goto(`${server.url}/demo/his`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('患者').selectOption(demoPatient('zhang-wei').nationalId);
    await page.getByRole('checkbox', { name: '血钾（JY0001）' }).check();
    await page.getByRole('checkbox', { name: '胸部CT平扫（JC1001）' }).check();
    await page.getByRole('button', { name: '保存医嘱' }).click();

    const dialog = page.getByRole('dialog', { name: '检查检验结果互认提示' });
    await dialog.waitFor({ timeout: 30_000 });
    // The HIS's stylesheet stops at the shadow root: the dialog keeps its own font size.
    expect(await dialog.evaluate((element) => getComputedStyle(element).fontSize)).toBe('14px');
    const potassium = dialog.getByRole('region', { name: '钾' });
    expect(await potassium.textContent()).toContain('渝中区人民医院');
    expect(await seriousViolations(page)).toEqual([]);

    await potassium.getByRole('button', { name: /^采用外院结果/ }).click();
    await potassium.getByText('已采用该结果').waitFor({ timeout: 15_000 });
    const events = page.getByRole('log');
    await expect.poll(() => events.textContent(), { timeout: 15_000 }).toMatch(/decided：医嘱 \S+JY0001 → accepted/);

    const chest = dialog.getByRole('region', { name: '胸部CT平扫' });
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      chest.getByRole('button', { name: /^不采用/ }).click(),
    ]);
    await popup.getByRole('button', { name: '不采用，说明理由' }).waitFor({ timeout: 30_000 });
    // The decision page fits the HIS's 400×600 popup: nothing wider than the window.
    const size = await popup.evaluate(() => ({
      inner: window.innerWidth,
      scroll: document.documentElement.scrollWidth,
    }));
    expect(size.inner).toBeLessThanOrEqual(400);
    expect(size.scroll).toBeLessThanOrEqual(size.inner);
    // The doctor the HIS named, not "unknown".
    expect(await popup.getByText('开单医生：李明').count()).toBeGreaterThan(0);
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.getByRole('button', { name: '不采用，说明理由' }).click();
    const form = popup.getByRole('region', { name: '不采用外院结果，重新检查' });
    await form.getByLabel('病情变化，原结果与当前临床表现不符').check();
    await form.getByLabel(/^说明/).fill('胸痛加重，需复查');
    await form.getByLabel('患者本人', { exact: true }).check();
    await form.getByLabel('口头', { exact: true }).check();
    await expect.poll(() => form.getByLabel(/^告知人/).inputValue()).toBe('李明');
    await form.getByRole('button', { name: '保存决定' }).click();
    await popup.getByText('决定已保存，HIS 会收到结果').waitFor({ timeout: 15_000 });

    await expect.poll(() => events.textContent(), { timeout: 15_000 }).toMatch(/decided：医嘱 \S+JC1001 → declined/);
    await chest.getByText('已记录不采用的理由').waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => events.textContent(), { timeout: 15_000 }).toContain('dismissed：提示已关闭');

    // What the HIS reads back from its server agrees with what the page said.
    const text = (await events.textContent()) ?? '';
    const orderId = /医嘱 (\S+JC1001) → declined/.exec(text)?.[1] ?? '';
    const back = await signedJson(server, `/his/v1/decisions?orderId=${encodeURIComponent(orderId)}`);
    expect(back.body).toMatchObject({
      outcome: 'declined',
      complete: true,
      reasonCode: 'condition-changed',
      source: 'smart-app',
    });
  }, 120_000);
});

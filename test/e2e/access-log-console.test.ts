import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { patientKey } from '../../server/fhir/patient-key';
import { ARTIFACTS, launchChromium } from '../support/browser';
import { demoPatient, orderRequest } from '../support/hook-requests';
import { getJson, postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

let server: TestServer;
let browser: Browser;
let page: Page;

const keyOf = (patient: string) => patientKey(server.config.patientKeySecret, demoPatient(patient).nationalId);
const shortKey = (patient: string) => `${keyOf(patient).slice(0, 10)}…`;

/** A hospital's EHR calls the hook for a patient, signed as that EHR: a read of that patient's results. */
async function orderSelect(patient: string, item: string, hospitalId: string): Promise<void> {
  const service = `${server.url}/cds-services/recognition-order-select`;
  const ehr = DEMO_CLIENTS.find((client) => client.hospitalId === hospitalId);
  const jwt = await mintClientToken({ issuer: ehr?.issuer ?? '', audience: service, now: TEST_NOW });
  const { status } = await postJson(service, orderRequest('order-select', patient, [item], { hospitalId }), {
    authorization: `Bearer ${jwt}`,
  });
  expect(status).toBe(200);
}

/** Waits until the log holds the read (the recorder writes in batches), asked the way the platform would. */
async function logged(patient: string): Promise<void> {
  for (;;) {
    const { body } = await getJson(`${server.url}/api/access-log?nationalId=${demoPatient(patient).nationalId}`, {
      authorization: `Bearer ${server.platformToken}`,
    });
    if (body.entries.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  server = await startServer({ reachable: true, env: { CDS_AUTH: 'on' } });
  await orderSelect('zhang-wei', 'LAB-K', HOSPITALS.shancheng);
  await orderSelect('li-na', 'LAB-CRE', HOSPITALS.qijiang);
  await Promise.all([logged('zhang-wei'), logged('li-na')]);
  browser = await launchChromium();
  // A context of its own: axe-core checks every frame, which needs the context's pages.
  page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } })).newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const column = (field: string) =>
  page
    .getByRole('grid', { name: '访问记录' })
    .locator(`[role="row"] [role="gridcell"][data-field="${field}"]`)
    .allTextContents();

describe('the access log in the quality console (headless Chromium)', () => {
  it("a hospital's quality user opens it from the console and sees the hook's read of its patient, and no other hospital's; the page passes axe-core", async () => {
    const token = await server.token('quality', HOSPITALS.shancheng);
    await page.goto(`${server.url}/app/quality`);
    await page.getByLabel('API 令牌').fill(token);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '控制台页面' }).getByRole('link', { name: '访问日志' }).click();
    await page.getByRole('heading', { level: 1, name: '访问日志' }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/app/quality/access-log');

    await expect.poll(() => column('patientKey'), { timeout: 15_000 }).toContain(shortKey('zhang-wei'));
    const patients = await column('patientKey');
    const row = patients.indexOf(shortKey('zhang-wei'));
    expect((await column('endpoint'))[row]).toBe('开单时的提示');
    // The doctor the EHR named, and the hospital by name (issue 23 point 9).
    expect((await column('actor'))[row]).toBe('医生工作站 · 测试医生（Practitioner/dr-test）');
    expect((await column('hospitalId'))[row]).toBe('山城医科大学附属第一医院');
    expect(Number((await column('results'))[row])).toBeGreaterThan(0);
    expect(patients).not.toContain(shortKey('li-na'));
    expect(new Set(await column('hospitalId'))).toEqual(new Set(['山城医科大学附属第一医院']));
    await page.screenshot({ path: join(ARTIFACTS, 'access-log-console.png'), fullPage: true });
    // WCAG 2.1 A and AA, as the other console pages are held to (test/e2e/accessibility.test.ts).
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(
      axe.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => violation.id),
    ).toEqual([]);

    // One person's reads, asked by national ID: the server turns it into the key.
    await page.getByRole('textbox', { name: '患者' }).fill(demoPatient('zhang-wei').nationalId);
    await page.getByRole('textbox', { name: '患者' }).press('Enter');
    await expect.poll(async () => new Set(await column('patientKey'))).toEqual(new Set([shortKey('zhang-wei')]));
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { orderRequest } from '../support/hook-requests';
import { expectMatchesOpenApi } from '../support/openapi';
import { getJson, postJson, startServer, type TestServer } from '../support/server';

/**
 * Issue 21 point 3: a region's policy is changed by the platform, takes effect on the next card, and is
 * versioned like a hospital's rules: its history says who saved what when, and a rollback puts an
 * earlier version in force again. Alliances are listed with their members. Both stores.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const platform = () => ({ authorization: `Bearer ${server.platformToken}` });
const put = async (path: string, body: unknown) => {
  const response = await fetch(`${server.url}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...platform() },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
};
const potassiumCards = async () =>
  (
    await postJson(
      `${server.url}/cds-services/recognition-order-select`,
      orderRequest('order-select', 'zhang-wei', ['LAB-K']),
    )
  ).body.cards as unknown[];
const chongqing = async () =>
  ((await getJson(`${server.url}/api/platform/regions`, platform())).body as any[]).find((r) => r.code === 'CQ');

describe("a region's policy, versioned", () => {
  it('takes effect on the next card, keeps every version, and rolls back to the installed one', async () => {
    const installed = await chongqing();
    expect(installed.markRequired).toBe(false);
    expect(await potassiumCards()).toHaveLength(1);
    expect((await getJson(`${server.url}/api/platform/regions/CQ/history`, platform())).body).toEqual([]);

    // 重庆 requires the 互认 mark: 张伟's unmarked 血钾 from 渝中 is no longer offered.
    const saved = await put('/api/platform/regions/CQ', { ...installed, markRequired: true });
    expect(saved.status).toBe(200);
    expect(await potassiumCards()).toHaveLength(0);

    const history = await getJson(`${server.url}/api/platform/regions/CQ/history`, platform());
    await expectMatchesOpenApi(server.url, '/api/platform/regions/{code}/history', 'get', 200, history.body);
    expect(history.body.map((v: any) => [v.version, v.action, v.policy.markRequired])).toEqual([
      [2, 'save', true],
      [1, 'initial', false],
    ]);
    expect(history.body[0].savedBy).not.toBe('—');

    const rolledBack = await postJson(`${server.url}/api/platform/regions/CQ/rollback`, { version: 1 }, platform());
    expect(rolledBack.status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/platform/regions/{code}/rollback', 'post', 200, rolledBack.body);
    expect(rolledBack.body).toMatchObject({ code: 'CQ', version: 3, policy: { markRequired: false } });
    expect(await chongqing()).toEqual(installed);
    expect(await potassiumCards()).toHaveLength(1);
    expect(
      (await getJson(`${server.url}/api/platform/regions/CQ/history`, platform())).body.map((v: any) => v.action),
    ).toEqual(['rollback', 'save', 'initial']);
  });

  it('shows before saving what a policy would have done to the region’s recent cards, saving nothing', async () => {
    expect(await potassiumCards()).toHaveLength(1);
    const installed = await chongqing();
    const tried = await postJson(
      `${server.url}/api/platform/regions/CQ/dry-run`,
      { policy: { ...installed, markRequired: true }, days: 30 },
      platform(),
    );
    expect(tried.status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/platform/regions/{code}/dry-run', 'post', 200, tried.body);
    // 张伟's card (and the earlier test's) came from an unmarked result: they would no longer be shown.
    expect(tried.body.evaluated).toBeGreaterThanOrEqual(1);
    expect(tried.body.wouldDisappear).toBeGreaterThanOrEqual(1);
    expect(tried.body.hospitals).toBeGreaterThanOrEqual(1);
    expect(Object.keys(tried.body.disappearReasons).join(' ')).toMatch(/mark/);
    // The policy in force is unchanged, and the same policy replayed changes nothing.
    expect(await chongqing()).toEqual(installed);
    const same = await postJson(`${server.url}/api/platform/regions/CQ/dry-run`, { policy: installed }, platform());
    expect(same.body).toMatchObject({ wouldDisappear: 0, evaluated: tried.body.evaluated });
    await server.services.accessLog.flush();
    expect(
      await server.services.db('access_log').where('endpoint', 'POST /api/platform/regions/:code/dry-run'),
    ).toHaveLength(2);
  });

  it('refuses a partner region that does not exist, and a version that never was', async () => {
    const installed = await chongqing();
    const refused = await put('/api/platform/regions/CQ', { ...installed, partnerRegions: ['XX'] });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid', field: 'partnerRegions' });
    const missing = await postJson(`${server.url}/api/platform/regions/CQ/rollback`, { version: 99 }, platform());
    expect(missing.status).toBe(404);
    expect(await chongqing()).toEqual(installed);
  });
});

describe('alliances', () => {
  it('lists each alliance with its kind and members, and saves a new one', async () => {
    const listed = await getJson(`${server.url}/api/platform/alliances`, platform());
    expect(listed.status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/platform/alliances', 'get', 200, listed.body);
    expect(listed.body.find((a: any) => a.id === 'A-YUZHONG')).toMatchObject({
      kind: 'close',
      members: expect.arrayContaining([HOSPITALS.shancheng]),
    });
    expect(
      (await put('/api/platform/alliances/A-NEW', { id: 'A-NEW', name: '沙坪坝区医联体', kind: 'loose' })).status,
    ).toBe(200);
    expect((await getJson(`${server.url}/api/platform/alliances`, platform())).body).toContainEqual({
      id: 'A-NEW',
      name: '沙坪坝区医联体',
      kind: 'loose',
      members: [],
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { expectMatchesOpenApi } from '../support/openapi';
import { getJson, startServer, type TestServer } from '../support/server';

/** Issue 23 point 10: every console names the hospital its token speaks for. */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('GET /api/session', () => {
  it("answers a hospital token's role and hospital by name, the platform's without one, and nobody without a token", async () => {
    const quality = await getJson(`${server.url}/api/session`, {
      authorization: `Bearer ${await server.token('quality', HOSPITALS.qijiang)}`,
    });
    expect(quality.status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/session', 'get', 200, quality.body);
    expect(quality.body).toMatchObject({
      role: 'quality',
      hospital: { id: HOSPITALS.qijiang, name: '綦江区人民医院' },
    });
    const platform = await getJson(`${server.url}/api/session`, { authorization: `Bearer ${server.platformToken}` });
    expect(platform.body).toMatchObject({ role: 'platform', hospital: null });
    expect((await getJson(`${server.url}/api/session`)).status).toBe(401);
  });
});

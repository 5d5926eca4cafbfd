import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { demoPatient, orderRequest } from '../support/hook-requests';
import { getJson, postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

const SELECT = 'recognition-order-select';

let server: TestServer;
let quality: string;

beforeAll(async () => {
  server = await startServer({ env: { CDS_AUTH: 'on' } });
  quality = await server.token('quality', HOSPITALS.shancheng);
});
afterAll(async () => {
  await server.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function logAs(token: string, query: string): Promise<{ status: number; body: any }> {
  await server.services.accessLog.flush();
  return getJson(`${server.url}/api/access-log${query}`, bearer(token));
}

describe("the access log's endpoint filter (the console's endpoint choice)", () => {
  it('lists the reads through one endpoint only, and refuses an endpoint the log never names', async () => {
    const token = await mintClientToken({
      issuer: DEMO_CLIENTS[0].issuer,
      audience: `http://huren.test/cds-services/${SELECT}`,
      now: TEST_NOW,
    });
    expect(
      (
        await postJson(
          `${server.url}/cds-services/${SELECT}`,
          orderRequest('order-select', 'zhang-wei', ['LAB-K']),
          bearer(token),
        )
      ).status,
    ).toBe(200);
    const explained = await postJson(
      `${server.url}/api/explain`,
      orderRequest('order-select', 'zhang-wei', ['LAB-K']),
      bearer(quality),
    );
    expect(explained.status).toBe(200);

    const all = await logAs(quality, '');
    expect(new Set(all.body.entries.map((entry: { endpoint: string }) => entry.endpoint))).toEqual(
      new Set([`POST /cds-services/${SELECT}`, 'POST /api/explain']),
    );

    const hooks = await logAs(quality, `?endpoint=${encodeURIComponent(`POST /cds-services/${SELECT}`)}`);
    expect(hooks.status).toBe(200);
    expect(hooks.body.entries.length).toBeGreaterThan(0);
    expect(
      hooks.body.entries.every((entry: { endpoint: string }) => entry.endpoint === `POST /cds-services/${SELECT}`),
    ).toBe(true);

    const explain = await logAs(
      quality,
      `?endpoint=${encodeURIComponent('POST /api/explain')}&nationalId=${demoPatient('zhang-wei').nationalId}`,
    );
    expect(explain.body.entries).toHaveLength(1);
    expect(explain.body.entries[0]).toMatchObject({ endpoint: 'POST /api/explain', actorKind: 'api-token' });

    const unknown = await logAs(quality, `?endpoint=${encodeURIComponent('DELETE /api/everything')}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('endpoint');
  });

  it('documents the filter in the OpenAPI document', async () => {
    const { body } = await getJson(`${server.url}/api/openapi.json`);
    const parameters = body.paths['/api/access-log'].get.parameters.map(
      (parameter: { name: string }) => parameter.name,
    );
    expect(parameters).toContain('endpoint');
  });
});

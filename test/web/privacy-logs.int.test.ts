import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { mockEhr, type MockEhr } from '../support/ehr';
import { demoPatient, orderRequest } from '../support/hook-requests';
import { getJson, postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

let server: TestServer;
let ehr: MockEhr;
const secrets: string[] = [];

beforeAll(async () => {
  // The most talkative level, so that anything that could leak would.
  server = await startServer({ env: { CDS_AUTH: 'on', LOG_LEVEL: 'trace' } });
  ehr = mockEhr(
    http.get('https://ehr.h-cq-001.example/fhir/Patient/zhang-wei', () => new HttpResponse(null, { status: 401 })),
  );
});
afterAll(async () => {
  ehr.close();
  await server.close();
});

describe('logs: structured, with a request id, and never the identifiers or tokens', () => {
  it('keeps national IDs, FHIR access tokens, client JWTs and decision tokens out of every log line', async () => {
    const audience = (service: string) => `http://huren.test/cds-services/${service}`;
    const mint = (service: string) =>
      mintClientToken({ issuer: DEMO_CLIENTS[0].issuer, audience: audience(service), now: TEST_NOW });

    // A hook call with a card (national ID in prefetch, a client JWT).
    const jwt = await mint('recognition-order-select');
    const select = await postJson(
      `${server.url}/cds-services/recognition-order-select`,
      orderRequest('order-select', 'zhang-wei', ['LAB-K']),
      { authorization: `Bearer ${jwt}` },
    );
    expect(select.status).toBe(200);
    const appContext = JSON.parse(select.body.cards[0].links[0].appContext);
    secrets.push(jwt, appContext.token, demoPatient('zhang-wei').nationalId);

    // A fallback read with a FHIR access token that the EHR refuses (412), and a refused JWT (401).
    const fallback = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    delete fallback.prefetch.patient;
    fallback.fhirServer = 'https://ehr.h-cq-001.example/fhir';
    fallback.fhirAuthorization = {
      access_token: 'secret-fhir-access-token-42',
      token_type: 'Bearer',
      expires_in: 60,
      scope: 'user/Patient.read',
      subject: 'huren',
    };
    secrets.push('secret-fhir-access-token-42');
    expect(
      (
        await postJson(`${server.url}/cds-services/recognition-order-select`, fallback, {
          authorization: `Bearer ${await mint('recognition-order-select')}`,
        })
      ).status,
    ).toBe(412);
    expect(
      (
        await postJson(`${server.url}/cds-services/recognition-order-select`, fallback, {
          authorization: `Bearer ${jwt}`,
        })
      ).status,
    ).toBe(401);

    // The SMART app's API with the decision token, then a bad body, then ingest with national IDs.
    expect(
      (
        await getJson(`${server.url}/api/prompts/${appContext.promptId}`, {
          authorization: `Bearer ${appContext.token}`,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await postJson(
          `${server.url}/api/prompts/${appContext.promptId}/decision`,
          { outcome: 'overridden', reason: demoPatient('li-na').nationalId },
          { authorization: `Bearer ${appContext.token}` },
        )
      ).status,
    ).toBe(400);
    secrets.push(demoPatient('li-na').nationalId);
    const bad = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            identifier: [{ system: 'urn:oid:2.16.156.10011.1.3', value: demoPatient('wang-fang').nationalId }],
          },
        },
        {
          resource: {
            resourceType: 'DiagnosticReport',
            status: 'final',
            code: {},
            subject: {
              identifier: { system: 'urn:oid:2.16.156.10011.1.3', value: demoPatient('wang-fang').nationalId },
            },
          },
        },
      ],
    };
    secrets.push(demoPatient('wang-fang').nationalId);
    expect(
      (await postJson(`${server.url}/fhir`, bad, { authorization: `Bearer ${server.platformToken}` })).status,
    ).toBe(200);

    const logs = server.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    secrets.push(server.platformToken);
    for (const secret of secrets) expect(logs).not.toContain(secret);
    // No fragment of a JWT either (its header segment is the tell-tale).
    expect(logs).not.toMatch(/eyJ[\w-]{10,}\.eyJ/);
  });

  it('writes JSON lines that carry the request id the response announced', async () => {
    const response = await fetch(`${server.url}/cds-services`);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const line = server.logs.map((entry) => JSON.parse(entry)).find((entry) => entry.req?.id === requestId);
    expect(line).toMatchObject({
      service: 'huren',
      req: { method: 'GET', path: '/cds-services' },
      res: { statusCode: 200 },
    });
  });
});

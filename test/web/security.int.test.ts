import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    env: { RATE_LIMIT_PER_MINUTE: '3', CDS_AUTH: 'on', APP_FRAME_ANCESTORS: 'https://ehr.h-cq-001.example' },
  });
});
afterAll(async () => {
  await server.close();
});

describe('security headers and the per-client rate limit', () => {
  it('sends nosniff on the JSON and FHIR endpoints', async () => {
    for (const path of ['/api/openapi.json', '/cds-services', '/health/live']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('sends the full set of security headers on the pages a browser renders', async () => {
    for (const path of ['/app/', '/app/quality', '/']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'self' https://ehr.h-cq-001.example");
      expect(response.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('answers 429 with an OperationOutcome once a CDS client exceeds its budget; another client is not affected', async () => {
    const call = async (issuer: string) => {
      const token = await mintClientToken({
        issuer,
        audience: 'http://huren.test/cds-services/recognition-order-select',
        now: TEST_NOW,
      });
      return postJson(
        `${server.url}/cds-services/recognition-order-select`,
        orderRequest('order-select', 'zhang-wei', ['LAB-K']),
        { authorization: `Bearer ${token}` },
      );
    };
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call(DEMO_CLIENTS[0].issuer)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(DEMO_CLIENTS[0].issuer);
    expect(limited.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'throttled' }] });
    expect((await call(DEMO_CLIENTS[1].issuer)).status).toBe(200);
  });

  it('limits the JSON API per source address, answering its JSON error', async () => {
    // The first test already spent one /api request of this address's budget of 3.
    const statuses = [];
    let last: { status: number; body: any } = { status: 0, body: null };
    for (let i = 0; i < 3; i += 1) {
      last = await postJson(`${server.url}/api/explain`, { hook: 'nope' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 429]);
    expect(last.body.error.code).toBe('rate-limited');
  });
});

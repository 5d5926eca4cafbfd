import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { hisCheckBody, signedFetch } from '../support/his';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

const SELECT = 'recognition-order-select';
const METRICS_TOKEN = 'metrics-token-of-at-least-32-characters-long';

let server: TestServer;

beforeAll(async () => {
  // Behind a proxy on the loopback: the sources are told apart by X-Forwarded-For.
  server = await startServer({
    env: { CDS_AUTH: 'on', TRUST_PROXY: 'loopback', UNAUTHENTICATED_PER_MINUTE: '20', METRICS_TOKEN },
  });
});
afterAll(async () => {
  await server.close();
});

const LEGITIMATE = { 'x-forwarded-for': '198.51.100.10' };
const ATTACKER = { 'x-forwarded-for': '203.0.113.66' };

async function signedHook(): Promise<{ status: number; body: any; degraded: string | null }> {
  const token = await mintClientToken({
    issuer: DEMO_CLIENTS[0].issuer,
    audience: `http://huren.test/cds-services/${SELECT}`,
    now: TEST_NOW,
  });
  const response = await fetch(`${server.url}/cds-services/${SELECT}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...LEGITIMATE },
    body: JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K'])),
  });
  return { status: response.status, body: await response.json(), degraded: response.headers.get('x-huren-degraded') };
}

describe('point 8: floods before authentication get nowhere', () => {
  it('answers a source that keeps failing with 429 before any work, while a signed hook from another source still gets its card', async () => {
    const badToken = `${(await mintClientToken({ issuer: DEMO_CLIENTS[0].issuer, audience: `http://huren.test/cds-services/${SELECT}`, now: TEST_NOW })).slice(0, -4)}AAAA`;
    const attack = Array.from({ length: 60 }, (_, index) => {
      const [path, init] =
        index % 3 === 0
          ? [
              `/cds-services/${SELECT}`,
              {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: `Bearer ${badToken}`, ...ATTACKER },
                body: '{}',
              },
            ]
          : index % 3 === 1
            ? ['/metrics', { headers: ATTACKER }]
            : [
                '/fhir',
                {
                  method: 'POST',
                  headers: { 'content-type': 'application/json', ...ATTACKER },
                  body: JSON.stringify({ padding: 'x'.repeat(100_000) }),
                },
              ];
      return fetch(`${server.url}${path}`, init as RequestInit).then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      });
    });
    const legitimate = await signedHook();
    const statuses = await Promise.all(attack);
    expect(legitimate.status).toBe(200);
    expect(legitimate.body.cards).toHaveLength(1);
    expect(legitimate.degraded).toBeNull();
    // Once the source's failure budget (20) is spent, it is answered 429 at once.
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(40);
    const after = await signedHook();
    expect(after.status).toBe(200);
    expect(after.body.cards).toHaveLength(1);
  });

  it('counts malformed bodies from a source too: past the budget they get 429, even with a valid token (issue 18 point 3)', async () => {
    const strict = await startServer({ env: { UNAUTHENTICATED_PER_MINUTE: '5' } });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 8; attempt++) {
        const response = await fetch(`${strict.url}/fhir`, {
          method: 'POST',
          headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${strict.platformToken}` },
          body: '{"resourceType": "Bundle", ',
        });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
    } finally {
      await strict.close();
    }
  });

  it('logs refusals as one line per source, not one per request, and counts each (issue 18 point 6)', async () => {
    const quiet = await startServer();
    try {
      for (let attempt = 0; attempt < 30; attempt++) expect((await fetch(`${quiet.url}/api/catalog`)).status).toBe(401);
      const perRequest = quiet.logs.filter((line) => line.includes('"statusCode":401'));
      expect(perRequest).toEqual([]);
      quiet.services.refusals.flush();
      const summaries = quiet.logs.filter((line) => line.includes('requests refused from this source'));
      expect(summaries).toHaveLength(1);
      expect(JSON.parse(summaries[0]!)).toMatchObject({ source: '127.0.0.1', refused: 30, statuses: { 401: 30 } });
      const metrics = await quiet.services.metrics.registry.getSingleMetricAsString('huren_refusals_total');
      expect(metrics).toContain('huren_refusals_total{status="401"} 30');
    } finally {
      await quiet.close();
    }
  });

  it('issue 22 point 4: at info level a successful hook call or HIS check writes no line; a console read does', async () => {
    const quiet = await startServer();
    try {
      const hook = await postJson(
        `${quiet.url}/cds-services/recognition-order-select`,
        orderRequest('order-select', 'zhang-wei', ['LAB-K']),
      );
      expect(hook.status).toBe(200);
      const check = await signedFetch(quiet, '/his/v1/check', {
        body: JSON.stringify(hisCheckBody('zhang-wei', ['LAB-K'])),
      });
      expect(check.status).toBe(200);
      const quality = await quiet.token('quality', HOSPITALS.shancheng);
      expect(
        (await fetch(`${quiet.url}/api/catalog`, { headers: { authorization: `Bearer ${quality}` } })).status,
      ).toBe(200);
      quiet.services.logger.flush();
      const completed = quiet.logs.filter((line) => line.includes('"statusCode":200')).map((line) => JSON.parse(line));
      expect(completed.map((line) => line.req.path)).toEqual(['/api/catalog']);
    } finally {
      await quiet.close();
    }
  });

  it('serves /metrics only with its token', async () => {
    expect((await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '198.51.100.77' } })).status).toBe(
      401,
    );
    const response = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}`, 'x-forwarded-for': '198.51.100.78' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('huren_hook_duration_seconds');
  });

  it('judges /metrics without a token by the client address TRUST_PROXY gives, as everything else (issue 18 point 10)', async () => {
    const proxied = await startServer({ env: { TRUST_PROXY: 'loopback' } });
    try {
      // Through a proxy on this host: the caller is the forwarded address, not the proxy's loopback.
      const outside = await fetch(`${proxied.url}/metrics`, { headers: { 'x-forwarded-for': '198.51.100.79' } });
      expect(outside.status).toBe(401);
      expect((await fetch(`${proxied.url}/metrics`)).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

/**
 * Opens a POST whose body never finishes: a request held in flight until destroyed. Authenticated,
 * since no body is read before the caller is known.
 */
function heldRequest(url: string, path: string, token: string): Promise<ClientRequest> {
  return new Promise((resolve) => {
    const target = new URL(path, url);
    const request = httpRequest({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '1000000', authorization: `Bearer ${token}` },
    });
    request.on('error', () => undefined);
    request.write('{"padding":"', () => resolve(request));
  });
}

describe('point 8: the budget counts from arrival, and overload is shed early', () => {
  it('answers a hook whose budget was spent before its body even arrived without cards, as degraded', async () => {
    const slow = await startServer({ env: { HOOK_BUDGET_MS: '50' } });
    try {
      const body = JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K']));
      const answer = await new Promise<{ status: number; degraded: string | undefined; text: string }>(
        (resolve, reject) => {
          const target = new URL(`/cds-services/${SELECT}`, slow.url);
          const request = httpRequest(
            {
              host: target.hostname,
              port: target.port,
              path: target.pathname,
              method: 'POST',
              headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
            },
            (response) => {
              let text = '';
              response.on('data', (chunk: Buffer) => (text += chunk.toString()));
              response.on('end', () =>
                resolve({
                  status: response.statusCode ?? 0,
                  degraded: response.headers['x-huren-degraded'] as string | undefined,
                  text,
                }),
              );
            },
          );
          request.on('error', reject);
          // The client sends half the body, then the rest well after the whole budget is gone.
          request.write(body.slice(0, 100));
          setTimeout(() => request.end(body.slice(100)), 300);
        },
      );
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({ cards: [] });
      expect(answer.degraded).toBe('timeout');
    } finally {
      await slow.close();
    }
  });

  it('sheds new requests at once while too many are in flight: no cards for hooks, 503 elsewhere, then recovers', async () => {
    const busy = await startServer({ env: { MAX_IN_FLIGHT: '2' } });
    try {
      const held = [
        await heldRequest(busy.url, '/api/explain', await busy.token('quality', 'H-CQ-001')),
        await heldRequest(busy.url, '/fhir', busy.platformToken),
      ];
      // Both held requests are counted once the server sheds a probe.
      while ((await fetch(`${busy.url}/api/catalog`)).status !== 503)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const hook = await fetch(`${busy.url}/cds-services/${SELECT}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K'])),
      });
      expect(hook.status).toBe(200);
      expect(hook.headers.get('x-huren-degraded')).toBe('overload');
      expect(await hook.json()).toEqual({ cards: [] });
      const api = await fetch(`${busy.url}/api/catalog`);
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('1');
      expect((await fetch(`${busy.url}/health/live`)).status).toBe(200);
      for (const request of held) request.destroy();
      for (;;) {
        const { body } = await postJson(
          `${busy.url}/cds-services/${SELECT}`,
          orderRequest('order-select', 'zhang-wei', ['LAB-K']),
        );
        if (body.cards.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await busy.close();
    }
  });
});

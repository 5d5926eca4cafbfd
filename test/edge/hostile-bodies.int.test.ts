import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

const SHANCHENG = DEMO_CLIENTS[0].issuer;
const PUBLIC = 'http://huren.test';
const SELECT = 'recognition-order-select';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { CDS_AUTH: 'on' } });
});
afterAll(async () => {
  await server.close();
});

const mint = (service = SELECT) =>
  mintClientToken({ issuer: SHANCHENG, audience: `${PUBLIC}/cds-services/${service}`, now: TEST_NOW });

/**
 * Announces a body of `length` bytes, sends only its first part, and resolves with the status the
 * server answers while the rest is still unsent (or fails when the server waits for the whole body).
 */
function answerBeforeBody(path: string, length: number, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const request = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(length), ...headers },
    });
    const guard = setTimeout(() => {
      request.destroy();
      reject(new Error(`${path}: no answer until the whole body was sent`));
    }, 10_000);
    request.on('response', (response) => {
      clearTimeout(guard);
      response.resume();
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    request.on('error', () => undefined);
    request.write('['.repeat(64 * 1024));
  });
}

describe('point 1: a hostile body costs nothing before authentication, and little after', () => {
  it('refuses a hook call without a token before its body has even arrived', async () => {
    expect(await answerBeforeBody(`/cds-services/${SELECT}`, 5 * 1024 * 1024)).toBe(401);
    expect(await answerBeforeBody(`/cds-services/${SELECT}/feedback`, 5 * 1024 * 1024)).toBe(401);
  });

  it('refuses ingest, the API and the decision API without a token before the body has arrived (issue 18 point 3)', async () => {
    expect(await answerBeforeBody('/fhir', 5 * 1024 * 1024)).toBe(401);
    expect(await answerBeforeBody('/api/platform/clients', 5 * 1024 * 1024)).toBe(401);
    expect(await answerBeforeBody('/api/explain', 5 * 1024 * 1024)).toBe(401);
    expect(await answerBeforeBody(`/api/prompts/${crypto.randomUUID()}/decision`, 5 * 1024 * 1024)).toBe(401);
  });

  it('keeps every signed hook undegraded, with its card, while another address sends 5 MB of invalid JSON without a token (issue 18 point 3)', async () => {
    const junk = Buffer.alloc(5 * 1024 * 1024, 'x');
    const flood = (path: string) =>
      new Promise<number>((resolve) => {
        const url = new URL(path, server.url);
        // From 127.0.0.2: its failures are its own, not the hook caller's.
        const request = httpRequest({
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          localAddress: '127.0.0.2',
          headers: { 'content-type': 'application/json', 'content-length': String(junk.length) },
        });
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', () => resolve(0));
        request.end(junk);
      });
    const attacker = Promise.all(
      Array.from({ length: 10 }, (_, index) => flood(index % 2 === 0 ? '/api/platform/clients' : '/fhir')),
    );
    const hooks = [];
    // As in the report: 11 hook calls while the flood goes on.
    while (hooks.length < 11) {
      const response = await fetch(`${server.url}/cds-services/${SELECT}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await mint()}` },
        body: JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K'])),
      });
      hooks.push({ degraded: response.headers.get('x-huren-degraded'), cards: (await response.json()).cards.length });
    }
    const statuses = await attacker;
    expect(hooks).toEqual(hooks.map(() => ({ degraded: null, cards: 1 })));
    for (const status of statuses) expect([0, 401]).toContain(status);
  });

  it('answers an unknown path without reading its body', async () => {
    expect(await answerBeforeBody('/no/such/route', 5 * 1024 * 1024)).toBe(404);
  });

  it('refuses a body nested deeper than the bound with 400, naming the nesting', async () => {
    const deep = `${'['.repeat(65)}${']'.repeat(65)}`;
    const hook = await postJson(`${server.url}/cds-services/${SELECT}`, deep, {
      authorization: `Bearer ${await mint()}`,
    });
    expect(hook.status).toBe(400);
    expect(hook.body.issue[0].diagnostics).toContain('nests deeper');
    const quality = await server.token('quality', 'H-CQ-001');
    const explain = await postJson(`${server.url}/api/explain`, deep, { authorization: `Bearer ${quality}` });
    expect(explain.status).toBe(400);
    expect(explain.body.error.message).toContain('nests deeper');
  });

  it('gives feedback and hook calls their own limits, far below ingest', async () => {
    const feedback = {
      feedback: [
        {
          card: crypto.randomUUID(),
          outcome: 'overridden',
          outcomeTimestamp: '2026-03-10T02:00:00Z',
          padding: 'x'.repeat(200_000),
        },
      ],
    };
    const refusedFeedback = await postJson(`${server.url}/cds-services/${SELECT}/feedback`, feedback, {
      authorization: `Bearer ${await mintClientToken({ issuer: SHANCHENG, audience: `${PUBLIC}/cds-services/${SELECT}/feedback`, now: TEST_NOW })}`,
    });
    expect(refusedFeedback.status).toBe(413);
    const hook = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    hook.prefetch.patient.text = { status: 'generated', div: 'x'.repeat(1_000_000) };
    expect(
      (await postJson(`${server.url}/cds-services/${SELECT}`, hook, { authorization: `Bearer ${await mint()}` }))
        .status,
    ).toBe(413);
  });

  it('keeps answering an authenticated hook with its card while an attacker sends nested bodies everywhere', async () => {
    const attack = `${'['.repeat(2_500_000)}${']'.repeat(2_500_000)}`;
    const paths = ['/cds-services/recognition-order-select', '/fhir', '/api/explain', '/anything'];
    const attacker = Promise.all(
      paths.map((path) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: attack,
        }).then((response) => response.status),
      ),
    );
    const answer = await postJson(
      `${server.url}/cds-services/${SELECT}`,
      orderRequest('order-select', 'zhang-wei', ['LAB-K']),
      { authorization: `Bearer ${await mint()}` },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.cards).toHaveLength(1);
    for (const status of await attacker) expect([400, 401, 404, 413]).toContain(status);
  });
});

describe('point 4: names from outside are looked up by own keys only', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'POST /cds-services/%s with a valid token answers 404',
    async (name) => {
      const { status, body } = await postJson(
        `${server.url}/cds-services/${name}`,
        orderRequest('order-select', 'zhang-wei', ['LAB-K']),
        { authorization: `Bearer ${await mint(name)}` },
      );
      expect(status).toBe(404);
      expect(body.resourceType).toBe('OperationOutcome');
    },
  );

  it('answers an explain request for hook "constructor" with 400, and an encounter class "constructor" as unknown', async () => {
    const quality = await server.token('quality', 'H-CQ-001');
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    expect(
      (
        await postJson(
          `${server.url}/api/explain`,
          { ...request, hook: 'constructor' },
          { authorization: `Bearer ${quality}` },
        )
      ).status,
    ).toBe(400);
    request.prefetch.encounter.class.code = 'constructor';
    const { status, body } = await postJson(`${server.url}/cds-services/${SELECT}`, request, {
      authorization: `Bearer ${await mint()}`,
    });
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
  });
});

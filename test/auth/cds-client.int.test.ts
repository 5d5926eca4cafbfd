import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, demoClientRegistrations } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { saveClient } from '../../server/store/registry';
import { mockEhr, type MockEhr } from '../support/ehr';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

const SHANCHENG = DEMO_CLIENTS[0].issuer;
const QIJIANG = DEMO_CLIENTS[1].issuer;
const PUBLIC = 'http://huren.test';
const SELECT = 'recognition-order-select';

let server: TestServer;
let network: MockEhr;
let stranger: { privateKey: CryptoKey; jwk: JWK };

beforeAll(async () => {
  server = await startServer({ env: { CDS_AUTH: 'on' } });
  network = mockEhr();
  const pair = await generateKeyPair('ES384', { extractable: true });
  stranger = {
    privateKey: pair.privateKey,
    jwk: { ...(await exportJWK(pair.publicKey)), kid: 'stranger-1', alg: 'ES384' },
  };
});
afterEach(() => network.resetHandlers());
afterAll(async () => {
  network.close();
  await server.close();
});

const call = (
  token: string | null,
  body: unknown = orderRequest('order-select', 'zhang-wei', ['LAB-K']),
  path = SELECT,
) => postJson(`${server.url}/cds-services/${path}`, body, token ? { authorization: `Bearer ${token}` } : {});
const mint = (options: Partial<Parameters<typeof mintClientToken>[0]> = {}) =>
  mintClientToken({ issuer: SHANCHENG, audience: `${PUBLIC}/cds-services/${SELECT}`, now: TEST_NOW, ...options });

async function signed(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: CryptoKey | Uint8Array = stranger.privateKey,
): Promise<string> {
  const iat = Math.floor(TEST_NOW.getTime() / 1000);
  return new SignJWT({ jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader(header as { alg: string })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .sign(key);
}

describe('CDS client authentication (CDS_AUTH=on)', () => {
  it('accepts an ES384 token from a registered client; the hospital comes from its registration', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    delete request.prefetch.encounter.serviceProvider;
    const { status, body } = await call(await mint(), request);
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
    const prompt = await server.services.db('prompts').where('id', body.cards[0].uuid).first();
    expect(prompt.hospital_id).toBe(HOSPITALS.shancheng);
  });

  it('accepts RS384, and the registration wins over what the encounter claims', async () => {
    const request = orderRequest('order-select', 'chen-jing', ['LAB-CBC'], { hospitalId: HOSPITALS.shancheng });
    const token = await mint({ issuer: QIJIANG });
    const { status, body } = await call(token, request);
    expect(status).toBe(200);
    // 陈静's blood count from a level-2 hospital outside any alliance: recognised at 綦江 (level 2), not at 山城 (level 3).
    expect(body.cards).toHaveLength(1);
  });

  it('refuses a call without a token with a bare 401', async () => {
    const response = await fetch(`${server.url}/cds-services/${SELECT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K'])),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.text()).toBe('');
  });

  it.each<{ name: string; token: () => Promise<string> }>([
    {
      name: 'a bad signature (a stranger key under a registered issuer and kid)',
      token: () =>
        signed(
          { alg: 'ES384', kid: 'demo-ehr-shancheng-1', typ: 'JWT' },
          { iss: SHANCHENG, aud: `${PUBLIC}/cds-services/${SELECT}` },
        ),
    },
    {
      name: 'a tampered payload',
      token: async () => {
        const [h, , s] = (await mint()).split('.');
        const p = Buffer.from(
          JSON.stringify({
            iss: SHANCHENG,
            aud: `${PUBLIC}/cds-services/${SELECT}`,
            iat: 1,
            exp: 9_999_999_999,
            jti: 'x',
          }),
        ).toString('base64url');
        return `${h}.${p}.${s}`;
      },
    },
    {
      name: 'an unknown issuer',
      token: () =>
        signed(
          { alg: 'ES384', kid: 'stranger-1', typ: 'JWT' },
          { iss: 'https://ehr.unknown.example', aud: `${PUBLIC}/cds-services/${SELECT}` },
        ),
    },
    {
      name: 'the wrong audience (another service)',
      token: () => mint({ audience: `${PUBLIC}/cds-services/recognition-order-sign` }),
    },
    {
      name: 'the wrong audience (another host)',
      token: () => mint({ audience: `https://evil.example/cds-services/${SELECT}` }),
    },
    { name: 'an expired token', token: () => mint({ now: new Date(TEST_NOW.getTime() - 3_600_000) }) },
    { name: 'a token issued in the future', token: () => mint({ now: new Date(TEST_NOW.getTime() + 3_600_000) }) },
    {
      name: 'a token living longer than allowed',
      token: () => mint({ lifetimeSeconds: 86_400, now: new Date(TEST_NOW.getTime() - 3_600_000) }),
    },
    {
      name: 'alg: none',
      token: async () =>
        `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: SHANCHENG, aud: `${PUBLIC}/cds-services/${SELECT}`, iat: Math.floor(TEST_NOW.getTime() / 1000), exp: Math.floor(TEST_NOW.getTime() / 1000) + 300, jti: crypto.randomUUID() })).toString('base64url')}.`,
    },
    {
      name: 'an HMAC-signed token (symmetric algorithms are forbidden)',
      token: () =>
        signed(
          { alg: 'HS256', typ: 'JWT' },
          { iss: SHANCHENG, aud: `${PUBLIC}/cds-services/${SELECT}` },
          new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!'),
        ),
    },
    { name: 'garbage', token: async () => 'not.a.jwt' },
  ])('refuses $name', async ({ token }) => {
    const minted = await token();
    const { status, body } = await call(minted);
    expect(status).toBe(401);
    expect(body).toBe('');
    expect(server.logs.join('')).not.toContain(minted);
  });

  it('refuses a replayed token', async () => {
    const token = await mint();
    expect((await call(token)).status).toBe(200);
    expect((await call(token)).status).toBe(401);
  });

  it('never fetches a jku that is not on the issuer allowlist', async () => {
    let fetched = false;
    network.use(
      http.get('https://attacker.example/jwks.json', () => {
        fetched = true;
        return HttpResponse.json({ keys: [stranger.jwk] });
      }),
    );
    const token = await signed(
      { alg: 'ES384', kid: 'stranger-1', typ: 'JWT', jku: 'https://attacker.example/jwks.json' },
      { iss: SHANCHENG, aud: `${PUBLIC}/cds-services/${SELECT}` },
    );
    expect((await call(token)).status).toBe(401);
    expect(fetched).toBe(false);
  });

  it('uses a jku that is on the allowlist', async () => {
    const issuer = 'https://ehr.jku-client.example';
    await saveClient(
      server.services.db,
      {
        issuer,
        hospitalId: HOSPITALS.shancheng,
        jwks: null,
        jkuAllowlist: ['https://ehr.jku-client.example/.well-known/jwks.json'],
        corsOrigins: [],
      },
      new Date(),
    );
    server.services.clients.invalidate();
    network.use(
      http.get('https://ehr.jku-client.example/.well-known/jwks.json', () =>
        HttpResponse.json({ keys: [stranger.jwk] }),
      ),
    );
    const token = await signed(
      { alg: 'ES384', kid: 'stranger-1', typ: 'JWT', jku: 'https://ehr.jku-client.example/.well-known/jwks.json' },
      { iss: issuer, aud: `${PUBLIC}/cds-services/${SELECT}` },
    );
    expect((await call(token)).status).toBe(200);
  });

  it('refuses a revoked client', async () => {
    await server.services.db('cds_clients').where('issuer', QIJIANG).update({ revoked_at: TEST_NOW.toISOString() });
    server.services.clients.invalidate();
    expect((await call(await mint({ issuer: QIJIANG }))).status).toBe(401);
    await server.services.db('cds_clients').where('issuer', QIJIANG).update({ revoked_at: null });
    server.services.clients.invalidate();
  });

  it('feedback needs a token too, and only reaches the cards of the client’s own hospital', async () => {
    const { body } = await call(await mint());
    const card = body.cards[0];
    const feedback = {
      feedback: [{ card: card.uuid, outcome: 'overridden', outcomeTimestamp: '2026-03-10T02:10:00Z' }],
    };
    const feedbackAudience = `${PUBLIC}/cds-services/${SELECT}/feedback`;
    expect((await call(null, feedback, `${SELECT}/feedback`)).status).toBe(401);
    expect(
      (await call(await mint({ issuer: QIJIANG, audience: feedbackAudience }), feedback, `${SELECT}/feedback`)).status,
    ).toBe(404);
    expect((await call(await mint({ audience: feedbackAudience }), feedback, `${SELECT}/feedback`)).status).toBe(200);
  });

  it('leaves discovery open: it describes services, not patients', async () => {
    expect((await fetch(`${server.url}/cds-services`)).status).toBe(200);
  });
});

describe('issue 21 point 5: the web origins a browser-based EHR registered', () => {
  it('answers the preflight of a registered origin, and refuses a call from a page another client registered', async () => {
    const platform = { authorization: `Bearer ${server.platformToken}` };
    const [shancheng, qijiang] = demoClientRegistrations();
    for (const [client, origin] of [
      [shancheng, 'https://emr.shancheng.example/'],
      [qijiang, 'https://emr.qijiang.example'],
    ] as const) {
      const { status } = await postJson(
        `${server.url}/api/platform/clients`,
        { ...client, corsOrigins: [origin] },
        platform,
      );
      expect(status).toBe(201);
    }
    const preflight = (origin: string) =>
      fetch(`${server.url}/cds-services/${SELECT}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
    // Registered as a URL with a path: kept as its origin.
    expect((await preflight('https://emr.shancheng.example')).headers.get('access-control-allow-origin')).toBe(
      'https://emr.shancheng.example',
    );
    expect((await preflight('https://elsewhere.example')).headers.get('access-control-allow-origin')).toBeNull();

    const fromPage = async (origin: string) =>
      postJson(`${server.url}/cds-services/${SELECT}`, orderRequest('order-select', 'zhang-wei', ['LAB-K']), {
        authorization: `Bearer ${await mint()}`,
        origin,
      });
    const own = await fromPage('https://emr.shancheng.example');
    expect(own.status).toBe(200);
    expect(own.body.cards).toHaveLength(1);
    // 綦江's page holding 山城's token: refused, though the origin is registered (for 綦江).
    const borrowed = await fromPage('https://emr.qijiang.example');
    expect(borrowed.status).toBe(403);
    expect(borrowed.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
    // Huren's own pages (the demo workstation) may call with any client's token.
    expect((await fromPage(PUBLIC)).status).toBe(200);

    // Read once per refresh interval, not per browser call: a client written straight into the store
    // (not through this process) is answered once the registry forgets, as a sibling's change makes it.
    await server.services.db('cds_clients').insert({
      issuer: 'https://ehr.elsewhere.example',
      hospital_id: HOSPITALS.shancheng,
      jwks: null,
      jku_allowlist: '[]',
      cors_origins: JSON.stringify(['https://emr.elsewhere.example']),
      created_at: new Date().toISOString(),
    });
    expect((await preflight('https://emr.elsewhere.example')).headers.get('access-control-allow-origin')).toBeNull();
    server.services.clients.forget();
    expect((await preflight('https://emr.elsewhere.example')).headers.get('access-control-allow-origin')).toBe(
      'https://emr.elsewhere.example',
    );

    // A revoked client's origins are no longer answered.
    expect(
      (await postJson(`${server.url}/api/platform/clients/revoke`, { issuer: qijiang?.issuer }, platform)).status,
    ).toBe(200);
    expect((await preflight('https://emr.qijiang.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

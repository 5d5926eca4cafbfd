import { importJWK, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, demoPrivateKey } from '../../fixtures/clients';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { mockEhr, type MockEhr } from '../support/ehr';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

const SHANCHENG = DEMO_CLIENTS[0].issuer;
const SELECT = 'recognition-order-select';
const AUDIENCE = `http://huren.test/cds-services/${SELECT}`;

let unsigned: TestServer;
let signed: TestServer;
let network: MockEhr;
const fetched: string[] = [];

beforeAll(async () => {
  unsigned = await startServer();
  signed = await startServer({ env: { CDS_AUTH: 'on' } });
  network = mockEhr();
  network.events.on('request:start', ({ request }) => {
    if (!new URL(request.url).pathname.startsWith('/cds-services/')) fetched.push(request.url);
  });
});
afterEach(() => {
  fetched.length = 0;
});
afterAll(async () => {
  network.close();
  await unsigned.close();
  await signed.close();
});

/** A token as the CDS Hooks sandbox signs it: the registered key, and a `jku` header it always sends. */
async function withJku(jku: string, kid: string): Promise<string> {
  const jwk = demoPrivateKey(SHANCHENG);
  const iat = Math.floor(TEST_NOW.getTime() / 1000);
  return new SignJWT({ jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: jwk.alg, kid, typ: 'JWT', jku })
    .setIssuer(SHANCHENG)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .sign(await importJWK(jwk, jwk.alg));
}

describe('point 11: a token with a jku whose kid is registered out of band', () => {
  it('is verified with the registered key, and the jku is never fetched', async () => {
    const token = await withJku(
      'https://sandbox.cds-hooks.example/.well-known/jwks.json',
      demoPrivateKey(SHANCHENG).kid,
    );
    const { status, body } = await postJson(
      `${signed.url}/cds-services/${SELECT}`,
      orderRequest('order-select', 'zhang-wei', ['LAB-K']),
      { authorization: `Bearer ${token}` },
    );
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
    expect(fetched).toEqual([]);
  });

  it('is still refused when the kid is not registered and the jku is not allowlisted, without fetching it', async () => {
    const token = await withJku('https://sandbox.cds-hooks.example/.well-known/jwks.json', 'not-registered');
    const { status } = await postJson(
      `${signed.url}/cds-services/${SELECT}`,
      orderRequest('order-select', 'zhang-wei', ['LAB-K']),
      { authorization: `Bearer ${token}` },
    );
    expect(status).toBe(401);
    expect(fetched).toEqual([]);
  });
});

describe('point 12: optional context Huren cannot read is left out, and the call answered from the rest', () => {
  it('answers with the card when Encounter.class is an array (R5 style), and logs the field left out', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    request.prefetch.encounter.class = [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }];
    const { status, body } = await postJson(`${unsigned.url}/cds-services/${SELECT}`, request);
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
    const line = unsigned.logs.find((entry) => entry.includes('context Huren cannot read'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ prefetch: 'encounter', fields: ['class'] });
  });

  it('answers with the card when prefetch.user is a Bundle', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    request.prefetch.user = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [{ resource: { resourceType: 'Practitioner', id: 'dr-test' } }],
    };
    const { status, body } = await postJson(`${unsigned.url}/cds-services/${SELECT}`, request);
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
  });

  it('still refuses a Patient it cannot read at all: without it nothing can be matched', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    request.prefetch.patient = { resourceType: 'Bundle', type: 'searchset' };
    expect((await postJson(`${unsigned.url}/cds-services/${SELECT}`, request)).status).toBe(400);
  });
});

describe('point 15: a development default hospital for clients that never send an Encounter', () => {
  function withoutEncounter() {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    delete request.context.encounterId;
    delete request.prefetch.encounter;
    return request;
  }

  it('answers with cards for the DEV_DEFAULT_HOSPITAL, and the prompt is that hospital’s', async () => {
    const server = await startServer({ env: { DEV_DEFAULT_HOSPITAL: HOSPITALS.shancheng } });
    try {
      const { status, body } = await postJson(`${server.url}/cds-services/${SELECT}`, withoutEncounter());
      expect(status).toBe(200);
      expect(body.cards).toHaveLength(1);
      expect((await server.services.db('prompts').where('id', body.cards[0].uuid).first()).hospital_id).toBe(
        HOSPITALS.shancheng,
      );
    } finally {
      await server.close();
    }
  });

  it('without the setting answers 412 naming it', async () => {
    const { status, body } = await postJson(`${unsigned.url}/cds-services/${SELECT}`, withoutEncounter());
    expect(status).toBe(412);
    expect(body.issue[0].diagnostics).toContain('DEV_DEFAULT_HOSPITAL');
  });
});

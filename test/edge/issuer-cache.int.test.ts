import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { MAX_UNKNOWN_ISSUERS } from '../../server/auth/client-registry';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

const SELECT = 'recognition-order-select';
const AUDIENCE = `http://huren.test/cds-services/${SELECT}`;

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { CDS_AUTH: 'on' } });
});
afterAll(async () => {
  await server.close();
});

describe('point 2: made-up issuers cannot grow the heap', () => {
  it('keeps at most a bounded number of unknown issuers however many arrive, and still knows the registered ones', async () => {
    const { privateKey } = await generateKeyPair('ES384');
    const iat = Math.floor(TEST_NOW.getTime() / 1000);
    const body = JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K']));
    const attempts = MAX_UNKNOWN_ISSUERS + 100;
    for (let index = 0; index < attempts; index += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, attempts - index) }, async (_, offset) => {
          const token = await new SignJWT({ jti: crypto.randomUUID() })
            .setProtectedHeader({ alg: 'ES384', kid: 'k' })
            .setIssuer(`https://attacker-${index + offset}.example`)
            .setAudience(AUDIENCE)
            .setIssuedAt(iat)
            .setExpirationTime(iat + 60)
            .sign(privateKey);
          const response = await fetch(`${server.url}/cds-services/${SELECT}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body,
          });
          expect(response.status).toBe(401);
        }),
      );
    }
    expect(server.services.clients.size).toBeLessThanOrEqual(MAX_UNKNOWN_ISSUERS + DEMO_CLIENTS.length);
    const token = await mintClientToken({ issuer: DEMO_CLIENTS[0].issuer, audience: AUDIENCE, now: TEST_NOW });
    const { status, body: answer } = await postJson(
      `${server.url}/cds-services/${SELECT}`,
      orderRequest('order-select', 'zhang-wei', ['LAB-K']),
      { authorization: `Bearer ${token}` },
    );
    expect(status).toBe(200);
    expect(answer.cards).toHaveLength(1);
  });
});

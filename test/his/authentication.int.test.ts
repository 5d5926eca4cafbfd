import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HIS, DEMO_HIS_QIJIANG } from '../../fixtures/clients/his';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { signatureOf } from '../../server/his/signature';
import { hisCheckBody, signedFetch, signedJson } from '../support/his';
import { expectMatchesOpenApi } from '../support/openapi';
import { startServer, type TestServer } from '../support/server';

/**
 * Issue 20 point 3: every HIS call is signed (HMAC-SHA256 over method, path, timestamp, nonce and the
 * body's hash) within a clock-skew bound and once per nonce; the hospital is the registration's.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const body = JSON.stringify(hisCheckBody('zhang-wei', ['LAB-K']));
const nowSeconds = () => Math.floor(server.services.clock().getTime() / 1000);

async function refusal(response: Response) {
  expect(response.status).toBe(401);
  const answer = (await response.json()) as any;
  expect(answer.error.code).toBe('unauthenticated');
  // Said in Chinese, for the HIS engineer reading the log.
  expect(answer.error.message).toMatch(/[\u4e00-\u9fff]/);
  return answer.error.message as string;
}

describe('HIS call signatures', () => {
  it('accepts a signed call', async () => {
    expect((await signedFetch(server, '/his/v1/check', { body })).status).toBe(200);
  });

  it('refuses an unsigned call, naming the headers to send', async () => {
    const response = await fetch(`${server.url}/his/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(await refusal(response)).toContain('X-Huren-Signature');
  });

  it('refuses a forged signature: a wrong key, or a body changed after signing', async () => {
    expect(
      await refusal(
        await signedFetch(server, '/his/v1/check', { body, client: { id: DEMO_HIS.id, hmacKey: 'hk_guess' } }),
      ),
    ).toContain('签名不符');
    // Signed over one patient's check, sent with another's: the signature no longer matches.
    const timestamp = String(nowSeconds());
    const nonce = 'tampered-body-nonce-0002';
    const signature = signatureOf(DEMO_HIS.hmacKey, {
      method: 'POST',
      path: '/his/v1/check',
      timestamp,
      nonce,
      body: Buffer.from(JSON.stringify(hisCheckBody('wang-fang', ['CT-HEAD']))),
    });
    const forged = await fetch(`${server.url}/his/v1/check`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-huren-client': DEMO_HIS.id,
        'x-huren-timestamp': timestamp,
        'x-huren-nonce': nonce,
        'x-huren-signature': signature,
      },
      body,
    });
    expect(await refusal(forged)).toContain('签名不符');
  });

  it('refuses a replay of a signed call (the same nonce twice)', async () => {
    const nonce = 'replayed-nonce-00000001';
    expect((await signedFetch(server, '/his/v1/check', { body, nonce })).status).toBe(200);
    expect(await refusal(await signedFetch(server, '/his/v1/check', { body, nonce }))).toContain('nonce');
  });

  it('refuses a timestamp outside the skew bound, either way', async () => {
    expect(
      await refusal(await signedFetch(server, '/his/v1/check', { body, timestamp: nowSeconds() - 301 })),
    ).toContain('300 秒');
    expect(
      await refusal(await signedFetch(server, '/his/v1/check', { body, timestamp: nowSeconds() + 301 })),
    ).toContain('300 秒');
    expect((await signedFetch(server, '/his/v1/check', { body, timestamp: nowSeconds() - 290 })).status).toBe(200);
  });

  it('refuses an unknown or revoked HIS', async () => {
    expect(
      await refusal(await signedFetch(server, '/his/v1/check', { body, client: { id: 'HIS-NOBODY', hmacKey: 'x' } })),
    ).toContain('未在平台登记');
    const registered = await fetch(`${server.url}/api/platform/his-clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.platformToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'HIS-TEMP', name: '临时 HIS', hospitalId: HOSPITALS.shancheng, origins: [] }),
    });
    expect(registered.status).toBe(201);
    const registration = (await registered.json()) as any;
    await expectMatchesOpenApi(server.url, '/api/platform/his-clients', 'post', 201, registration);
    const { hmacKey } = registration;
    const listed = await (
      await fetch(`${server.url}/api/platform/his-clients`, {
        headers: { authorization: `Bearer ${server.platformToken}` },
      })
    ).json();
    await expectMatchesOpenApi(server.url, '/api/platform/his-clients', 'get', 200, listed);
    // The key is shown once, at registration: never listed.
    expect(JSON.stringify(listed)).not.toContain(hmacKey);
    const temp = { id: 'HIS-TEMP', hmacKey };
    expect((await signedFetch(server, '/his/v1/check', { body, client: temp })).status).toBe(200);
    const revoked = await fetch(`${server.url}/api/platform/his-clients/HIS-TEMP/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.platformToken}` },
    });
    expect(revoked.status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/platform/his-clients/{id}/revoke', 'post', 200, await revoked.json());
    expect(await refusal(await signedFetch(server, '/his/v1/check', { body, client: temp }))).toContain('已停用');
  });

  it('takes the hospital from the registration, never from the body', async () => {
    // 綦江's HIS checks the same patient: the prompt is 綦江's, whatever the request says.
    const check = await signedJson(server, '/his/v1/check', hisCheckBody('chen-jing', ['LAB-CBC']), DEMO_HIS_QIJIANG);
    expect(check.body.hospital.id).toBe(HOSPITALS.qijiang);
    const withHospital = await signedJson(
      server,
      '/his/v1/check',
      { ...hisCheckBody('chen-jing', ['LAB-CBC']), hospitalId: HOSPITALS.shancheng },
      DEMO_HIS_QIJIANG,
    );
    expect(withHospital.status).toBe(400);
  });

  it('does not let one hospital’s HIS read or write another hospital’s decisions', async () => {
    const check = await signedJson(server, '/his/v1/check', hisCheckBody('zhang-wei', ['CT-CHEST']));
    const orderId = check.body.orders[0].orderId;
    const read = await signedJson(
      server,
      `/his/v1/decisions?orderId=${encodeURIComponent(orderId)}`,
      undefined,
      DEMO_HIS_QIJIANG,
    );
    expect(read.status).toBe(404);
    const write = await signedJson(
      server,
      '/his/v1/decisions',
      { orderId, action: 'accepted', resultId: check.body.orders[0].results[0].resultId, doctorId: 'D9' },
      DEMO_HIS_QIJIANG,
    );
    expect(write.status).toBe(404);
    const own = await signedJson(server, `/his/v1/decisions?orderId=${encodeURIComponent(orderId)}`);
    expect(own.status).toBe(200);
    expect(own.body.outcome).toBeNull();
  });

  it('mints browser tokens only for a signed server call, and a browser token cannot mint another', async () => {
    const minted = await signedFetch(server, '/his/v1/browser-tokens', { method: 'POST', body: '' });
    expect(minted.status).toBe(201);
    const mintedBody = (await minted.json()) as any;
    await expectMatchesOpenApi(server.url, '/his/v1/browser-tokens', 'post', 201, mintedBody);
    const { token } = mintedBody;
    const viaToken = await fetch(`${server.url}/his/v1/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    expect(viaToken.status).toBe(200);
    const again = await fetch(`${server.url}/his/v1/browser-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await refusal(again)).toContain('HMAC');
    const fromElsewhere = await fetch(`${server.url}/his/v1/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: 'https://evil.example' },
      body,
    });
    expect(fromElsewhere.status).toBe(403);
    // Huren's own pages (the development demo HIS) may call with any registered HIS's browser token.
    const fromOwnPage = await fetch(`${server.url}/his/v1/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: 'http://huren.test' },
      body,
    });
    expect(fromOwnPage.status).toBe(200);
    const bogus = await fetch(`${server.url}/his/v1/check`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-a-token', 'content-type': 'application/json' },
      body,
    });
    expect(await refusal(bogus)).toContain('浏览器令牌');
  });
});

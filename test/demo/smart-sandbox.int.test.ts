import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
let production: TestServer;
const PUBLIC = 'http://huren.test';

beforeAll(async () => {
  server = await startServer({ seed: false });
  production = await startServer({
    seed: false,
    env: {
      NODE_ENV: 'production',
      PATIENT_KEY_SECRET: randomBytes(24).toString('hex'),
      APP_TOKEN_SECRET: randomBytes(24).toString('hex'),
      CDS_AUTH: 'on',
    },
  });
});
afterAll(async () => {
  await server.close();
  await production.close();
});

/** The SMART app's side of an EHR launch, done by hand: authorize with PKCE, then swap the code. */
async function launchAndSwap(
  appContext: string | null,
  verifierOverride?: string,
): Promise<{ status: number; body: any }> {
  const launch = await postJson(`${server.url}/demo/auth/launch`, {
    patientId: 'zhang-wei',
    practitionerId: 'dr-li',
    encounterId: null,
    appContext,
  });
  expect(launch.status).toBe(201);
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${server.url}/demo/auth/authorize`);
  Object.entries({
    response_type: 'code',
    client_id: 'huren-smart-app',
    redirect_uri: `${PUBLIC}/app/`,
    launch: launch.body.launch,
    scope: 'launch openid fhirUser patient/DiagnosticReport.write',
    state: 'st-1',
    aud: `${PUBLIC}/demo/fhir`,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).forEach(([key, value]) => authorize.searchParams.set(key, value));
  const redirect = await fetch(authorize, { redirect: 'manual' });
  expect(redirect.status).toBe(302);
  const location = new URL(redirect.headers.get('location') ?? '');
  expect(location.origin + location.pathname).toBe(`${PUBLIC}/app/`);
  expect(location.searchParams.get('state')).toBe('st-1');
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: location.searchParams.get('code') ?? '',
    redirect_uri: `${PUBLIC}/app/`,
    client_id: 'huren-smart-app',
    code_verifier: verifierOverride ?? verifier,
  });
  const response = await fetch(`${server.url}/demo/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

describe('the development SMART sandbox (/demo): authorization server and FHIR endpoint', () => {
  it('publishes its SMART configuration with PKCE S256', async () => {
    const { body } = await getJson(`${server.url}/demo/fhir/.well-known/smart-configuration`);
    expect(body).toMatchObject({
      authorization_endpoint: `${PUBLIC}/demo/auth/authorize`,
      token_endpoint: `${PUBLIC}/demo/auth/token`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('EHR launch with PKCE: the token response hands over patient, fhirUser and the appContext', async () => {
    const { status, body } = await launchAndSwap('{"promptId":"p-1","token":"t"}');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      token_type: 'Bearer',
      patient: 'zhang-wei',
      appContext: '{"promptId":"p-1","token":"t"}',
    });
    const idClaims = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString());
    expect(idClaims.fhirUser).toBe(`${PUBLIC}/demo/fhir/Practitioner/dr-li`);
  });

  it('refuses a code_verifier that does not match the challenge', async () => {
    const { status, body } = await launchAndSwap(null, 'wrong-verifier-wrong-verifier-wrong-verifier');
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('refuses to authorize without PKCE, for another client, or to redirect elsewhere', async () => {
    const base = {
      response_type: 'code',
      client_id: 'huren-smart-app',
      redirect_uri: `${PUBLIC}/app/`,
      aud: `${PUBLIC}/demo/fhir`,
      code_challenge: 'x',
      code_challenge_method: 'S256',
    };
    for (const bad of [
      { code_challenge_method: 'plain' },
      { client_id: 'someone' },
      { redirect_uri: 'https://evil.example/' },
      { aud: 'https://other/fhir' },
    ]) {
      const url = new URL(`${server.url}/demo/auth/authorize`);
      Object.entries({ ...base, ...bad }).forEach(([key, value]) => url.searchParams.set(key, value));
      expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
    }
  });

  it('serves the demo patients, doctors and encounters', async () => {
    expect((await getJson(`${server.url}/demo/fhir/Patient/zhang-wei`)).body).toMatchObject({
      resourceType: 'Patient',
      // family and given too, for clients that read only those (issue 23 point 16).
      name: [{ text: '张伟', family: '张', given: ['伟'] }],
    });
    expect((await getJson(`${server.url}/demo/fhir/Practitioner/dr-li`)).body).toMatchObject({
      name: [{ text: '李明', family: '李', given: ['明'] }],
    });
    // What a standard SMART launcher asks (issue 23 point 20): the patient's visits, and CORS for its page.
    const search = await fetch(`${server.url}/demo/fhir/Encounter?patient=zhang-wei`, {
      headers: { origin: 'https://launch.smarthealthit.example' },
    });
    expect(search.status).toBe(200);
    expect(search.headers.get('access-control-allow-origin')).toBe('https://launch.smarthealthit.example');
    const bundle = (await search.json()) as any;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(bundle.entry[0].resource.subject).toEqual({ reference: 'Patient/zhang-wei' });
    expect((await getJson(`${server.url}/demo/fhir/Encounter?patient=nobody`)).body.total).toBe(0);
    expect((await getJson(`${server.url}/demo/fhir/Encounter/enc-zhang-wei-dr-li`)).body).toMatchObject({
      class: { code: 'AMB' },
      serviceProvider: { identifier: { value: 'H-CQ-001' } },
    });
    expect((await getJson(`${server.url}/demo/fhir/Patient/nobody`)).status).toBe(404);
  });

  it('takes a write-back only with a token, for the token’s own patient, and lists it in the record', async () => {
    const { body: token } = await launchAndSwap(null);
    const report = {
      resourceType: 'DiagnosticReport',
      status: 'final',
      code: { text: '钾' },
      subject: { reference: 'Patient/zhang-wei' },
    };
    const post = (body: unknown, headers: Record<string, string>) =>
      postJson(`${server.url}/demo/fhir/DiagnosticReport`, body, {
        'content-type': 'application/fhir+json',
        ...headers,
      });
    expect((await post(report, {})).status).toBe(401);
    expect(
      (
        await post(
          { ...report, subject: { reference: 'Patient/wang-fang' } },
          { authorization: `Bearer ${token.access_token}` },
        )
      ).status,
    ).toBe(403);
    const created = await post(report, { authorization: `Bearer ${token.access_token}` });
    expect(created.status).toBe(201);
    const record = await getJson(`${server.url}/demo/fhir/DiagnosticReport?patient=zhang-wei`);
    expect(record.body.entry.map((entry: { resource: { id: string } }) => entry.resource.id)).toContain(
      created.body.id,
    );
  });

  it('does not exist in production mode', async () => {
    for (const path of [
      '/demo/fhir/.well-known/smart-configuration',
      '/demo/fhir/Patient/zhang-wei',
      '/demo/auth/authorize',
      '/demo',
      '/demo/workstation/setup',
    ]) {
      expect((await fetch(`${production.url}${path}`)).status).toBe(404);
    }
    expect(
      (await postJson(`${production.url}/demo/auth/launch`, { patientId: 'zhang-wei', practitionerId: 'dr-li' }))
        .status,
    ).toBe(404);
    expect(
      (
        await postJson(`${production.url}/demo/client-token`, {
          hospitalId: 'H-CQ-001',
          service: 'recognition-order-select',
        })
      ).status,
    ).toBe(404);
  });
});

import { randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import items from '../../fixtures/catalog/items.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { workstationSetupSchema } from '../../server/contract/demo-workstation';
import { orderRequest } from '../support/hook-requests';
import { getJson, postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

/** The demo workstation's own endpoints: its setup, the demo client tokens, and the page itself. */
let server: TestServer;
let production: TestServer;
const PUBLIC = 'http://huren.test';

beforeAll(async () => {
  server = await startServer({ env: { CDS_AUTH: 'on' } });
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

const tokenFor = (body: unknown) => postJson(`${server.url}/demo/client-token`, body);

describe('GET /demo/workstation/setup', () => {
  it('offers the hospitals with a registered demo EHR, their doctors, the demo patients with their stories, and the catalog with local codes', async () => {
    const { status, body } = await getJson(`${server.url}/demo/workstation/setup`);
    expect(status).toBe(200);
    const setup = workstationSetupSchema.parse(body);
    expect(setup.fhirServer).toBe(`${PUBLIC}/demo/fhir`);
    expect(setup.hospitals.map((hospital) => [hospital.id, hospital.issuer])).toEqual(
      DEMO_CLIENTS.map((client) => [client.hospitalId, client.issuer]),
    );
    expect(setup.hospitals[0]).toMatchObject({ name: '山城医科大学附属第一医院' });
    expect(setup.hospitals[0]?.doctors.map((doctor) => doctor.name)).toEqual(['李明', '陈晓', '周华']);
    expect(setup.hospitals[1]?.doctors.map((doctor) => doctor.id)).toEqual(['dr-wang']);
    expect(setup.patients).toContainEqual(
      expect.objectContaining({ key: 'zhang-wei', name: '张伟', story: expect.stringContaining('血钾 2 天前') }),
    );
    // The national identifier is the demo EHR's to prefetch, not something the picker needs.
    expect(JSON.stringify(setup.patients)).not.toContain('99010119680312003X');
    const potassium = setup.catalog.find((item) => item.code === 'LAB-K');
    expect(potassium).toMatchObject({
      nameZh: '钾',
      localCodes: {
        [HOSPITALS.shancheng]: { code: 'JY0001', name: '血钾' },
        [HOSPITALS.qijiang]: { code: 'QJ-LAB-K', name: '钾' },
      },
    });
    // 山城 orders imaging with its RIS's exam codes, a code system of its own beside the HIS's items.
    expect(setup.catalog.find((item) => item.code === 'CT-HEAD')?.localCodes[HOSPITALS.shancheng]).toEqual({
      system: 'https://his.example/H-CQ-001/ris-exam',
      code: 'JC1002',
      name: '头颅CT平扫',
    });
    expect(setup.catalog.find((item) => item.code === 'LAB-CL')?.localCodes).toEqual({});
    expect(setup.catalog).toHaveLength(items.length);
  });
});

describe('POST /demo/client-token', () => {
  it('signs a token as the hospital’s demo EHR for the service, and the hook takes it once', async () => {
    const { status, body } = await tokenFor({ hospitalId: HOSPITALS.shancheng, service: 'recognition-order-select' });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      issuer: DEMO_CLIENTS[0].issuer,
      audience: `${PUBLIC}/cds-services/recognition-order-select`,
    });
    expect(decodeProtectedHeader(body.token)).toMatchObject({ alg: 'ES384', typ: 'JWT' });
    // Signed on the server's clock, which is the one the hook checks it against.
    expect(decodeJwt(body.token).iat).toBe(Math.floor(TEST_NOW.getTime() / 1000));
    const call = () =>
      postJson(
        `${server.url}/cds-services/recognition-order-select`,
        orderRequest('order-select', 'zhang-wei', ['LAB-K']),
        { authorization: `Bearer ${body.token}` },
      );
    const first = await call();
    expect(first.status).toBe(200);
    expect(first.body.cards).toHaveLength(1);
    expect((await call()).status).toBe(401);
  });

  it('signs as 綦江’s EHR (RS384) for 綦江, and for the feedback endpoint when asked', async () => {
    const { status, body } = await tokenFor({
      hospitalId: HOSPITALS.qijiang,
      service: 'recognition-order-sign',
      feedback: true,
    });
    expect(status).toBe(201);
    expect(body.audience).toBe(`${PUBLIC}/cds-services/recognition-order-sign/feedback`);
    expect(decodeProtectedHeader(body.token).alg).toBe('RS384');
    const feedback = {
      feedback: [{ card: 'no-such-card', outcome: 'overridden', outcomeTimestamp: TEST_NOW.toISOString() }],
    };
    // Authenticated (not 401): the unknown card is what it refuses.
    expect(
      (
        await postJson(`${server.url}/cds-services/recognition-order-sign/feedback`, feedback, {
          authorization: `Bearer ${body.token}`,
        })
      ).status,
    ).toBe(404);
  });

  it('refuses an unknown service, a hospital without a demo EHR, and fields it does not know, naming the field', async () => {
    const refused = [
      [{ hospitalId: HOSPITALS.shancheng, service: 'somewhere-else' }, 'service'],
      [{ hospitalId: HOSPITALS.jialing, service: 'recognition-order-select' }, 'hospitalId'],
      [{ hospitalId: HOSPITALS.shancheng, service: 'recognition-order-select', audience: 'https://evil.example/' }, ''],
      [{ service: 'recognition-order-select' }, 'hospitalId'],
    ] as const;
    for (const [body, field] of refused) {
      const answer = await tokenFor(body);
      expect(answer.status).toBe(400);
      expect(answer.body.resourceType).toBe('OperationOutcome');
      if (field) expect(answer.body.issue[0].expression).toEqual([field]);
    }
  });
});

describe('GET /demo (the page)', () => {
  it('serves the built workstation page, with the security headers of a page', async () => {
    const response = await fetch(`${server.url}/demo`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/app\/assets\/demo-[\w-]+\.js">/);
  });

  it('is linked from the start page', async () => {
    expect(await (await fetch(`${server.url}/`)).text()).toContain(`href="${PUBLIC}/demo"`);
  });
});

describe('in production mode', () => {
  it('has no workstation: its page, setup and token endpoints answer 404, and the start page does not link it', async () => {
    expect((await fetch(`${production.url}/demo`)).status).toBe(404);
    expect((await fetch(`${production.url}/demo/`)).status).toBe(404);
    expect((await fetch(`${production.url}/demo/workstation/setup`)).status).toBe(404);
    expect(
      (
        await postJson(`${production.url}/demo/client-token`, {
          hospitalId: HOSPITALS.shancheng,
          service: 'recognition-order-select',
        })
      ).status,
    ).toBe(404);
    expect(await (await fetch(`${production.url}/`)).text()).not.toContain('/demo');
  });

  it('does not serve the workstation page under /app/ either (the build keeps it out of the app folder)', async () => {
    const html = await (await fetch(`${production.url}/app/demo.html`)).text();
    expect(html).not.toMatch(/assets\/demo-/);
  });
});

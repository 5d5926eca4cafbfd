import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, demoClientRegistrations } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { saveClient } from '../../server/store/registry';
import { mockEhr, type MockEhr } from '../support/ehr';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

const SHANCHENG = DEMO_CLIENTS[0].issuer;
const PUBLIC = 'http://huren.test';
const SELECT = 'recognition-order-select';
const REGISTERED_EHR = 'https://ehr.h-cq-001.example/fhir';

/** Every name the server asked to resolve, and what the tests make it resolve to. */
const resolved: string[] = [];
const zone: Record<string, string[]> = {
  'ehr.h-cq-001.example': ['203.0.113.20'],
  'rebound.attacker.example': ['203.0.113.30', '169.254.169.254'],
  'v6.attacker.example': ['fe80::1'],
  'mapped.attacker.example': ['::ffff:169.254.169.254'],
};

let open: TestServer;
let registered: TestServer;
let network: MockEhr;
/** Every request msw saw, i.e. every fetch Huren started towards a mocked EHR. */
const fetched: string[] = [];
/** A loopback listener that counts the connections it gets. */
let listener: Server;
let connections = 0;

beforeAll(async () => {
  const resolveHost = async (name: string) => {
    resolved.push(name);
    const addresses = zone[name];
    if (!addresses) throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return addresses;
  };
  // Development default: any server, except the never-allowed addresses.
  open = await startServer({ resolveHost });
  // A registered client that listed its FHIR base URL; nothing else may be read for it.
  registered = await startServer({ resolveHost, env: { CDS_AUTH: 'on', FHIR_SERVER_ANY: 'off' } });
  const [shancheng] = demoClientRegistrations();
  await saveClient(registered.services.db, { ...shancheng!, fhirServers: [REGISTERED_EHR] }, TEST_NOW);
  registered.services.clients.invalidate();
  network = mockEhr();
  // The tests' own calls to Huren pass through msw too; only reads towards an EHR count.
  network.events.on('request:start', ({ request }) => {
    if (!new URL(request.url).pathname.startsWith('/cds-services/')) fetched.push(request.url);
  });
  listener = createServer((socket: Socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
});
afterEach(() => {
  network.resetHandlers();
  fetched.length = 0;
  resolved.length = 0;
});
afterAll(async () => {
  network.close();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  await open.close();
  await registered.close();
});

/** A hook call whose Patient must be read from `fhirServer` (no prefetch). */
function naming(fhirServer: string) {
  const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
  const patient = request.prefetch.patient;
  delete request.prefetch.patient;
  request.fhirServer = fhirServer;
  request.fhirAuthorization = {
    access_token: 'token-the-caller-chose',
    token_type: 'Bearer',
    expires_in: 300,
    scope: 'patient/Patient.read',
    subject: 'huren',
  };
  return { request, patient };
}

const mint = () => mintClientToken({ issuer: SHANCHENG, audience: `${PUBLIC}/cds-services/${SELECT}`, now: TEST_NOW });

describe('point 6: fhirServer cannot be turned against the network Huren sits in', () => {
  it.each([
    ['the metadata address', 'http://169.254.169.254/latest/meta-data'],
    ['a link-local address in decimal', 'http://2852039166/fhir'],
    ['an IPv4-mapped metadata address', 'http://[::ffff:a9fe:a9fe]/fhir'],
    ['an IPv6 link-local address', 'http://[fe80::1]/fhir'],
    ['Alibaba Cloud’s metadata service', 'http://100.100.100.200/latest/meta-data'],
    ['a metadata host name', 'http://metadata.google.internal/computeMetadata/v1'],
  ])('refuses %s before any connection, even where any server is allowed', async (_name, fhirServer) => {
    const { status, body } = await postJson(`${open.url}/cds-services/${SELECT}`, naming(fhirServer).request);
    expect(status).toBe(412);
    expect(body.issue[0].diagnostics).toContain('not a FHIR server Huren may read');
    expect(fetched).toEqual([]);
    expect(resolved).toEqual([]);
  });

  it.each([
    ['resolves partly to the metadata address', 'http://rebound.attacker.example/fhir'],
    ['resolves to an IPv6 link-local address', 'http://v6.attacker.example/fhir'],
    ['resolves to an IPv4-mapped metadata address', 'http://mapped.attacker.example/fhir'],
  ])('refuses a name that %s, after resolving it and before connecting', async (_name, fhirServer) => {
    const { status } = await postJson(`${open.url}/cds-services/${SELECT}`, naming(fhirServer).request);
    expect(status).toBe(412);
    expect(resolved).toEqual([new URL(fhirServer).hostname]);
    expect(fetched).toEqual([]);
  });

  it('refuses a server the client did not register, without connecting to it', async () => {
    const port = (listener.address() as AddressInfo).port;
    const { status, body } = await postJson(
      `${registered.url}/cds-services/${SELECT}`,
      naming(`http://127.0.0.1:${port}/fhir`).request,
      { authorization: `Bearer ${await mint()}` },
    );
    expect(status).toBe(412);
    expect(body.issue[0].diagnostics).toContain('not a FHIR server Huren may read for this client');
    expect(connections).toBe(0);
    const sibling = await postJson(
      `${registered.url}/cds-services/${SELECT}`,
      naming('https://ehr.h-cq-001.example/fhir-other').request,
      { authorization: `Bearer ${await mint()}` },
    );
    expect(sibling.status).toBe(412);
    expect(fetched).toEqual([]);
  });

  it('reads the server the client registered, with the token it was given', async () => {
    const { request, patient } = naming(`${REGISTERED_EHR}/`);
    const seen: (string | null)[] = [];
    network.use(
      http.get(`${REGISTERED_EHR}/Patient/zhang-wei`, ({ request: read }) => {
        seen.push(read.headers.get('authorization'));
        return HttpResponse.json(patient);
      }),
    );
    const { status, body } = await postJson(`${registered.url}/cds-services/${SELECT}`, request, {
      authorization: `Bearer ${await mint()}`,
    });
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
    expect(seen).toEqual(['Bearer token-the-caller-chose']);
  });

  it('answers a closed port and an open one with the same 412 text (loopback only)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // An open port with a web server on it that refuses the token.
    const service = createHttpServer((_request, response) => response.writeHead(401).end());
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const openPort = (service.address() as AddressInfo).port;
    const first = await postJson(
      `${open.url}/cds-services/${SELECT}`,
      naming(`http://127.0.0.1:${closedPort}/fhir`).request,
    );
    const second = await postJson(
      `${open.url}/cds-services/${SELECT}`,
      naming(`http://127.0.0.1:${openPort}/fhir`).request,
    );
    await new Promise<void>((resolve) => service.close(() => resolve()));
    expect(first.status).toBe(412);
    expect(second.status).toBe(412);
    expect(second.body.issue[0].diagnostics).toBe(first.body.issue[0].diagnostics);
  });

  it('refuses an unregistered fhirServer even when the prefetch is complete, and signs no card with it (issue 18 point 1)', async () => {
    const port = (listener.address() as AddressInfo).port;
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    request.fhirServer = `http://127.0.0.1:${port}/internal/admin`;
    const { status, body } = await postJson(`${registered.url}/cds-services/${SELECT}`, request, {
      authorization: `Bearer ${await mint()}`,
    });
    expect(status).toBe(412);
    expect(body.cards).toBeUndefined();
    expect(body.issue[0].diagnostics).toContain('not a FHIR server Huren may read for this client');
    expect(connections).toBe(0);
    // The registered server, with the same complete prefetch, gets its card.
    request.fhirServer = REGISTERED_EHR;
    const allowed = await postJson(`${registered.url}/cds-services/${SELECT}`, request, {
      authorization: `Bearer ${await mint()}`,
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body.cards).toHaveLength(1);
  });

  it('explain never reads an EHR, whatever fhirServer its body names (issue 18 point 1)', async () => {
    const port = (listener.address() as AddressInfo).port;
    const token = await open.token('quality', 'H-CQ-001');
    const { request } = naming(`http://127.0.0.1:${port}/fhir`);
    const { status } = await postJson(`${open.url}/api/explain`, request, { authorization: `Bearer ${token}` });
    expect(status).toBe(412);
    expect(connections).toBe(0);
    expect(resolved).toEqual([]);
  });
});

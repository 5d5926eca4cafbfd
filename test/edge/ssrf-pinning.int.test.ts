import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, type TestServer } from '../support/server';

/**
 * Issue 18 point 1: the address Huren checked is the address it connects to. An EHR's name is resolved
 * once per call through the injected resolver; the connection is pinned to that answer, so a second
 * answer (a rebinding to somewhere else) is never asked for nor followed. Loopback listeners only: the
 * EHR on 127.0.0.1, a decoy on 127.0.0.2 standing in for where a rebinding would lead.
 */

const NAME = 'ehr.rebinding.example';
let huren: TestServer;
let ehr: Server;
let decoy: Server;
let port = 0;
const resolutions: string[] = [];
const decoyHits: string[] = [];
let patient: unknown;

beforeAll(async () => {
  const { prefetch } = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
  patient = prefetch.patient;
  ehr = createServer((request, response) => {
    if (request.url?.endsWith('/Patient/zhang-wei')) {
      response.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(patient));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => ehr.listen(0, '127.0.0.1', resolve));
  port = (ehr.address() as AddressInfo).port;
  decoy = createServer((request, response) => {
    decoyHits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(patient));
  });
  await new Promise<void>((resolve) => decoy.listen(port, '127.0.0.2', resolve));
  huren = await startServer({
    // The first answer is the EHR; any later one would lead to the decoy.
    resolveHost: async (name) => {
      resolutions.push(name);
      return resolutions.length === 1 ? ['127.0.0.1'] : ['127.0.0.2'];
    },
  });
});

afterAll(async () => {
  await huren.close();
  await new Promise<void>((resolve) => ehr.close(() => resolve()));
  await new Promise<void>((resolve) => decoy.close(() => resolve()));
});

describe('reading from an EHR by name', () => {
  it('connects to the address the check resolved, resolving the name once', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    delete request.prefetch.patient;
    request.fhirServer = `http://${NAME}:${port}/fhir`;
    const { status, body } = await postJson(`${huren.url}/cds-services/recognition-order-select`, request);
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
    expect(resolutions).toEqual([NAME]);
    expect(decoyHits).toEqual([]);
  });
});

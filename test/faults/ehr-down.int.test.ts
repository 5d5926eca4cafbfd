import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { mockEhr, type MockEhr } from '../support/ehr';
import { gate } from '../support/gate';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

const EHR = 'https://ehr.h-cq-001.example/fhir';
let server: TestServer;
let ehr: MockEhr;

beforeAll(async () => {
  server = await startServer({ env: { CDS_AUTH: 'on', HOOK_BUDGET_MS: '400' } });
  ehr = mockEhr();
});
// The slow EHR answers only after the test is over: a hook that waited for it would never answer.
let slowEhr = gate();
afterEach(() => {
  slowEhr.open();
  slowEhr = gate();
  ehr.resetHandlers();
});
afterAll(async () => {
  ehr.close();
  await server.close();
});

async function callWithoutEncounterPrefetch(): Promise<{ status: number; body: any }> {
  const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
  delete request.prefetch.encounter;
  delete request.prefetch.user;
  request.fhirServer = EHR;
  request.fhirAuthorization = {
    access_token: 'at',
    token_type: 'Bearer',
    expires_in: 60,
    scope: 'user/*.read',
    subject: 'huren',
  };
  const token = await mintClientToken({
    issuer: DEMO_CLIENTS[0].issuer,
    audience: 'http://huren.test/cds-services/recognition-order-select',
    now: TEST_NOW,
  });
  return postJson(`${server.url}/cds-services/recognition-order-select`, request, { authorization: `Bearer ${token}` });
}

describe("the EHR's FHIR server slow, down or answering garbage, with the patient prefetched", () => {
  it.each([
    ['down', () => HttpResponse.error()],
    ['answering garbage', () => new HttpResponse('}{', { headers: { 'content-type': 'application/json' } })],
    [
      'slow',
      async () => {
        await slowEhr.opened;
        return HttpResponse.json({});
      },
    ],
  ])(
    '%s: the card still comes (hospital from the client registration, encounter unknown), within the budget',
    async (_name, answer) => {
      ehr.use(http.get(`${EHR}/Encounter/enc-test`, answer), http.get(`${EHR}/Practitioner/dr-test`, answer));
      const { status, body } = await callWithoutEncounterPrefetch();
      expect(status).toBe(200);
      expect(body.cards).toHaveLength(1);
      expect(body.cards[0].indicator).toBe('warning');
      const prompt = await server.services.db('prompts').where('id', body.cards[0].uuid).first();
      expect(prompt).toMatchObject({ hospital_id: 'H-CQ-001', encounter_kind: 'unknown', department_name: null });
    },
  );
});

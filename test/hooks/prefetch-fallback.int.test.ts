import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mockEhr, type MockEhr } from '../support/ehr';
import { gate } from '../support/gate';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, type TestServer } from '../support/server';

const EHR = 'https://ehr.h-cq-001.example/fhir';
let server: TestServer;
let ehr: MockEhr;
const url = () => `${server.url}/cds-services/recognition-order-select`;

beforeAll(async () => {
  server = await startServer({ env: { HOOK_BUDGET_MS: '400' } });
  ehr = mockEhr();
});
afterEach(() => ehr.resetHandlers());
afterAll(async () => {
  ehr.close();
  await server.close();
});

/** 张伟 ordering potassium with the patient left out of prefetch, so it must come from the EHR. */
function withoutPatientPrefetch(): { request: any; patient: any } {
  const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
  const patient = request.prefetch.patient;
  delete request.prefetch.patient;
  request.fhirServer = EHR;
  request.fhirAuthorization = {
    access_token: 'ehr-access-token-123',
    token_type: 'Bearer',
    expires_in: 300,
    scope: 'user/Patient.read',
    subject: 'huren',
  };
  return { request, patient };
}

describe("prefetch fallback: what the EHR did not prefetch is read from its FHIR server, within the hook's budget", () => {
  it('found: reads Patient with the bearer token the EHR handed over, and answers with the card', async () => {
    const { request, patient } = withoutPatientPrefetch();
    const seen: (string | null)[] = [];
    ehr.use(
      http.get(`${EHR}/Patient/zhang-wei`, ({ request: incoming }) => {
        seen.push(incoming.headers.get('authorization'));
        return HttpResponse.json(patient);
      }),
    );
    const { status, body } = await postJson(url(), request);
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
    expect(seen).toEqual(['Bearer ehr-access-token-123']);
  });

  it('not found: 412 with an OperationOutcome saying the patient cannot be identified', async () => {
    const { request } = withoutPatientPrefetch();
    ehr.use(
      http.get(`${EHR}/Patient/zhang-wei`, () =>
        HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 404 }),
      ),
    );
    const { status, body } = await postJson(url(), request);
    expect(status).toBe(412);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0].diagnostics).toContain('cannot identify the patient');
    expect(body.issue[0].expression).toEqual(['prefetch.patient']);
  });

  it('401 from the FHIR server: 412, and the token never reaches our logs', async () => {
    const { request } = withoutPatientPrefetch();
    ehr.use(http.get(`${EHR}/Patient/zhang-wei`, () => new HttpResponse(null, { status: 401 })));
    const { status, body } = await postJson(url(), request);
    expect(status).toBe(412);
    // Why the read failed is for the metrics, not the caller: the answer must not map networks.
    expect(body.issue[0].diagnostics).not.toContain('unauthorized');
    expect(await server.services.metrics.registry.getSingleMetricAsString('huren_prefetch_fallback_total')).toContain(
      'outcome="unauthorized"',
    );
    expect(server.logs.join('')).not.toContain('ehr-access-token-123');
  });

  it('slow past the budget: gives up at the budget instead of waiting for the EHR', async () => {
    const { request } = withoutPatientPrefetch();
    const ehrAnswer = gate();
    let asked = false;
    ehr.use(
      http.get(`${EHR}/Patient/zhang-wei`, async () => {
        asked = true;
        await ehrAnswer.opened;
        return HttpResponse.json({});
      }),
    );
    // The EHR answers only once we have: a hook that waited for it would never answer.
    const { status } = await postJson(url(), request);
    ehrAnswer.open();
    expect(asked).toBe(true);
    expect(status).toBe(412);
  });

  it.each([
    [
      'an HTML error page',
      () => new HttpResponse('<html>502 Bad Gateway</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      'not-json',
    ],
    [
      'JSON that is not a Patient',
      () => HttpResponse.json({ resourceType: 'Bundle', type: 'searchset' }),
      'not-a-resource',
    ],
    ['a 500', () => new HttpResponse(null, { status: 500 }), 'failed'],
    ['a dropped connection', () => HttpResponse.error(), 'failed'],
  ])(
    'garbage or failure from the FHIR server (%s): 412 with the same text, the reason counted in the metrics',
    async (_name, answer, reason) => {
      const { request } = withoutPatientPrefetch();
      ehr.use(http.get(`${EHR}/Patient/zhang-wei`, answer));
      const { status, body } = await postJson(url(), request);
      expect(status).toBe(412);
      expect(body.issue[0].diagnostics).toBe(
        'cannot identify the patient: it is not in prefetch and could not be read from fhirServer',
      );
      expect(await server.services.metrics.registry.getSingleMetricAsString('huren_prefetch_fallback_total')).toContain(
        `outcome="${reason}"`,
      );
    },
  );

  it('a prefetch key holding an OperationOutcome counts as not prefetched', async () => {
    const { request, patient } = withoutPatientPrefetch();
    request.prefetch.patient = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'timeout' }] };
    ehr.use(http.get(`${EHR}/Patient/zhang-wei`, () => HttpResponse.json(patient)));
    expect((await postJson(url(), request)).body.cards).toHaveLength(1);
  });

  it('prefetch `null` means the client looked and found no patient: 412, nothing fetched', async () => {
    const { request } = withoutPatientPrefetch();
    request.prefetch.patient = null;
    expect((await postJson(url(), request)).status).toBe(412);
  });

  it('no FHIR server and no prefetch: 412', async () => {
    const { request } = withoutPatientPrefetch();
    delete request.fhirServer;
    delete request.fhirAuthorization;
    expect((await postJson(url(), request)).status).toBe(412);
  });

  it('degrades when only optional context is missing: the user unavailable still gives the card', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    delete request.prefetch.user;
    request.fhirServer = EHR;
    ehr.use(http.get(`${EHR}/Practitioner/dr-test`, () => HttpResponse.error()));
    const { status, body } = await postJson(url(), request);
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
  });
});

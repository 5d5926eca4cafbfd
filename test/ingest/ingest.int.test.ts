import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_ID_SYSTEM, organizationResource } from '../../fixtures/patients/bundles';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { SYSTEMS } from '../../server/fhir/systems';
import { patientKey } from '../../server/fhir/patient-key';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, storeContents, type TestServer } from '../support/server';

let server: TestServer;
const fhir = () => `${server.url}/fhir`;
const ingest = (body: unknown) => postJson(fhir(), body, { authorization: `Bearer ${server.platformToken}` });

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

let sequence = 500;
function newPatient(): { id: string; nationalId: string; resource: Record<string, unknown> } {
  sequence += 1;
  const nationalId = syntheticNationalId('1977-07-07', sequence);
  const id = `p${sequence}`;
  return {
    id,
    nationalId,
    resource: {
      resourceType: 'Patient',
      id,
      identifier: [{ system: NATIONAL_ID_SYSTEM, value: nationalId }],
      name: [{ text: '测试患者' }],
    },
  };
}

function potassiumReport(
  patientId: string,
  options: {
    id?: string;
    status?: string;
    value?: number;
    effective?: string;
    code?: Record<string, unknown>;
    performer?: string;
  } = {},
) {
  const id = options.id ?? `rep-${crypto.randomUUID()}`;
  const observation = {
    resourceType: 'Observation',
    id: `${id}-k`,
    status: 'final',
    code: { text: '钾' },
    valueQuantity: { value: options.value ?? 4.2, unit: 'mmol/L' },
    referenceRange: [{ low: { value: 3.5 }, high: { value: 5.3 } }],
    interpretation: [{ coding: [{ system: SYSTEMS.interpretation, code: 'N' }] }],
  };
  const report = {
    resourceType: 'DiagnosticReport',
    id,
    identifier: [{ system: 'https://his.example/H-CQ-002/report', value: id }],
    status: options.status ?? 'final',
    code: options.code ?? { coding: [{ system: SYSTEMS.recognitionItem, code: 'LAB-K' }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: options.effective ?? '2026-03-09T09:00:00+08:00',
    performer: [{ reference: `Organization/${options.performer ?? HOSPITALS.jialing}` }],
    result: [{ reference: `Observation/${observation.id}` }],
  };
  return [report, observation];
}

function bundle(type: string, resources: Record<string, unknown>[]) {
  return {
    resourceType: 'Bundle',
    type,
    entry: resources.map((resource) => ({
      fullUrl: `urn:uuid:${crypto.randomUUID()}`,
      resource,
      request: { method: 'POST', url: String(resource.resourceType) },
    })),
  };
}

async function resultsOf(nationalId: string) {
  return server.services.db('results').where('patient_key', patientKey(server.config.patientKeySecret, nationalId));
}

describe('POST /fhir: the results index', () => {
  it('stores one row per report keyed by the HMAC of the national ID, with the lab values', async () => {
    const patient = newPatient();
    const { status, body } = await ingest(
      bundle('transaction', [
        patient.resource,
        organizationResource(HOSPITALS.jialing),
        ...potassiumReport(patient.id),
      ]),
    );
    expect(status).toBe(200);
    expect(body.resourceType).toBe('Bundle');
    expect(body.type).toBe('transaction-response');
    expect(body.entry.map((entry: { response: { status: string } }) => entry.response.status)).toEqual([
      '200 OK',
      '200 OK',
      '201 Created',
      '200 OK',
    ]);
    expect(body.entry[2].response.location).toMatch(/^DiagnosticReport\/[0-9a-f-]{36}\/_history\/1$/);
    const [row] = await resultsOf(patient.nationalId);
    expect(row).toMatchObject({
      item_code: 'LAB-K',
      institution_id: HOSPITALS.jialing,
      status: 'final',
      effective_at: '2026-03-09T01:00:00.000Z',
    });
    expect(JSON.parse(row.report)).toEqual({
      kind: 'lab',
      title: '钾',
      values: [{ name: '钾', value: '4.2', unit: 'mmol/L', referenceRange: '3.5-5.3', flag: 'N' }],
    });
    expect(await storeContents(server)).not.toContain(patient.nationalId);
  });

  it('maps report codes by LOINC and by the performing hospital’s local codes', async () => {
    const patient = newPatient();
    await ingest(
      bundle('batch', [
        patient.resource,
        organizationResource(HOSPITALS.jialing),
        organizationResource(HOSPITALS.shancheng),
        ...potassiumReport(patient.id, { code: { coding: [{ system: SYSTEMS.loinc, code: '2160-0' }] } }),
        ...potassiumReport(patient.id, {
          performer: HOSPITALS.shancheng,
          code: { coding: [{ system: 'https://his.example/H-CQ-001/order-item', code: 'JY0030' }] },
        }),
      ]),
    );
    expect((await resultsOf(patient.nationalId)).map((row: { item_code: string }) => row.item_code).sort()).toEqual([
      'LAB-CRE',
      'LAB-GLU',
    ]);
  });

  it('an amended report replaces its earlier version, and the card shows the amended value', async () => {
    const patient = newPatient();
    await ingest(
      bundle('transaction', [
        patient.resource,
        organizationResource(HOSPITALS.jialing),
        ...potassiumReport(patient.id, { id: 'amend-me', value: 6.1 }),
      ]),
    );
    const second = await ingest(
      bundle('transaction', [
        patient.resource,
        organizationResource(HOSPITALS.jialing),
        ...potassiumReport(patient.id, { id: 'amend-me', value: 4.4, status: 'amended' }),
      ]),
    );
    expect(second.body.entry[2].response.status).toBe('200 OK');
    expect(second.body.entry[2].response.location).toMatch(/_history\/2$/);
    const rows = await resultsOf(patient.nationalId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'amended', version: 2 });
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    request.prefetch.patient.identifier = patient.resource.identifier;
    const { body } = await postJson(`${server.url}/cds-services/recognition-order-select`, request);
    expect(body.cards[0].detail).toContain('| 钾 | 4.4 |');
  });

  it('entered-in-error removes the report from recognition', async () => {
    const patient = newPatient();
    await ingest(
      bundle('transaction', [
        patient.resource,
        organizationResource(HOSPITALS.jialing),
        ...potassiumReport(patient.id, { id: 'oops' }),
      ]),
    );
    const withdrawn = await ingest(
      bundle('transaction', [
        patient.resource,
        organizationResource(HOSPITALS.jialing),
        ...potassiumReport(patient.id, { id: 'oops', status: 'entered-in-error' }),
      ]),
    );
    expect(withdrawn.body.entry[2].response.outcome.issue[0].diagnostics).toContain('entered-in-error');
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    request.prefetch.patient.identifier = patient.resource.identifier;
    expect((await postJson(`${server.url}/cds-services/recognition-order-select`, request)).body.cards).toEqual([]);
  });

  it('batch: each bad entry gets its own OperationOutcome, the good ones are stored', async () => {
    const patient = newPatient();
    const unknownItem = potassiumReport(patient.id, { code: { coding: [{ system: SYSTEMS.loinc, code: '99999-9' }] } });
    const noSubject = potassiumReport(patient.id);
    delete (noSubject[0] as Record<string, unknown>).subject;
    const { status, body } = await ingest(
      bundle('batch', [
        patient.resource,
        organizationResource(HOSPITALS.jialing),
        ...potassiumReport(patient.id),
        unknownItem[0]!,
        unknownItem[1]!,
        noSubject[0]!,
        noSubject[1]!,
        { resourceType: 'Claim', id: 'c1' },
      ]),
    );
    expect(status).toBe(200);
    expect(body.type).toBe('batch-response');
    const statuses = body.entry.map((entry: { response: { status: string } }) => entry.response.status);
    expect(statuses).toEqual([
      '200 OK',
      '200 OK',
      '201 Created',
      '200 OK',
      '422 Unprocessable Entity',
      '200 OK',
      '400 Bad Request',
      '200 OK',
      '422 Unprocessable Entity',
    ]);
    expect(body.entry[4].response.outcome.issue[0]).toMatchObject({
      code: 'code-invalid',
      expression: expect.arrayContaining(['DiagnosticReport.code']),
    });
    expect(body.entry[4].response.outcome.issue[0].diagnostics).toContain('kept out');
    expect(body.entry[6].response.outcome.issue[0].expression).toContain('DiagnosticReport.subject');
    expect(await resultsOf(patient.nationalId)).toHaveLength(1);
  });

  it('transaction: one bad entry and nothing is stored, every entry answered', async () => {
    const patient = newPatient();
    const before = await server.services.db('results').count({ n: '*' }).first();
    const { status, body } = await ingest(
      bundle('transaction', [
        patient.resource,
        organizationResource(HOSPITALS.jialing),
        ...potassiumReport(patient.id),
        organizationResource('H-UNKNOWN'),
        ...potassiumReport(patient.id, { performer: 'H-UNKNOWN' }),
      ]),
    );
    expect(status).toBe(400);
    expect(body.type).toBe('transaction-response');
    expect(body.entry[5].response.status).toBe('422 Unprocessable Entity');
    expect(body.entry[5].response.outcome.issue[0].diagnostics).toContain('H-UNKNOWN');
    expect(body.entry[2].response.status).toBe('424 Failed Dependency');
    expect(await server.services.db('results').count({ n: '*' }).first()).toEqual(before);
  });

  it.each([
    [
      'no national identifier',
      (p: any, r: any[]) => {
        p.identifier = [{ system: 'https://his.example/mrn', value: 'X' }];
        return r;
      },
      'DiagnosticReport.subject',
    ],
    [
      'a performer without the platform identifier',
      (_p: any, r: any[]) => {
        r[0].performer = [{ display: '某医院' }];
        return r;
      },
      'DiagnosticReport.performer',
    ],
    [
      'no clinically relevant time',
      (_p: any, r: any[]) => {
        delete r[0].effectiveDateTime;
        return r;
      },
      'DiagnosticReport.effectiveDateTime',
    ],
    [
      'a time with only year and month',
      (_p: any, r: any[]) => {
        r[0].effectiveDateTime = '2026-03';
        return r;
      },
      'DiagnosticReport.effectiveDateTime',
    ],
    [
      'an unknown status',
      (_p: any, r: any[]) => {
        r[0].status = 'done';
        return r;
      },
      'DiagnosticReport.status',
    ],
    [
      'no identifier and no id',
      (_p: any, r: any[]) => {
        delete r[0].identifier;
        delete r[0].id;
        return r;
      },
      'DiagnosticReport.identifier',
    ],
    [
      'a result reference that is not in the Bundle',
      (_p: any, r: any[]) => {
        r[0].result = [{ reference: 'Observation/elsewhere' }];
        return r;
      },
      'DiagnosticReport.result[0]',
    ],
    [
      'code that is not a CodeableConcept',
      (_p: any, r: any[]) => {
        r[0].code = 'K';
        return r;
      },
      'DiagnosticReport.code',
    ],
  ])('refuses a report with %s, naming the field', async (_name, mutate, expression) => {
    const patient = newPatient();
    const resources = mutate(patient.resource, potassiumReport(patient.id));
    const { body } = await ingest(
      bundle('batch', [patient.resource, organizationResource(HOSPITALS.jialing), ...resources]),
    );
    expect(body.entry[2].response.status).toMatch(/^4/);
    expect(body.entry[2].response.outcome.issue[0].expression).toContain(expression);
    expect(await resultsOf(patient.nationalId)).toHaveLength(0);
  });

  it('accepts a date-only clinical time, keeping its calendar day', async () => {
    const patient = newPatient();
    await ingest(
      bundle('batch', [
        patient.resource,
        organizationResource(HOSPITALS.jialing),
        ...potassiumReport(patient.id, { effective: '2026-03-09' }),
      ]),
    );
    const [row] = await resultsOf(patient.nationalId);
    expect(row.effective_at.slice(0, 10)).toBe('2026-03-09');
  });

  it('keeps imaging findings, impression and a web viewer link, and drops a non-web link', async () => {
    const patient = newPatient();
    const report = {
      resourceType: 'DiagnosticReport',
      id: 'ct1',
      identifier: [{ system: 'https://his.example/ris', value: 'ct1' }],
      status: 'final',
      code: { coding: [{ system: SYSTEMS.recognitionItem, code: 'CT-HEAD' }] },
      subject: { reference: `Patient/${patient.id}` },
      performer: [{ reference: `Organization/${HOSPITALS.jialing}` }],
      imagingStudy: [{ reference: 'ImagingStudy/s1' }],
      result: [{ reference: 'Observation/f1' }],
      conclusion: '未见异常。',
    };
    const study = {
      resourceType: 'ImagingStudy',
      id: 's1',
      status: 'available',
      subject: { reference: `Patient/${patient.id}` },
      started: '2026-03-01T08:00:00+08:00',
      identifier: [{ system: SYSTEMS.dicomUid, value: 'urn:oid:2.25.1' }],
      modality: [{ code: 'CT' }],
      endpoint: [{ reference: 'Endpoint/e1' }],
    };
    const endpoint = { resourceType: 'Endpoint', id: 'e1', status: 'active', address: 'javascript:alert(1)' };
    const findings = {
      resourceType: 'Observation',
      id: 'f1',
      status: 'final',
      code: { coding: [{ system: SYSTEMS.loinc, code: '59776-5' }] },
      valueString: '脑实质密度均匀。',
    };
    await ingest(
      bundle('batch', [patient.resource, organizationResource(HOSPITALS.jialing), report, study, endpoint, findings]),
    );
    const [row] = await resultsOf(patient.nationalId);
    expect(JSON.parse(row.report)).toEqual({
      kind: 'imaging',
      title: '头颅CT平扫',
      modality: 'CT',
      findings: '脑实质密度均匀。',
      impression: '未见异常。',
      studyUid: '2.25.1',
      viewerUrl: null,
    });
    expect(row.effective_at).toBe('2026-03-01T00:00:00.000Z');
  });

  it('takes results only from the platform: 401 without a token, 403 with a hospital token', async () => {
    const patient = newPatient();
    const body = bundle('batch', [
      patient.resource,
      organizationResource(HOSPITALS.jialing),
      ...potassiumReport(patient.id),
    ]);
    const anonymous = await postJson(fhir(), body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
    const quality = await postJson(fhir(), body, {
      authorization: `Bearer ${await server.token('quality', HOSPITALS.jialing)}`,
    });
    expect(quality.status).toBe(403);
    expect(await resultsOf(patient.nationalId)).toHaveLength(0);
  });

  it.each([
    ['not a Bundle', { resourceType: 'Patient' }, 400],
    ['a collection Bundle', { resourceType: 'Bundle', type: 'collection', entry: [] }, 400],
    ['an array', [], 400],
  ])('refuses %s with an OperationOutcome', async (_name, body, status) => {
    const response = await ingest(body);
    expect(response.status).toBe(status);
    expect(response.body.resourceType).toBe('OperationOutcome');
  });
});

describe('names a report brings are looked up by own keys only (issue 18 point 4)', () => {
  it.each(['constructor', '__proto__', 'toString'])(
    'renders the card of a result whose interpretation code is "%s", with the code as its flag',
    async (code) => {
      const patient = newPatient();
      const [report, observation] = potassiumReport(patient.id);
      (observation as { interpretation: unknown }).interpretation = [
        { coding: [{ system: SYSTEMS.interpretation, code }] },
      ];
      const filed = await ingest(
        bundle('transaction', [patient.resource, organizationResource(HOSPITALS.jialing), report!, observation!]),
      );
      expect(filed.body.entry[2].response.status).toBe('201 Created');
      const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
      request.prefetch.patient.identifier = patient.resource.identifier;
      const { status, body } = await postJson(`${server.url}/cds-services/recognition-order-select`, request);
      expect(status).toBe(200);
      expect(body.cards).toHaveLength(1);
      // The flag column shows the code itself (markdown-escaped), not a member of Object.prototype.
      expect(body.cards[0].detail.replaceAll('\\', '')).toContain(code);
      expect(body.cards[0].detail).not.toContain('[native code]');
    },
  );
});

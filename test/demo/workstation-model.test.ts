import { describe, expect, it } from 'vitest';
import { orderSelect, orderSign, patientView, type HookSession } from '../../smart-app/src/demo/cds/requests';
import { orderCoding, type DraftOrder } from '../../smart-app/src/demo/orders/orders';
import { recordedFor, type PromptStatus } from '../../smart-app/src/demo/signing/recorded';
import type { DemoHospital, Orderable } from '../../server/contract/demo-workstation';

const REGIONAL = 'https://fhir.huren.example/CodeSystem/recognition-item';
const LIS_CODES = 'https://his.example/H-CQ-001/order-item';
const shancheng: DemoHospital = {
  id: 'H-CQ-001',
  name: '山城医科大学附属第一医院',
  issuer: 'https://ehr.h-cq-001.example',
  doctors: [],
};
const potassium: Orderable = {
  code: 'LAB-K',
  nameZh: '钾',
  nameEn: 'Potassium',
  kind: 'lab',
  loinc: '2823-3',
  synonyms: ['血钾'],
  localCodes: { 'H-CQ-001': { system: LIS_CODES, code: 'JY0001', name: '血钾' } },
};
const chloride: Orderable = {
  code: 'LAB-CL',
  nameZh: '氯',
  nameEn: 'Chloride',
  kind: 'lab',
  loinc: null,
  synonyms: [],
  localCodes: {},
};

const order = (id: string, item: Orderable, status: DraftOrder['status'] = 'draft'): DraftOrder => ({
  id,
  itemCode: item.code,
  ...orderCoding(item, shancheng, REGIONAL),
  status,
});
const session: HookSession = {
  chart: {
    patient: { resourceType: 'Patient', id: 'zhang-wei' },
    encounter: { resourceType: 'Encounter', id: 'enc-zhang-wei-dr-li' },
    practitioner: { resourceType: 'Practitioner', id: 'dr-li' },
  },
  patientKey: 'zhang-wei',
  doctorId: 'dr-li',
  fhirServer: 'http://huren.test/demo/fhir',
};

describe('the workstation’s orders and hook requests', () => {
  it('orders with the hospital’s local code where it has a mapping, else the regional code', () => {
    expect(orderCoding(potassium, shancheng, REGIONAL)).toEqual({
      coding: { system: LIS_CODES, code: 'JY0001', display: '血钾' },
      local: true,
    });
    expect(orderCoding(chloride, shancheng, REGIONAL)).toEqual({
      coding: { system: REGIONAL, code: 'LAB-CL', display: '氯' },
      local: false,
    });
  });

  it('order-select: the selection is the new order, draftOrders every unsigned one, prefetch patient/encounter/user', () => {
    const k = order('sr-1', potassium);
    const cl = order('sr-2', chloride);
    const { service, body } = orderSelect(session, cl, [k, cl]);
    expect(service).toBe('recognition-order-select');
    expect(body).toMatchObject({
      hook: 'order-select',
      fhirServer: session.fhirServer,
      context: {
        userId: 'Practitioner/dr-li',
        patientId: 'zhang-wei',
        encounterId: 'enc-zhang-wei-dr-li',
        selections: ['ServiceRequest/sr-2'],
      },
    });
    const context = body.context as { draftOrders: { entry: { resource: Record<string, unknown> }[] } };
    expect(context.draftOrders.entry.map((entry) => entry.resource.id)).toEqual(['sr-1', 'sr-2']);
    expect(context.draftOrders.entry[0]?.resource).toMatchObject({
      resourceType: 'ServiceRequest',
      status: 'draft',
      code: { coding: [{ code: 'JY0001' }] },
      subject: { reference: 'Patient/zhang-wei' },
    });
    expect(Object.keys(body.prefetch as object)).toEqual(['patient', 'encounter', 'user']);
  });

  it('patient-view prefetches patient and encounter; order-sign carries every order and no selections; each call is a new hook instance', () => {
    const view = patientView(session).body;
    expect(Object.keys(view.prefetch as object)).toEqual(['patient', 'encounter']);
    const sign = orderSign(session, [order('sr-1', potassium)]).body;
    expect(sign.hook).toBe('order-sign');
    expect(sign.context).not.toHaveProperty('selections');
    expect(view.hookInstance).not.toBe(sign.hookInstance);
  });
});

describe('what was recorded for an order, from the decision API', () => {
  const status = (orderRef: string, decision: PromptStatus['decision'], encounter = 'outpatient'): PromptStatus => ({
    prompt: {
      id: crypto.randomUUID(),
      serviceId: 'recognition-order-select',
      orderRef,
      encounterKind: { code: encounter },
    },
    recognisable: [{ resultId: 'r-1', institution: { name: '渝中区人民医院' }, resultDate: '2026-03-08' }],
    excluded: [],
    decision,
  });
  const decided = (outcome: 'accepted' | 'overridden' | 'withdrawn', decidedAt: string) => ({
    outcome,
    resultId: outcome === 'accepted' ? 'r-1' : null,
    reasonText: outcome === 'overridden' ? '患者或家属要求复查' : null,
    explanation: null,
    notification: null,
    source: 'cds-feedback' as const,
    decidedAt,
    writeBack: null,
    afterSigning: false,
  });
  const k = order('sr-1', potassium, 'signed');

  it('an accepted result names the institution and date', () => {
    expect(recordedFor(k, [status('ServiceRequest/sr-1', decided('accepted', '2026-03-10T02:00:00Z'))])).toMatchObject({
      kind: 'accepted',
      institution: '渝中区人民医院',
      resultDate: '2026-03-08',
    });
  });

  it('the latest decision of any of its cards counts; a withdrawn one does not', () => {
    const statuses = [
      status('ServiceRequest/sr-1', decided('accepted', '2026-03-10T02:00:00Z')),
      status('ServiceRequest/sr-1', decided('overridden', '2026-03-10T03:00:00Z')),
      status('ServiceRequest/sr-1', decided('withdrawn', '2026-03-10T04:00:00Z')),
    ];
    expect(recordedFor(k, statuses)).toMatchObject({
      kind: 'overridden',
      reason: '患者或家属要求复查',
      notification: null,
    });
  });

  it('prompted and signed without a decision is an unexplained repeat; never prompted is "no card"; other orders’ cards do not count', () => {
    expect(recordedFor(k, [status('ServiceRequest/sr-1', null)])).toEqual({ kind: 'unexplained' });
    expect(recordedFor(k, [status('ServiceRequest/sr-9', decided('accepted', '2026-03-10T02:00:00Z'))])).toEqual({
      kind: 'no-card',
    });
    expect(recordedFor(k, [], ['HTTP 503'])).toEqual({ kind: 'unavailable', detail: 'HTTP 503' });
  });

  it('an emergency visit prompted and signed without a decision is for reference, not an unexplained repeat (issue 23 point 1)', () => {
    // policy/001_0b4a79971fa7303c.txt: "(4)患者处于急诊、急救等紧急状态下的" may be repeated as needed.
    expect(recordedFor(k, [status('ServiceRequest/sr-1', null, 'emergency')])).toEqual({ kind: 'informed' });
  });
});

import { NATIONAL_ID_SYSTEM, organizationResource } from '../../fixtures/patients/bundles';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { addDays, type LocalDate } from '../../rules';
import { SYSTEMS } from '../../server/fhir/systems';
import type { IncomingResult } from '../../server/store/results';
import { orderRequest } from './hook-requests';
import { postJson, type TestServer } from './server';

/** The order-select cards for a person ordering one item at 山城 (the demo ordering hospital). */
export async function cardsForPerson(server: TestServer, nationalId: string, item: string): Promise<any[]> {
  const request = orderRequest('order-select', 'zhang-wei', [item]);
  request.prefetch.patient.identifier = [{ system: NATIONAL_ID_SYSTEM, value: nationalId }];
  return (await postJson(`${server.url}/cds-services/recognition-order-select`, request)).body.cards;
}

/** A card without what differs per call (its uuid, the app link's token). */
export const comparable = (card: any) => ({ summary: card.summary, detail: card.detail, indicator: card.indicator });

/**
 * The 血钾 of the HL7 v2 and CDA samples (嘉陵江中心医院, yesterday 09:30, 4.3 mmol/L) as the FHIR Bundle a
 * platform would have sent: the way in every other way must match card for card.
 */
export function sameReportAsFhir(person: { nationalId: string }, today: LocalDate) {
  const collected = `${addDays(today, -1)}T09:30:00+08:00`;
  const id = `fhir-${person.nationalId.slice(-6)}`;
  const observation = {
    resourceType: 'Observation',
    id: `${id}-k`,
    status: 'final',
    code: { text: '钾' },
    effectiveDateTime: collected,
    valueQuantity: { value: 4.3, unit: 'mmol/L' },
    referenceRange: [{ text: '3.5-5.3' }],
    interpretation: [{ coding: [{ system: SYSTEMS.interpretation, code: 'N' }] }],
    method: { text: '离子选择电极法' },
    device: { display: 'Beckman AU5800' },
  };
  const patient = {
    resourceType: 'Patient',
    id: `p-${id}`,
    identifier: [{ system: NATIONAL_ID_SYSTEM, value: person.nationalId }],
  };
  const report = {
    resourceType: 'DiagnosticReport',
    id,
    identifier: [{ system: 'https://his.example/H-CQ-002/report', value: id }],
    status: 'final',
    code: { coding: [{ system: SYSTEMS.recognitionItem, code: 'LAB-K' }], text: '血钾' },
    subject: { reference: `Patient/${patient.id}` },
    effectiveDateTime: collected,
    performer: [{ reference: `Organization/${HOSPITALS.jialing}` }],
    result: [{ reference: `Observation/${observation.id}` }],
  };
  return {
    resourceType: 'Bundle',
    type: 'batch',
    entry: [patient, organizationResource(HOSPITALS.jialing), report, observation].map((resource) => ({
      fullUrl: `urn:uuid:${resource.resourceType}-${resource.id}`,
      resource,
      request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` },
    })),
  };
}

/** Registers a HL7 v2 LIS of 嘉陵江中心医院 (facility JLJ) on the platform; `extra` adds or overrides fields. */
export function registerJialingLis(server: TestServer, id: string, name: string, extra: Record<string, unknown> = {}) {
  return postJson(
    `${server.url}/api/platform/sources`,
    {
      id,
      name,
      format: 'hl7v2',
      institutions: [HOSPITALS.jialing],
      facilities: { JLJ: HOSPITALS.jialing },
      charset: 'GB18030',
      ...extra,
    },
    { authorization: `Bearer ${server.platformToken}` },
  );
}

/** A final 钾 result from 嘉陵江, as the store's own tests write one straight in; `overrides` says what differs. */
export function incomingResult(
  overrides: Partial<IncomingResult> & Pick<IncomingResult, 'patientKey' | 'reportKey'>,
): IncomingResult {
  return {
    itemCode: 'LAB-K',
    institutionId: HOSPITALS.jialing,
    status: 'final',
    effectiveAt: '2026-03-09T01:00:00.000Z',
    issuedAt: null,
    mark: null,
    method: null,
    brand: null,
    report: { kind: 'lab', title: '钾', values: [] },
    ...overrides,
  };
}

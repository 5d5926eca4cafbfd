import items from '../../fixtures/catalog/items.json' with { type: 'json' };
import { NATIONAL_ID_SYSTEM, organizationResource } from '../../fixtures/patients/bundles';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { institutions } from '../../fixtures/registry/institutions';
import { SYSTEMS } from '../../server/fhir/systems';

/** Deterministic pseudo-random numbers, so every run loads the same data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const CATALOG_CODES = items.filter((item) => item.active).map((item) => item.code);
/** Most orders and results are of a few common items (blood count, electrolytes, chest imaging…). */
const COMMON = [
  'LAB-CBC',
  'LAB-K',
  'LAB-NA',
  'LAB-GLU',
  'LAB-CRE',
  'LAB-ALT',
  'LAB-AST',
  'LAB-TC',
  'LAB-TG',
  'LAB-HBA1C',
  'LAB-URT',
  'LAB-PT',
  'LAB-CEA',
  'LAB-AFP',
  'LAB-TSH',
  'CT-CHEST',
  'CT-HEAD',
  'DR-CHEST-PA',
  'MR-LSPINE',
  'US-LGPS',
];

function pickItem(next: () => number): string {
  const list = next() < 0.8 ? COMMON : CATALOG_CODES;
  return list[Math.floor(next() * list.length)] as string;
}
const PERFORMERS = institutions.map((institution) => institution.id);

/** Patient number → a synthetic national ID (area 990101, never a person's). */
export function benchNationalId(patient: number): string {
  const year = 1940 + (patient % 60);
  return syntheticNationalId(
    `${year}-0${1 + (Math.floor(patient / 60) % 9)}-1${Math.floor(patient / 540) % 10}`,
    Math.floor(patient / 5400) % 1000,
  );
}

export function patientCount(results: number): number {
  // Ten results per patient on average: thousands of patients at 10k results, 100k at 1M.
  return Math.max(1000, Math.floor(results / 10));
}

/** One transaction Bundle of `size` lab and imaging reports for random patients, as hospitals would send. */
export function syntheticBundle(offset: number, size: number, patients: number, today: Date): Record<string, unknown> {
  const next = random(offset + 17);
  const entries: Record<string, unknown>[] = [];
  const seenPatients = new Set<number>();
  const seenPerformers = new Set<string>();
  for (let index = 0; index < size; index += 1) {
    const patient = Math.floor(next() * patients);
    const performer = PERFORMERS[Math.floor(next() * PERFORMERS.length)] as string;
    const item = pickItem(next);
    const daysAgo = Math.floor(next() * 120);
    const effective = new Date(today.getTime() - daysAgo * 86_400_000).toISOString();
    const id = `b${offset + index}`;
    if (!seenPatients.has(patient)) {
      seenPatients.add(patient);
      entries.push({
        resourceType: 'Patient',
        id: `p${patient}`,
        identifier: [{ system: NATIONAL_ID_SYSTEM, value: benchNationalId(patient) }],
      });
    }
    if (!seenPerformers.has(performer)) {
      seenPerformers.add(performer);
      entries.push(organizationResource(performer));
    }
    entries.push({
      resourceType: 'DiagnosticReport',
      id,
      identifier: [{ system: `https://his.example/${performer}/report`, value: id }],
      status: next() < 0.95 ? 'final' : 'preliminary',
      code: { coding: [{ system: SYSTEMS.recognitionItem, code: item }] },
      subject: { reference: `Patient/p${patient}` },
      effectiveDateTime: effective,
      performer: [{ reference: `Organization/${performer}` }],
      result: [{ reference: `Observation/${id}-v` }],
    });
    entries.push({
      resourceType: 'Observation',
      id: `${id}-v`,
      status: 'final',
      code: { text: item },
      valueQuantity: { value: Math.round(next() * 1000) / 10, unit: 'mmol/L' },
      referenceRange: [{ text: '3.5-5.3' }],
      method: { text: '酶法' },
      device: { display: 'Roche cobas c702' },
    });
  }
  return { resourceType: 'Bundle', type: 'transaction', entry: entries.map((resource) => ({ resource })) };
}

/** An order-select request for a random known patient with 2 to 5 draft orders. */
export function orderSelectBody(next: () => number, patients: number, hookInstance: string): Record<string, unknown> {
  const patient = Math.floor(next() * patients);
  const orders = 2 + Math.floor(next() * 4);
  const entry = Array.from({ length: orders }, (_, index) => ({
    resource: {
      resourceType: 'ServiceRequest',
      id: `sr-${index}`,
      status: 'draft',
      intent: 'order',
      code: { coding: [{ system: SYSTEMS.recognitionItem, code: pickItem(next) }] },
      subject: { reference: `Patient/p${patient}` },
    },
  }));
  return {
    hook: 'order-select',
    hookInstance,
    context: {
      userId: 'Practitioner/dr-li',
      patientId: `p${patient}`,
      encounterId: 'enc-1',
      selections: entry.map((e) => `ServiceRequest/${e.resource.id}`),
      draftOrders: { resourceType: 'Bundle', entry },
    },
    prefetch: {
      patient: {
        resourceType: 'Patient',
        id: `p${patient}`,
        identifier: [{ system: NATIONAL_ID_SYSTEM, value: benchNationalId(patient) }],
      },
      encounter: {
        resourceType: 'Encounter',
        id: 'enc-1',
        status: 'in-progress',
        class: { system: SYSTEMS.v3ActCode, code: 'AMB' },
        serviceType: { coding: [{ code: '0101', display: '全科门诊' }] },
        // Used only with CDS_AUTH=off; with authentication the client registration names the hospital.
        serviceProvider: { identifier: { system: SYSTEMS.institution, value: 'H-CQ-006' } },
      },
      user: { resourceType: 'Practitioner', id: 'dr-li', name: [{ text: '李明' }] },
    },
  };
}

/** The same kind of call as `orderSelectBody`, as a HIS posts it to /his/v1/check. */
export function hisCheckBody(next: () => number, patients: number, checkId: string): Record<string, unknown> {
  const patient = Math.floor(next() * patients);
  const orders = 2 + Math.floor(next() * 4);
  return {
    patient: { idType: 'resident-id', idNumber: benchNationalId(patient) },
    visit: {
      kind: 'outpatient',
      departmentCode: '0101',
      departmentName: '全科门诊',
      doctorId: 'D0001',
      doctorName: '李明',
    },
    orders: Array.from({ length: orders }, (_, index) => ({ orderId: `${checkId}-${index}`, code: pickItem(next) })),
  };
}

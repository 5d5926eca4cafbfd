import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPatients, type DemoPatient } from '../../fixtures/patients/people';
import { NATIONAL_ID_SYSTEM } from '../../fixtures/patients/bundles';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { SYSTEMS } from '../../server/fhir/systems';

const HOOKS_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'hooks');

/** A sample request from fixtures/hooks, parsed fresh each time so tests can change it freely. */
export function sampleRequest(name: string): any {
  return JSON.parse(readFileSync(join(HOOKS_DIR, name), 'utf8'));
}

export function demoPatient(key: string): DemoPatient {
  const patient = demoPatients.find((candidate) => candidate.key === key);
  if (!patient) throw new Error(`no demo patient ${key}`);
  return patient;
}

export function encounterAt(hospitalId: string, classCode = 'AMB'): Record<string, unknown> {
  return {
    resourceType: 'Encounter',
    id: 'enc-test',
    status: 'in-progress',
    class: { system: SYSTEMS.v3ActCode, code: classCode },
    serviceType: { coding: [{ code: '0301', display: '心血管内科门诊' }] },
    serviceProvider: { identifier: { system: SYSTEMS.institution, value: hospitalId } },
  };
}

/** An order hook request for a demo patient at a hospital, ordering catalog items by their regional code. */
export function orderRequest(
  hook: 'order-select' | 'order-sign',
  patientKey: string,
  itemCodes: readonly string[],
  options: { hospitalId?: string; encounterClass?: string; hookInstance?: string } = {},
): any {
  const patient = demoPatient(patientKey);
  const entries = itemCodes.map((code, index) => ({
    resource: {
      resourceType: 'ServiceRequest',
      id: `sr-${index + 1}`,
      status: 'draft',
      intent: 'order',
      code: { coding: [{ system: SYSTEMS.recognitionItem, code }] },
      subject: { reference: `Patient/${patient.key}` },
    },
  }));
  return {
    hook,
    hookInstance: options.hookInstance ?? crypto.randomUUID(),
    context: {
      userId: 'Practitioner/dr-test',
      patientId: patient.key,
      encounterId: 'enc-test',
      ...(hook === 'order-select' ? { selections: entries.map((entry) => `ServiceRequest/${entry.resource.id}`) } : {}),
      draftOrders: { resourceType: 'Bundle', type: 'collection', entry: entries },
    },
    prefetch: {
      patient: {
        resourceType: 'Patient',
        id: patient.key,
        identifier: [{ system: NATIONAL_ID_SYSTEM, value: patient.nationalId }],
        name: [{ text: patient.name }],
      },
      encounter: encounterAt(options.hospitalId ?? HOSPITALS.shancheng, options.encounterClass),
      user: { resourceType: 'Practitioner', id: 'dr-test', name: [{ text: '测试医生' }] },
    },
  };
}

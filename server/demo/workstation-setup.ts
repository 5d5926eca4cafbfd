import type { RequestHandler } from 'express';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { demoDoctors } from '../../fixtures/ehr/staff';
import { demoPatients } from '../../fixtures/patients/people';
import { SYSTEMS } from '../fhir/systems';
import type { Services } from '../services';
import { loadCodeMappings } from '../store/hospital-config';
import type { WorkstationSetup } from '../contract/demo-workstation';

/**
 * What the demo workstation offers to pick from: the hospitals whose demo EHRs are registered CDS
 * clients, their doctors, the demo patients with their stories, and the catalog with each hospital's
 * own order codes. Catalog and mappings come from the store, so an administrator's changes show.
 */
export async function workstationSetup(services: Services): Promise<WorkstationSetup> {
  const [reference, mappings] = await Promise.all([services.reference.current(), loadCodeMappings(services.reader)]);
  const localCodes = new Map<string, Record<string, { system: string; code: string; name: string }>>();
  // Several local codes may name one item; the lowest code is the one the workstation orders with.
  for (const mapping of [...mappings].sort((a, b) => a.localCode.localeCompare(b.localCode))) {
    const codes = localCodes.get(mapping.itemCode) ?? {};
    codes[mapping.institutionId] ??= { system: mapping.system, code: mapping.localCode, name: mapping.localName };
    localCodes.set(mapping.itemCode, codes);
  }
  return {
    fhirServer: `${services.config.publicUrl}/demo/fhir`,
    regionalCodeSystem: SYSTEMS.recognitionItem,
    hospitals: DEMO_CLIENTS.flatMap((client) => {
      const hospital = reference.institutions.get(client.hospitalId);
      if (!hospital) return [];
      return [
        {
          id: hospital.id,
          name: hospital.name,
          issuer: client.issuer,
          doctors: demoDoctors
            .filter((doctor) => doctor.hospitalId === hospital.id)
            .map(({ id, name, departmentName }) => ({ id, name, departmentName })),
        },
      ];
    }),
    patients: demoPatients.map(({ key, name, gender, birthDate, story }) => ({ key, name, gender, birthDate, story })),
    catalog: [...reference.catalog.values()].map((item) => ({
      code: item.code,
      nameZh: item.nameZh,
      nameEn: item.nameEn,
      kind: item.kind,
      loinc: item.loinc,
      synonyms: [...item.synonyms],
      localCodes: localCodes.get(item.code) ?? {},
    })),
  };
}

export function workstationSetupHandler(services: Services): RequestHandler {
  return async (_request, response) => {
    response.set('cache-control', 'no-store').json(await workstationSetup(services));
  };
}

import { workstationSetupSchema, type WorkstationSetup } from '../../../../server/contract/demo-workstation';
import { fetchJson } from '../http/fetch-json';

/** Hospitals, doctors, patients and the order catalog the demo EHR offers. */
export function loadSetup(): Promise<WorkstationSetup> {
  return fetchJson('/demo/workstation/setup', workstationSetupSchema);
}

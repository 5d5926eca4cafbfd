import type { Database } from './database';

/**
 * Is this a patient of this hospital, by Huren's own records since `since`? A card issued there (an
 * order of its doctors), a report it filed (a visit there), or its own EHR opening the patient's chart
 * or orders (a signed hook call, in the access log). Never decided by what a request says.
 */
export async function seenAtHospital(
  db: Database,
  hospitalId: string,
  patientKey: string,
  since: string,
): Promise<boolean> {
  const prompted = await db('prompts')
    .where({ hospital_id: hospitalId, patient_key: patientKey })
    .andWhere('created_at', '>=', since)
    .first('id');
  if (prompted) return true;
  const reported = await db('results')
    .where({ institution_id: hospitalId, patient_key: patientKey })
    .andWhere('effective_at', '>=', since)
    .first('id');
  if (reported) return true;
  const opened = await db('access_log')
    .where({ hospital_id: hospitalId, patient_key: patientKey, actor_kind: 'cds-client' })
    .andWhere('at', '>=', since)
    .first('id');
  return opened !== undefined;
}

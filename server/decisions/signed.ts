import { SERVICE_IDS } from '../contract/cds-hooks';
import type { Prompt } from '../store/prompts';
import type { Database } from '../store/database';

/**
 * Whether Huren saw this order go through order-sign: a card at signing, or an unexplained repeat
 * logged for it. An order signed while Huren was unreachable leaves no trace here; the EHR's own
 * word (the app reads the order's status there) covers that case.
 */
export async function seenSigned(db: Database, prompt: Pick<Prompt, 'hospitalId' | 'patientKey' | 'orderRef'>): Promise<boolean> {
  if (!prompt.orderRef) return false;
  const row = await db('prompts as p')
    .leftJoin('unexplained_repeats as u', 'u.prompt_id', 'p.id')
    .where({ 'p.hospital_id': prompt.hospitalId, 'p.patient_key': prompt.patientKey, 'p.order_ref': prompt.orderRef })
    .andWhere((query) => query.where('p.service_id', SERVICE_IDS.orderSign).orWhereNotNull('u.prompt_id'))
    .first('p.id');
  return row !== undefined;
}

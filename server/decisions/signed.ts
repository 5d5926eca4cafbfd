import { SERVICE_IDS } from '../contract/cds-hooks';
import { orderSeenSigned, type Prompt } from '../store/prompts';
import type { Database } from '../store/database';

/**
 * Whether Huren saw this order go through order-sign: a card at signing, an unexplained repeat
 * logged for it, or a HIS reporting it signed. An order signed while Huren was unreachable leaves no trace here; the EHR's own
 * word (the app reads the order's status there) covers that case.
 */
export async function seenSigned(
  db: Database,
  prompt: Pick<Prompt, 'hospitalId' | 'patientKey' | 'orderRef'>,
): Promise<boolean> {
  if (!prompt.orderRef) return false;
  return orderSeenSigned(
    db,
    { hospitalId: prompt.hospitalId, patientKey: prompt.patientKey, orderRef: prompt.orderRef },
    SERVICE_IDS.orderSign,
  );
}

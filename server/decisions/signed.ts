import { SERVICE_IDS } from '../contract/cds-hooks';
import { orderSeenBy, type Prompt } from '../store/prompts';
import type { Database } from '../store/database';

/**
 * Whether Huren saw this order go through order-sign: a card at signing, or an unexplained repeat
 * logged for it. An order signed while Huren was unreachable leaves no trace here; the EHR's own
 * word (the app reads the order's status there) covers that case.
 */
export async function seenSigned(
  db: Database,
  prompt: Pick<Prompt, 'hospitalId' | 'patientKey' | 'orderRef'>,
): Promise<boolean> {
  if (!prompt.orderRef) return false;
  return orderSeenBy(
    db,
    { hospitalId: prompt.hospitalId, patientKey: prompt.patientKey, orderRef: prompt.orderRef },
    SERVICE_IDS.orderSign,
  );
}

import { orderKeyOf, type Prompt } from '../store/prompts';
import type { Presentation, Verdict } from '../../rules';
import type { OfferedCandidate } from '../contract/quality';
import type { Assessment } from './resolution';
import type { StoredResult } from '../store/results';

/** The prompt row for a prompt just rendered (a card, a HIS popup): who, where, which order and item, what was offered. */
export function promptFor(
  shown: { readonly id: string; readonly offered: readonly OfferedCandidate[] },
  call: { readonly serviceId: string; readonly hookInstance: string },
  assessment: Assessment,
  order: { orderRef: string | null; itemCode: string | null; presentation: Presentation },
  now: Date,
): Prompt {
  return {
    id: shown.id,
    serviceId: call.serviceId,
    hookInstance: call.hookInstance,
    hospitalId: assessment.hospital.id,
    userRef: assessment.user.ref,
    practitionerName: assessment.user.name,
    departmentCode: assessment.encounter.departmentCode,
    departmentName: assessment.encounter.departmentName,
    encounterRef: assessment.encounter.ref,
    encounterKind: assessment.encounter.kind,
    patientKey: assessment.patientKey,
    orderRef: order.orderRef,
    itemCode: order.itemCode,
    presentation: order.presentation,
    candidates: shown.offered,
    createdAt: now.toISOString(),
  };
}

/**
 * Each verdict's order identity (`orderKeyOf`), as its prompt is stored: by it, not by the draft id
 * alone, a sign-time call finds what was decided about this very order. Null without a draft id.
 */
export function orderKeys(
  assessment: Assessment,
  localDay: string,
): (verdict: Pick<Verdict<StoredResult>, 'orderId' | 'itemCode'>) => string | null {
  return (verdict) => {
    const orderRef = assessment.orders.find((order) => order.orderId === verdict.orderId)?.orderRef;
    if (!orderRef || !verdict.itemCode) return null;
    return orderKeyOf(
      {
        hospitalId: assessment.hospital.id,
        patientKey: assessment.patientKey,
        itemCode: verdict.itemCode,
        encounterRef: assessment.encounter.ref,
        orderRef,
      },
      localDay,
    );
  };
}

import type { Prompt } from '../store/prompts';
import type { Presentation } from '../../rules';
import type { HookRequest } from './cds-hooks';
import type { Assessment } from './assessment';
import type { RenderedCard } from './cards';

/** The prompt row for a card just rendered: who, where, which order and item, what was offered. */
export function promptFor(
  rendered: RenderedCard,
  request: HookRequest,
  serviceId: string,
  assessment: Assessment,
  order: { orderRef: string | null; itemCode: string | null; presentation: Presentation },
  now: Date,
): Prompt {
  return {
    id: rendered.card.uuid,
    serviceId,
    hookInstance: request.hookInstance,
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
    candidates: rendered.offered,
    createdAt: now.toISOString(),
  };
}

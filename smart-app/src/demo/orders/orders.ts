import type { DemoHospital, Orderable } from '../../../../server/contract/demo-workstation';
import { itemSearch } from '../../shared/item-search';
import { newId } from '../http/ids';

/**
 * The workstation's orders. Each has a fresh id, because Huren follows an order across hooks by its
 * reference (`ServiceRequest/<id>`): a prompt at order-select, its decision, the check at order-sign.
 */
export type OrderStatus =
  /** Unsigned: in every hook's draftOrders. */
  | 'draft'
  /** Taken off because the doctor accepted the external result instead (card or SMART app). */
  | 'accepted'
  /** Deleted by the doctor. */
  | 'removed'
  | 'signed';

export interface OrderCoding {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

export interface DraftOrder {
  readonly id: string;
  readonly itemCode: string;
  readonly coding: OrderCoding;
  /** Whether the order speaks the hospital's own code (mapped by its code mapping) or the regional one. */
  readonly local: boolean;
  readonly status: OrderStatus;
}

export const orderRef = (order: Pick<DraftOrder, 'id'>): string => `ServiceRequest/${order.id}`;

/** How this hospital's EHR orders the item: its local code when it has a mapping for it, else the regional code. */
export function orderCoding(
  orderable: Orderable,
  hospital: DemoHospital,
  regionalCodeSystem: string,
): { coding: OrderCoding; local: boolean } {
  const local = orderable.localCodes[hospital.id];
  if (local) return { coding: { system: local.system, code: local.code, display: local.name }, local: true };
  return { coding: { system: regionalCodeSystem, code: orderable.code, display: orderable.nameZh }, local: false };
}

export function newOrder(orderable: Orderable, hospital: DemoHospital, regionalCodeSystem: string): DraftOrder {
  return {
    id: `sr-${newId()}`,
    itemCode: orderable.code,
    ...orderCoding(orderable, hospital, regionalCodeSystem),
    status: 'draft',
  };
}

/** The order as a draft FHIR R4 ServiceRequest, the way the hooks' draftOrders carry it. */
export function serviceRequest(
  order: DraftOrder,
  context: { readonly patientKey: string; readonly encounterId: string; readonly doctorId: string },
): Record<string, unknown> {
  return {
    resourceType: 'ServiceRequest',
    id: order.id,
    status: order.status === 'signed' ? 'active' : 'draft',
    intent: 'order',
    code: { coding: [order.coding], text: order.coding.display },
    subject: { reference: `Patient/${context.patientKey}` },
    encounter: { reference: `Encounter/${context.encounterId}` },
    requester: { reference: `Practitioner/${context.doctorId}` },
  };
}

/**
 * The catalog search of one hospital's workstation: by name (Chinese, English, the hospital's own,
 * synonyms and abbreviations, also in pinyin or its initials) or by code (regional, local, LOINC).
 */
export function catalogSearch(
  catalog: readonly Orderable[],
  hospitalId: string,
): (query: string, limit?: number) => Orderable[] {
  return itemSearch(catalog, (item) => {
    const local = item.localCodes[hospitalId];
    return {
      names: [item.nameZh, item.nameEn, local?.name, ...item.synonyms],
      codes: [item.code, item.loinc, local?.code],
    };
  });
}

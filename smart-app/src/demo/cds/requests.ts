import type { DemoServiceId } from '../../../../server/contract/demo-workstation';
import type { Chart } from '../ehr/fhir';
import { newId } from '../http/ids';
import { serviceRequest, orderRef, type DraftOrder } from '../orders/orders';

/**
 * The hook requests the workstation sends, built as an EHR builds them: context from the open chart,
 * and prefetch filled from the EHR's own FHIR resources (the templates of our discovery document:
 * patient, encounter, and user).
 */

export interface HookSession {
  readonly chart: Chart;
  readonly patientKey: string;
  readonly doctorId: string;
  /** The demo EHR's FHIR endpoint (an EHR names its own in every call). */
  readonly fhirServer: string;
}

export interface HookCall {
  readonly service: DemoServiceId;
  readonly body: Record<string, unknown>;
}

function baseContext(session: HookSession) {
  return {
    userId: `Practitioner/${session.doctorId}`,
    patientId: session.patientKey,
    encounterId: session.chart.encounter.id,
  };
}

function draftBundle(orders: readonly DraftOrder[], session: HookSession) {
  const context = {
    patientKey: session.patientKey,
    encounterId: session.chart.encounter.id,
    doctorId: session.doctorId,
  };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: orders.map((order) => ({ resource: serviceRequest(order, context) })),
  };
}

function request(
  hook: string,
  session: HookSession,
  context: Record<string, unknown>,
  prefetch: Record<string, unknown>,
): Record<string, unknown> {
  return { hook, hookInstance: newId(), fhirServer: session.fhirServer, context, prefetch };
}

/** https://cds-hooks.org/hooks/patient-view/ — when the chart opens. */
export function patientView(session: HookSession): HookCall {
  const { patient, encounter } = session.chart;
  return {
    service: 'recognition-patient-view',
    body: request('patient-view', session, baseContext(session), { patient, encounter }),
  };
}

/** https://cds-hooks.org/hooks/order-select/ — the order just selected, among every unsigned one. */
export function orderSelect(session: HookSession, selected: DraftOrder, drafts: readonly DraftOrder[]): HookCall {
  const { patient, encounter, practitioner } = session.chart;
  const context = {
    ...baseContext(session),
    selections: [orderRef(selected)],
    draftOrders: draftBundle(drafts, session),
  };
  return {
    service: 'recognition-order-select',
    body: request('order-select', session, context, { patient, encounter, user: practitioner }),
  };
}

/** https://cds-hooks.org/hooks/order-sign/ — every order about to be signed. */
export function orderSign(session: HookSession, drafts: readonly DraftOrder[]): HookCall {
  const { patient, encounter, practitioner } = session.chart;
  const context = { ...baseContext(session), draftOrders: draftBundle(drafts, session) };
  return {
    service: 'recognition-order-sign',
    body: request('order-sign', session, context, { patient, encounter, user: practitioner }),
  };
}

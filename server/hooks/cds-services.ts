import type { z } from 'zod';
import {
  hookRequestSchema,
  orderSelectContextSchema,
  orderSignContextSchema,
  patientViewContextSchema,
  SERVICE_IDS,
  type HookRequest,
  type HookResponse,
  type ServiceDefinition,
  type ServiceId,
} from '../contract/cds-hooks';
import { invalidInput } from '../errors/operation-outcome';
import type { Messages } from '../i18n';
import { ownValue } from '../web/own-key';
import { PREFETCH } from '../fhir/context';
import type { HookCall } from './hook-call';
import { orderHookHandler } from './order-hooks';
import { patientViewHandler } from './patient-view';

/** One CDS service, whole: what discovery shows of it, what a call must look like, and what answers it. */
export interface CdsService {
  readonly id: ServiceId;
  readonly hook: 'patient-view' | 'order-select' | 'order-sign';
  /** Its title and description in the server's catalogs (`serviceTitle`, `serviceDescription`). */
  readonly messageKey: keyof Messages['serviceTitle'] & keyof Messages['serviceDescription'];
  readonly prefetch: Readonly<Record<string, string>>;
  readonly requestSchema: z.ZodType<HookRequest>;
  readonly handle: (call: HookCall) => Promise<HookResponse>;
}

const { patient, encounter, user } = PREFETCH;

export const CDS_SERVICES: readonly CdsService[] = [
  {
    id: SERVICE_IDS.patientView,
    hook: 'patient-view',
    messageKey: 'patientView',
    prefetch: { patient, encounter },
    requestSchema: hookRequestSchema('patient-view', patientViewContextSchema),
    handle: patientViewHandler,
  },
  {
    id: SERVICE_IDS.orderSelect,
    hook: 'order-select',
    messageKey: 'orderSelect',
    prefetch: { patient, encounter, user },
    requestSchema: hookRequestSchema('order-select', orderSelectContextSchema),
    handle: orderHookHandler,
  },
  {
    id: SERVICE_IDS.orderSign,
    hook: 'order-sign',
    messageKey: 'orderSign',
    prefetch: { patient, encounter, user },
    requestSchema: hookRequestSchema('order-sign', orderSignContextSchema),
    handle: orderHookHandler,
  },
];

const BY_ID: Readonly<Record<string, CdsService>> = Object.fromEntries(
  CDS_SERVICES.map((service) => [service.id, service]),
);
const BY_HOOK: Readonly<Record<string, CdsService>> = Object.fromEntries(
  CDS_SERVICES.map((service) => [service.hook, service]),
);

export const serviceById = (id: string): CdsService | undefined => ownValue(BY_ID, id);
export const serviceByHook = (hook: string): CdsService | undefined => ownValue(BY_HOOK, hook);

/** The discovery document is data: https://cds-hooks.hl7.org/2.0/#discovery */
export function serviceDefinitions(messages: Messages): ServiceDefinition[] {
  return CDS_SERVICES.map(({ hook, id, messageKey, prefetch }) => ({
    hook,
    id,
    title: messages.serviceTitle[messageKey],
    description: messages.serviceDescription[messageKey],
    prefetch,
  }));
}

/** Validates a call of one of our services; 400 with an OperationOutcome naming the field otherwise. */
export function validHookRequest(service: CdsService, body: unknown): HookRequest {
  const parsed = service.requestSchema.safeParse(body);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

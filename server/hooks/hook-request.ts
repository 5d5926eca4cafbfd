import { invalidInput } from '../errors/operation-outcome';
import {
  hookRequestSchema, orderSelectContextSchema, orderSignContextSchema, patientViewContextSchema, type HookRequest,
} from '../contract/cds-hooks';
import type { ServiceId } from '../contract/cds-hooks';

const VALIDATORS = {
  'recognition-patient-view': hookRequestSchema('patient-view', patientViewContextSchema),
  'recognition-order-select': hookRequestSchema('order-select', orderSelectContextSchema),
  'recognition-order-sign': hookRequestSchema('order-sign', orderSignContextSchema),
} as const;

/** Validates a hook call for one of our services; 400 with an OperationOutcome naming the field otherwise. */
export function hookRequestValidator(serviceId: ServiceId, body: unknown): HookRequest {
  const parsed = VALIDATORS[serviceId].safeParse(body);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

import type { Messages } from '../i18n';
import { SERVICE_IDS, type ServiceDefinition, type ServiceId } from '../contract/cds-hooks';
import { PREFETCH } from './fhir-context';

export const HOOK_OF: Record<ServiceId, 'patient-view' | 'order-select' | 'order-sign'> = {
  'recognition-patient-view': 'patient-view',
  'recognition-order-select': 'order-select',
  'recognition-order-sign': 'order-sign',
};

/** The discovery document is data: https://cds-hooks.hl7.org/2.0/#discovery */
export function serviceDefinitions(messages: Messages): ServiceDefinition[] {
  const { patient, encounter, user } = PREFETCH;
  return [
    {
      hook: 'patient-view',
      id: SERVICE_IDS.patientView,
      title: messages.serviceTitle.patientView,
      description: messages.serviceDescription.patientView,
      prefetch: { patient, encounter },
    },
    {
      hook: 'order-select',
      id: SERVICE_IDS.orderSelect,
      title: messages.serviceTitle.orderSelect,
      description: messages.serviceDescription.orderSelect,
      prefetch: { patient, encounter, user },
    },
    {
      hook: 'order-sign',
      id: SERVICE_IDS.orderSign,
      title: messages.serviceTitle.orderSign,
      description: messages.serviceDescription.orderSign,
      prefetch: { patient, encounter, user },
    },
  ];
}

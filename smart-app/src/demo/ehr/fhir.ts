import { z } from 'zod';
import { fetchJson } from '../http/fetch-json';

/**
 * The demo EHR's own FHIR server (/demo/fhir): where the workstation reads what it prefetches for
 * the hooks, as a real EHR fills prefetch from its own data, and the patient's record, where the
 * SMART app writes an accepted external result back.
 */

/** Read on the page's own origin, whatever address PUBLIC_URL gives the server. */
const FHIR_BASE = '/demo/fhir';

const resourceOf = <T extends string>(type: T) => z.looseObject({ resourceType: z.literal(type), id: z.string() });
export type FhirResource = Readonly<Record<string, unknown>> & { readonly resourceType: string; readonly id: string };

/** What the hooks need about the open chart: the resources prefetched, and the encounter's id. */
export interface Chart {
  readonly patient: FhirResource;
  readonly encounter: FhirResource;
  readonly practitioner: FhirResource;
}

/** `enc-<patient>-<doctor>`, with `-er` for an emergency visit (server/demo/fhir-server.ts). */
export function encounterId(patientKey: string, doctorId: string, emergency: boolean): string {
  return `enc-${patientKey}-${doctorId}${emergency ? '-er' : ''}`;
}

export async function openChart(patientKey: string, doctorId: string, emergency: boolean): Promise<Chart> {
  const read = <T extends string>(type: T, id: string) =>
    fetchJson(`${FHIR_BASE}/${type}/${encodeURIComponent(id)}`, resourceOf(type), {
      headers: { accept: 'application/fhir+json' },
    });
  const [patient, encounter, practitioner] = await Promise.all([
    read('Patient', patientKey),
    read('Encounter', encounterId(patientKey, doctorId, emergency)),
    read('Practitioner', doctorId),
  ]);
  return { patient, encounter, practitioner };
}

const observationSchema = z.looseObject({
  resourceType: z.string(),
  code: z.looseObject({ text: z.string().optional() }).optional(),
  valueString: z.string().optional(),
  valueQuantity: z
    .looseObject({ value: z.number().optional(), comparator: z.string().optional(), unit: z.string().optional() })
    .optional(),
});

const diagnosticReportSchema = z.looseObject({
  resourceType: z.literal('DiagnosticReport'),
  id: z.string(),
  code: z.looseObject({ text: z.string().optional() }).optional(),
  effectiveDateTime: z.string().optional(),
  issued: z.string().optional(),
  performer: z.array(z.looseObject({ display: z.string().optional() })).optional(),
  conclusion: z.string().optional(),
  contained: z.array(observationSchema).optional(),
});
export type RecordReport = z.infer<typeof diagnosticReportSchema>;

const searchsetSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.looseObject({ resource: diagnosticReportSchema })).optional(),
});

/** The DiagnosticReports in the patient's record (those the SMART app wrote back), newest first. */
export async function loadRecord(patientKey: string): Promise<RecordReport[]> {
  const bundle = await fetchJson(
    `${FHIR_BASE}/DiagnosticReport?patient=${encodeURIComponent(patientKey)}`,
    searchsetSchema,
    { headers: { accept: 'application/fhir+json' } },
  );
  const reports = (bundle.entry ?? []).map((entry) => entry.resource);
  return reports.sort((a, b) => (b.issued ?? '').localeCompare(a.issued ?? ''));
}

/** The signed orders into the EHR's record (status `active`), where the SMART app can see they were signed. */
export async function saveSignedOrders(resources: readonly Record<string, unknown>[]): Promise<void> {
  await Promise.all(
    resources.map((resource) =>
      fetchJson(
        `${FHIR_BASE}/ServiceRequest/${encodeURIComponent(String(resource.id))}`,
        resourceOf('ServiceRequest'),
        {
          method: 'PUT',
          body: resource,
          headers: { accept: 'application/fhir+json' },
        },
      ),
    ),
  );
}

import type { z } from 'zod';
import { badRequest } from '../errors/operation-outcome';
import { encounterSchema, patientSchema, practitionerSchema, type Encounter, type Patient, type Practitioner } from '../fhir/resources';
import type { Metrics } from '../health/metrics';
import type { HookRequest } from './cds-hooks';
import { readFromEhr } from './ehr-fhir';
import type { FhirServerVerdict } from './fhir-server-policy';

/** Whether the request's fhirServer may be read, decided once per call before the first read. */
export type FhirServerAccess = () => Promise<FhirServerVerdict>;

/** The prefetch keys our services declare in discovery. */
export const PREFETCH = {
  patient: 'Patient/{{context.patientId}}',
  encounter: 'Encounter/{{context.encounterId}}',
  user: '{{context.userId}}',
} as const;

export type Obtained<T> =
  | { readonly state: 'found'; readonly resource: T }
  /** The client looked and there is nothing (prefetch `null`, or 404 from the FHIR server). */
  | { readonly state: 'absent' }
  /** Neither prefetched nor fetchable in time. */
  | { readonly state: 'unavailable'; readonly reason: string };

function isOperationOutcome(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === 'OperationOutcome';
}

/**
 * Prefetch first. A missing key (or an OperationOutcome in its place) means the client did not
 * satisfy it: fall back to the FHIR server within the remaining budget. `null` means "none".
 */
async function obtain<T>(
  key: keyof typeof PREFETCH,
  schema: z.ZodType<T>,
  relativeUrl: string | null,
  request: HookRequest,
  deadline: number,
  metrics: Metrics,
  now: () => number,
  access: FhirServerAccess,
): Promise<Obtained<T>> {
  const prefetch = request.prefetch ?? {};
  if (key in prefetch && !isOperationOutcome(prefetch[key])) {
    const value = prefetch[key];
    if (value === null) return { state: 'absent' };
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw badRequest(`prefetch.${key}: ${parsed.error.issues[0]?.message ?? 'invalid resource'}`, `prefetch.${key}`);
    return { state: 'found', resource: parsed.data };
  }
  if (!relativeUrl) return { state: 'absent' };
  const verdict = request.fhirServer ? await access() : 'allowed';
  if (verdict !== 'allowed') {
    metrics.prefetchFallbacks.inc({ resource: key, outcome: verdict });
    return { state: 'unavailable', reason: verdict };
  }
  const fetched = await readFromEhr(request.fhirServer, request.fhirAuthorization, relativeUrl, deadline - now());
  if (!fetched.ok) {
    metrics.prefetchFallbacks.inc({ resource: key, outcome: fetched.reason });
    return fetched.reason === 'not-found' ? { state: 'absent' } : { state: 'unavailable', reason: fetched.reason };
  }
  const parsed = schema.safeParse(fetched.body);
  metrics.prefetchFallbacks.inc({ resource: key, outcome: parsed.success ? 'found' : 'not-a-resource' });
  return parsed.success ? { state: 'found', resource: parsed.data } : { state: 'unavailable', reason: 'not-a-resource' };
}

export interface FhirContext {
  readonly patient: Obtained<Patient>;
  readonly encounter: Obtained<Encounter>;
  readonly user: Obtained<Practitioner>;
}

/** Only well-formed `Type/id` reads go to the EHR, never a path the caller composed. */
function relative(reference: string | undefined, type: string): string | null {
  const match = reference ? /^(?:([A-Z][A-Za-z]+)\/)?([A-Za-z0-9\-.]{1,64})$/.exec(reference) : null;
  if (!match) return null;
  return `${match[1] ?? type}/${match[2]}`;
}

/** Patient, encounter and user, fetched in parallel so the slowest alone sets the wait. */
export async function gatherFhirContext(request: HookRequest, deadline: number, metrics: Metrics, now: () => number, access: FhirServerAccess): Promise<FhirContext> {
  const { context } = request;
  const [patient, encounter, user] = await Promise.all([
    obtain('patient', patientSchema, relative(context.patientId, 'Patient'), request, deadline, metrics, now, access),
    obtain('encounter', encounterSchema, relative(context.encounterId, 'Encounter'), request, deadline, metrics, now, access),
    obtain('user', practitionerSchema, /^(Practitioner|PractitionerRole)\//.test(context.userId ?? '') ? relative(context.userId, 'Practitioner') : null, request, deadline, metrics, now, access),
  ]);
  return { patient, encounter, user };
}

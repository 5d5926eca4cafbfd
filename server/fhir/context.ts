import type { z } from 'zod';
import { badRequest } from '../errors/operation-outcome';
import {
  encounterSchema,
  patientSchema,
  practitionerSchema,
  type Encounter,
  type Patient,
  type Practitioner,
} from '../contract/fhir';
import type { Metrics } from '../health/metrics';
import type { HookRequest } from '../contract/cds-hooks';
import type { AddressVerdict } from './ehr-address';
import { readFromEhr } from './ehr-client';

/** The addresses of the request's fhirServer Huren may connect to, resolved and checked once per call. */
export type FhirServerAddresses = () => Promise<AddressVerdict>;

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
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'OperationOutcome'
  );
}

/** Told which top-level fields of a resource were set aside as unreadable (names only, never values). */
export type DroppedFields = (key: keyof typeof PREFETCH, fields: readonly string[]) => void;

/**
 * The resource as far as our model reads it: top-level fields that do not fit (an R5 `class` array,
 * an extension-heavy `name`) are set aside rather than sinking the call. Null when it is not the
 * resource at all (another resourceType) or still does not fit without them.
 */
function readable<T>(schema: z.ZodType<T>, value: unknown): { resource: T; dropped: string[] } | { error: z.ZodError } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { resource: parsed.data, dropped: [] };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: parsed.error };
  const dropped = [
    ...new Set(
      parsed.error.issues.flatMap((issue) =>
        typeof issue.path[0] === 'string' && issue.path[0] !== 'resourceType' ? [issue.path[0]] : [],
      ),
    ),
  ];
  if (dropped.length === 0) return { error: parsed.error };
  const again = schema.safeParse(
    Object.fromEntries(Object.entries(value).filter(([field]) => !dropped.includes(field))),
  );
  return again.success ? { resource: again.data, dropped } : { error: parsed.error };
}

/**
 * Prefetch first. A missing key (or an OperationOutcome in its place) means the client did not
 * satisfy it: fall back to the FHIR server within the remaining budget. `null` means "none".
 */
async function obtain<T>(
  key: keyof typeof PREFETCH,
  schema: z.ZodType<T>,
  relativeUrl: string | null,
  reading: FhirReading,
): Promise<Obtained<T>> {
  const { request, deadline, metrics, now, addresses, onDropped } = reading;
  const prefetch = request.prefetch ?? {};
  if (Object.hasOwn(prefetch, key) && !isOperationOutcome(prefetch[key])) {
    const value = prefetch[key];
    if (value === null) return { state: 'absent' };
    const read = readable(schema, value);
    if ('error' in read) {
      // Without the Patient nothing can be matched: that one is the caller's to fix. Encounter and
      // user only add context: answer without them.
      if (key === 'patient')
        throw badRequest(`prefetch.${key}: ${read.error.issues[0]?.message ?? 'invalid resource'}`, `prefetch.${key}`);
      onDropped(key, ['*']);
      return { state: 'unavailable', reason: 'unreadable' };
    }
    if (read.dropped.length > 0) onDropped(key, read.dropped);
    return { state: 'found', resource: read.resource };
  }
  if (!relativeUrl) return { state: 'absent' };
  const fetched = await readFromEhr(
    request.fhirServer,
    request.fhirAuthorization,
    relativeUrl,
    deadline - now(),
    addresses,
  );
  if (!fetched.ok) {
    metrics.prefetchFallbacks.inc({ resource: key, outcome: fetched.reason });
    return fetched.reason === 'not-found' ? { state: 'absent' } : { state: 'unavailable', reason: fetched.reason };
  }
  const read = readable(schema, fetched.body);
  metrics.prefetchFallbacks.inc({ resource: key, outcome: 'error' in read ? 'not-a-resource' : 'found' });
  if ('error' in read) return { state: 'unavailable', reason: 'not-a-resource' };
  if (read.dropped.length > 0) onDropped(key, read.dropped);
  return { state: 'found', resource: read.resource };
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

/** One hook call's reading of its FHIR context: the request, its deadline, and where to report. */
export interface FhirReading {
  readonly request: HookRequest;
  readonly deadline: number;
  readonly metrics: Metrics;
  readonly now: () => number;
  /** Only for a fhirServer the caller registered: assess() refuses the call otherwise. */
  readonly addresses: FhirServerAddresses;
  readonly onDropped: DroppedFields;
}

/** Patient, encounter and user, fetched in parallel so the slowest alone sets the wait. */
export async function gatherFhirContext(reading: FhirReading): Promise<FhirContext> {
  const { context } = reading.request;
  const [patient, encounter, user] = await Promise.all([
    obtain('patient', patientSchema, relative(context.patientId, 'Patient'), reading),
    obtain('encounter', encounterSchema, relative(context.encounterId, 'Encounter'), reading),
    obtain(
      'user',
      practitionerSchema,
      /^(Practitioner|PractitionerRole)\//.test(context.userId ?? '') ? relative(context.userId, 'Practitioner') : null,
      reading,
    ),
  ]);
  return { patient, encounter, user };
}

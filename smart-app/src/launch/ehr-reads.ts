import type Client from 'fhirclient/lib/Client';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import {
  encounterSchema,
  patientSchema,
  practitionerSchema,
  serviceRequestSchema,
  type Identifier,
  type Patient,
} from '../../../server/contract/fhir';
import { writtenName } from '../../../server/contract/human-name';

/**
 * What the app reads from the EHR's FHIR server once launched: who the user and the patient are, the
 * visit's number for the printed sheet, and whether an order is signed. Every read is optional to the
 * app: one the EHR will not answer gives null, never an error.
 */

/** The doctor using the app, as the decision API records them. */
export interface LaunchPractitioner {
  readonly ref: string;
  readonly name: string | null;
}

/** The number the hospital files the visit under: 门诊号 for a clinic or emergency visit, 住院号 for an admission. */
export interface RecordNumber {
  readonly kind: 'outpatient' | 'inpatient';
  readonly value: string;
}

export interface PatientSummary {
  readonly name: string | null;
  readonly gender: 'male' | 'female' | 'other' | 'unknown' | null;
  readonly birthDate: string | null;
  /** The resident ID number, for the printed sheet (masked there). */
  readonly nationalId: string | null;
  readonly recordNumber: RecordNumber | null;
}

const GENDERS = ['male', 'female', 'other', 'unknown'] as const;
const genderOf = (gender: string | undefined): PatientSummary['gender'] =>
  GENDERS.find((known) => known === gender) ?? null;

const idTokenClaimsSchema = z.object({ fhirUser: z.string().optional(), profile: z.string().optional() });

/**
 * The user's reference (`Practitioner/123`) from the id token's `fhirUser` claim (`profile` in
 * SMART 1). Decoded with jose: fhirclient decodes the token with atob, which refuses base64url's `-`/`_`.
 */
function fhirUserOf(idToken: unknown): string | null {
  if (typeof idToken !== 'string') return null;
  try {
    const claims = idTokenClaimsSchema.safeParse(decodeJwt(idToken));
    const user = claims.success ? (claims.data.fhirUser ?? claims.data.profile) : undefined;
    // Some EHRs send the absolute URL; its last two segments are the reference.
    return user ? user.split('/').slice(-2).join('/') : null;
  } catch {
    return null;
  }
}

export async function readPractitioner(client: Client): Promise<LaunchPractitioner | null> {
  const ref = fhirUserOf(client.state.tokenResponse?.id_token);
  if (!ref) return null;
  try {
    const parsed = practitionerSchema.safeParse(await client.request(ref));
    return { ref, name: parsed.success ? writtenName(parsed.data.name) : null };
  } catch {
    // The user is known by reference even when their resource cannot be read; the name is optional.
    return { ref, name: null };
  }
}

/** The resident ID card's system (GB 11643), as Chinese EHRs and our hooks name it, or an identifier typed as national. */
const NATIONAL_ID_SYSTEM = 'urn:oid:2.16.156.10011.1.3';
const typed = (identifier: Identifier, codes: readonly string[]): boolean =>
  (identifier.type?.coding ?? []).some((coding) => codes.includes(coding.code ?? ''));
const valueOf = (
  identifiers: readonly Identifier[] | undefined,
  pick: (identifier: Identifier) => boolean,
): string | null =>
  identifiers?.find((identifier) => pick(identifier) && identifier.value?.trim())?.value?.trim() ?? null;

const INPATIENT_CLASSES = ['IMP', 'ACUTE', 'NONAC'];

/**
 * 门诊号/住院号: the encounter's visit number (typed VN, else its first identifier), else the
 * patient's medical record number (typed MR). An admission is 住院, anything else 门诊.
 */
async function readRecordNumber(client: Client, patient: Patient): Promise<RecordNumber | null> {
  let encounter: z.infer<typeof encounterSchema> | null = null;
  if (client.encounter.id) {
    try {
      const parsed = encounterSchema.safeParse(await client.encounter.read());
      encounter = parsed.success ? parsed.data : null;
    } catch {
      // The sheet falls back to the patient's record number, or leaves the line to fill in by hand.
      encounter = null;
    }
  }
  const kind = INPATIENT_CLASSES.includes(encounter?.class?.code ?? '') ? 'inpatient' : 'outpatient';
  const value =
    valueOf(encounter?.identifier, (identifier) => typed(identifier, ['VN'])) ??
    valueOf(encounter?.identifier, () => true) ??
    valueOf(patient.identifier, (identifier) => typed(identifier, ['MR']));
  return value ? { kind, value } : null;
}

export async function readPatient(client: Client): Promise<PatientSummary | null> {
  if (!client.patient.id) return null;
  try {
    const parsed = patientSchema.safeParse(await client.patient.read());
    if (!parsed.success) return null;
    const person = parsed.data;
    return {
      name: writtenName(person.name),
      gender: genderOf(person.gender),
      birthDate: person.birthDate ?? null,
      nationalId: valueOf(
        person.identifier,
        (identifier) => identifier.system === NATIONAL_ID_SYSTEM || typed(identifier, ['NNCHN', 'NI']),
      ),
      recordNumber: await readRecordNumber(client, person),
    };
  } catch {
    // Only the printed notification sheet needs the patient; it leaves blanks to fill in by hand.
    return null;
  }
}

export async function orderSigned(client: Client, orderRef: string): Promise<boolean | null> {
  try {
    const order = serviceRequestSchema.safeParse(await client.request(orderRef));
    // A draft is unsigned; every other status (active, on-hold, completed, revoked…) comes after signing.
    return order.success && order.data.status ? order.data.status !== 'draft' : null;
  } catch {
    // An EHR that does not keep the order yet (unsigned) or will not show it: nothing is claimed.
    return null;
  }
}

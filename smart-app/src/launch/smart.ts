import * as browserAdapter from 'fhirclient/lib/adapters/BrowserAdapter';
import type Client from 'fhirclient/lib/Client';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { writtenName } from '../../../server/contract/human-name';
import { appUrl } from '../app/base-path';
import { LaunchError } from '../app/launch-error';

/**
 * The SMART on FHIR launch, and the only module that knows fhirclient. It starts the launch on
 * /app/launch (EHR launch with `launch` and `iss`, or standalone with `iss` alone), completes it on
 * /app/, reads the card the EHR handed over in `appContext`, and talks to the EHR's FHIR server for
 * the rest of the app: who the user and the patient are, and writing an accepted result back.
 */

/** What writing an accepted result into the EHR's record came to, as the decision API records it. */
export interface WriteBackReport {
  readonly status: 'written' | 'refused';
  readonly detail: string | null;
}

const appConfigSchema = z.object({ clientId: z.string().min(1), scope: z.string().min(1) });

/** What the card put in `appContext`: the prompt to decide and the token our API accepts for it. */
const cardIdentitySchema = z.object({ promptId: z.string().min(1), token: z.string().min(1) });
export type CardIdentity = z.infer<typeof cardIdentitySchema>;

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

/** What the launch proves, for renewing an expired card token: the EHR, its access token and the patient in context. */
export interface LaunchProof {
  readonly fhirServer: string;
  readonly accessToken: string;
  readonly patientId: string;
}

export interface SmartSession {
  /** Null when the EHR's SMART server handed over no appContext: the app then lists the patient's open cards. */
  readonly card: CardIdentity | null;
  /** Null when the launch had no access token or no patient (then an expired card cannot be renewed). */
  readonly proof: LaunchProof | null;
  /** Null when the EHR did not say who the user is (no `fhirUser` in the id token). */
  readonly practitioner: Promise<LaunchPractitioner | null>;
  /** Null when the EHR gave no patient or would not let us read it. */
  readonly patient: Promise<PatientSummary | null>;
  /** Creates the resource in the EHR's record for the patient in context; never rejects. */
  writeToRecord(resource: Record<string, unknown>): Promise<WriteBackReport>;
  /** Whether the EHR shows the order (`ServiceRequest/…`) as signed; null when it cannot be read. Never rejects. */
  orderSigned(orderRef: string): Promise<boolean | null>;
}

/** A session with the card to decide: from appContext, or chosen among the launch patient's open cards. */
export type CardSession = SmartSession & { readonly card: CardIdentity };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

type BrowserAdapterClass = typeof browserAdapter.default;

/**
 * fhirclient is CommonJS (`exports.default = class`). The Vite build imports it the Node way, where
 * the default is the whole `exports`; vitest hands over the class itself. Both are taken.
 */
const BrowserAdapter = ((): BrowserAdapterClass => {
  const imported: unknown = browserAdapter.default;
  return typeof imported === 'function'
    ? (imported as BrowserAdapterClass)
    : (imported as { readonly default: BrowserAdapterClass }).default;
})();

/**
 * A new adapter for every step, because fhirclient's shared browser adapter keeps the page address
 * it saw first; each step must read the address it runs on (`iss`/`launch`, then `code`/`state`).
 */
const smartApi = () => new BrowserAdapter().getSmartApi();

async function loadAppConfig(): Promise<z.infer<typeof appConfigSchema>> {
  const url = appUrl('/config.json');
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new LaunchError('unreachable', messageOf(error));
  }
  if (!response.ok) throw new LaunchError('unreachable', `HTTP ${response.status} ${url}`);
  const parsed = appConfigSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new LaunchError('unexpected', `${url}: ${parsed.error.message}`);
  return parsed.data;
}

let starting: Promise<string> | null = null;

/**
 * Starts the launch on the page the EHR opened (`/app/launch?launch=…&iss=…`) and answers the
 * authorization server's URL to go to; the caller navigates, so the step can be driven without one.
 * Once per page load: two concurrent starts (React mounting twice) would each drop the other's state.
 */
export function beginLaunch(): Promise<string> {
  starting ??= start();
  return starting;
}

async function start(): Promise<string> {
  if (!new URL(window.location.href).searchParams.get('iss')) throw new LaunchError('no-iss');
  const config = await loadAppConfig();
  let url: string | void;
  try {
    url = await smartApi().authorize({
      clientId: config.clientId,
      scope: config.scope,
      redirectUri: appUrl('/'),
      // PKCE whenever the server declares S256 (SMART 2 servers must); older servers still launch.
      pkceMode: 'ifSupported',
      // Inside an EHR frame the launch completes in that frame, not in a parent window.
      completeInTarget: true,
      noRedirect: true,
    });
  } catch (error) {
    throw new LaunchError('authorization', messageOf(error));
  }
  if (typeof url !== 'string')
    throw new LaunchError('authorization', 'the authorization server gave no address to go to');
  return url;
}

let completion: Promise<SmartSession> | null = null;

/**
 * Completes the launch on /app/: exchanges the code (PKCE verifier included) and reads the card.
 * Once per page load: React may mount the page twice, and a second exchange would find the code
 * already taken out of the address.
 */
export function completeLaunch(): Promise<SmartSession> {
  completion ??= connect();
  return completion;
}

async function connect(): Promise<SmartSession> {
  let client: Client;
  try {
    client = await smartApi().ready();
  } catch (error) {
    throw new LaunchError('authorization', messageOf(error));
  }
  // fhirclient types the token response loosely; appContext is whatever the EHR sent.
  const appContext: unknown = client.state.tokenResponse?.appContext;
  const accessToken = client.state.tokenResponse?.access_token;
  const patientId = client.patient.id;
  return {
    card: cardIdentityFrom(appContext),
    proof:
      accessToken && patientId
        ? { fhirServer: client.state.serverUrl, accessToken, patientId: String(patientId) }
        : null,
    practitioner: readPractitioner(client),
    patient: readPatient(client),
    writeToRecord: (resource) => writeToRecord(client, resource),
    orderSigned: (orderRef) => orderSigned(client, orderRef),
  };
}

/**
 * SMART defines appContext as a string; ours holds the JSON `{promptId, token}` the card wrote. Many
 * EHRs' SMART servers cannot pass one: none is not an error (the launch's patient stands in), a broken
 * one is.
 */
function cardIdentityFrom(appContext: unknown): CardIdentity | null {
  if (appContext === undefined || appContext === null || appContext === '') return null;
  if (typeof appContext !== 'string') throw new LaunchError('bad-card', 'appContext is not a string');
  let value: unknown;
  try {
    value = JSON.parse(appContext);
  } catch {
    throw new LaunchError('bad-card', 'appContext is not JSON');
  }
  const parsed = cardIdentitySchema.safeParse(value);
  if (!parsed.success) throw new LaunchError('bad-card', 'appContext has no promptId and token');
  return parsed.data;
}

const humanNameSchema = z.object({
  use: z.string().optional(),
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
});
const identifierSchema = z.object({
  system: z.string().optional(),
  value: z.string().optional(),
  type: z.object({ coding: z.array(z.object({ code: z.string().optional() })).optional() }).optional(),
});
type Identifier = z.infer<typeof identifierSchema>;

const personSchema = z.object({
  identifier: z.array(identifierSchema).optional(),
  name: z.array(humanNameSchema).optional(),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  birthDate: z.string().optional(),
});

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

async function readPractitioner(client: Client): Promise<LaunchPractitioner | null> {
  const ref = fhirUserOf(client.state.tokenResponse?.id_token);
  if (!ref) return null;
  try {
    const parsed = personSchema.safeParse(await client.request(ref));
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

const encounterSchema = z.object({
  identifier: z.array(identifierSchema).optional(),
  class: z.object({ code: z.string().optional() }).optional(),
});
const INPATIENT_CLASSES = ['IMP', 'ACUTE', 'NONAC'];

/**
 * 门诊号/住院号: the encounter's visit number (typed VN, else its first identifier), else the
 * patient's medical record number (typed MR). An admission is 住院, anything else 门诊.
 */
async function readRecordNumber(client: Client, patient: z.infer<typeof personSchema>): Promise<RecordNumber | null> {
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

async function readPatient(client: Client): Promise<PatientSummary | null> {
  if (!client.patient.id) return null;
  try {
    const parsed = personSchema.safeParse(await client.patient.read());
    if (!parsed.success) return null;
    const person = parsed.data;
    return {
      name: writtenName(person.name),
      gender: person.gender ?? null,
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

const orderStatusSchema = z.object({ resourceType: z.literal('ServiceRequest'), status: z.string() });

async function orderSigned(client: Client, orderRef: string): Promise<boolean | null> {
  try {
    const order = orderStatusSchema.safeParse(await client.request(orderRef));
    // A draft is unsigned; every other status (active, on-hold, completed, revoked…) comes after signing.
    return order.success ? order.data.status !== 'draft' : null;
  } catch {
    // An EHR that does not keep the order yet (unsigned) or will not show it: nothing is claimed.
    return null;
  }
}

const createdSchema = z.object({ resourceType: z.string(), id: z.string().min(1) });

async function writeToRecord(client: Client, resource: Record<string, unknown>): Promise<WriteBackReport> {
  const patientId = client.patient.id;
  if (!patientId) return { status: 'refused', detail: 'the SMART launch has no patient in context' };
  try {
    const { body, response } = await client.create(
      { ...resource, subject: { reference: `Patient/${patientId}` } },
      { includeResponse: true },
    );
    const created = createdSchema.safeParse(body);
    // A server answering `return=minimal` sends no body, only where it put the resource.
    return {
      status: 'written',
      detail: created.success ? `${created.data.resourceType}/${created.data.id}` : response.headers.get('location'),
    };
  } catch (error) {
    return { status: 'refused', detail: refusalDetail(error) };
  }
}

const operationOutcomeSchema = z.object({
  resourceType: z.literal('OperationOutcome'),
  issue: z.array(
    z.object({
      code: z.string().optional(),
      diagnostics: z.string().optional(),
      details: z.object({ text: z.string().optional() }).optional(),
    }),
  ),
});

/** fhirclient's HttpError, recognised by its shape (its class does not survive the bundler's CommonJS interop). */
const httpErrorSchema = z.object({
  name: z.literal('HttpError'),
  status: z.number(),
  statusText: z.string(),
  message: z.string(),
});

/** "HTTP 403 Forbidden: <what the EHR's OperationOutcome says>", or the network error. */
function refusalDetail(error: unknown): string {
  const http = httpErrorSchema.safeParse(error);
  if (!http.success) return messageOf(error);
  const status = [`HTTP ${http.data.status}`, http.data.statusText].filter(Boolean).join(' ');
  const said = outcomeText(http.data.message);
  return said ? `${status}: ${said}` : status;
}

/**
 * fhirclient reads the error body into the error's message (after a blank line, as JSON) and leaves
 * the response consumed, so the OperationOutcome can only be had back from there.
 */
function outcomeText(message: string): string | null {
  const start = message.indexOf('\n\n');
  if (start < 0) return null;
  let body: unknown;
  try {
    body = JSON.parse(message.slice(start + 2));
  } catch {
    return null;
  }
  const outcome = operationOutcomeSchema.safeParse(body);
  if (!outcome.success) return null;
  const texts = outcome.data.issue
    .map((issue) => issue.diagnostics ?? issue.details?.text ?? issue.code)
    .filter((text): text is string => Boolean(text));
  return texts.length > 0 ? texts.join('; ') : null;
}

import * as browserAdapter from 'fhirclient/lib/adapters/BrowserAdapter';
import type Client from 'fhirclient/lib/Client';
import { z } from 'zod';
import { appUrl } from '../shared/base-path';
import { LaunchError } from '../shared/launch-error';
import { orderSigned, readPatient, readPractitioner, type LaunchPractitioner, type PatientSummary } from './ehr-reads';
import { writeToRecord, type WriteBackReport } from './write-back';

/**
 * The SMART on FHIR launch: it starts the launch on /app/launch (EHR launch with `launch` and `iss`,
 * or standalone with `iss` alone), completes it on /app/ and reads the card the EHR handed over in
 * `appContext`. The session it answers talks to the EHR's FHIR server through ./ehr-reads and
 * ./write-back; these three are the only modules that know fhirclient.
 */

const appConfigSchema = z.object({ clientId: z.string().min(1), scope: z.string().min(1) });

/** What the card put in `appContext`: the prompt to decide and the token our API accepts for it. */
const cardIdentitySchema = z.object({ promptId: z.string().min(1), token: z.string().min(1) });
export type CardIdentity = z.infer<typeof cardIdentitySchema>;

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

import { isIP, type LookupFunction } from 'node:net';
import { Agent } from 'undici';
import type { FhirAuthorization } from '../contract/cds-hooks';
import type { AddressVerdict } from './ehr-address';

export type FetchOutcome =
  | { readonly ok: true; readonly body: unknown }
  | {
      readonly ok: false;
      readonly reason:
        | 'no-server'
        | 'forbidden-address'
        | 'unresolvable'
        | 'timeout'
        | 'unauthorized'
        | 'not-found'
        | 'failed'
        | 'not-json';
    };

/** A connection that goes to the addresses checked, and nowhere else: the lookup answers with them. */
function pinnedTo(addresses: readonly string[]): Agent {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  const lookup: LookupFunction = (_hostname, options, callback) => {
    const [first] = entries;
    if (!first) callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
    else if (options.all) (callback as unknown as (error: null, all: typeof entries) => void)(null, entries);
    else callback(null, first.address, first.family);
  };
  return new Agent({ connect: { lookup }, pipelining: 0 });
}

/**
 * Reads one resource from the EHR's FHIR server with the access token the client handed us, giving
 * up when the time runs out. `addresses` are the server's, resolved once and every one checked (no
 * link-local, no metadata service: `allowedAddresses`); the connection is pinned to them. The token
 * is sent only to the server it came with; redirects are refused.
 */
export async function readFromEhr(
  fhirServer: string | undefined,
  authorization: FhirAuthorization | undefined,
  relativeUrl: string,
  timeoutMs: number,
  addresses: () => Promise<AddressVerdict>,
): Promise<FetchOutcome> {
  if (!fhirServer || timeoutMs <= 0 || !URL.canParse(fhirServer)) return { ok: false, reason: 'no-server' };
  const allowed = await addresses();
  if (!allowed.ok) return { ok: false, reason: allowed.reason };
  const url = `${fhirServer.replace(/\/+$/, '')}/${relativeUrl}`;
  const headers: Record<string, string> = { accept: 'application/fhir+json, application/json' };
  if (authorization) headers.authorization = `Bearer ${authorization.access_token}`;
  const dispatcher = pinnedTo(allowed.addresses);
  try {
    const init = { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'error', dispatcher } as RequestInit;
    const response = await fetch(url, init);
    if (response.status === 401 || response.status === 403) return { ok: false, reason: 'unauthorized' };
    if (response.status === 404 || response.status === 410) return { ok: false, reason: 'not-found' };
    if (!response.ok) return { ok: false, reason: 'failed' };
    try {
      return { ok: true, body: await response.json() };
    } catch {
      return { ok: false, reason: 'not-json' };
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { ok: false, reason: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'failed' };
  } finally {
    void dispatcher.destroy().catch(() => undefined);
  }
}

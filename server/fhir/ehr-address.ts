import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Resolves a host name to its addresses; injected so tests can prove a refusal happens before any socket. */
export type ResolveHost = (hostname: string) => Promise<readonly string[]>;

export const resolveWithDns: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Addresses no EHR FHIR server has: link-local (where cloud metadata services answer), the metadata
 * services themselves, "this network", multicast and reserved ranges. Refused whatever is registered.
 */
const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
// Alibaba Cloud's metadata service, outside the link-local range.
NEVER.addAddress('100.100.100.200', 'ipv4');
NEVER.addSubnet('224.0.0.0', 4, 'ipv4');
NEVER.addSubnet('240.0.0.0', 4, 'ipv4');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addAddress('fd00:ec2::254', 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');
NEVER.addAddress('::', 'ipv6');
const NEVER_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.tencentyun.com']);

export function neverAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return NEVER.check(mapped, 'ipv4');
  const family = isIP(address);
  return family === 4 ? NEVER.check(address, 'ipv4') : family === 6 ? NEVER.check(address, 'ipv6') : true;
}

/** `url` lies under the FHIR base `base` (same origin, path at a segment boundary). */
function isUnder(url: URL, base: string): boolean {
  if (!URL.canParse(base)) return false;
  const registered = new URL(base);
  if (registered.origin !== url.origin) return false;
  const prefix = registered.pathname.replace(/\/+$/, '');
  const path = url.pathname.replace(/\/+$/, '');
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Which FHIR servers a caller may name: the client's registered base URLs, or any (FHIR_SERVER_ANY, development). */
export interface FhirServerListing {
  /** Undefined when the client listed none (or there is no client, CDS_AUTH=off). */
  readonly registered: readonly string[] | undefined;
  readonly allowAny: boolean;
}

/**
 * Is `fhirServer` one the caller registered? Checked on every call that names one, whether or not
 * Huren reads from it: an address that fails here is neither read nor signed into a card.
 */
export function isListed(fhirServer: string, listing: FhirServerListing): boolean {
  if (!URL.canParse(fhirServer)) return false;
  const url = new URL(fhirServer);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return listing.allowAny || (listing.registered?.some((base) => isUnder(url, base)) ?? false);
}

export type AddressVerdict =
  | { readonly ok: true; readonly addresses: readonly string[] }
  | { readonly ok: false; readonly reason: 'forbidden-address' | 'unresolvable' };

/**
 * The addresses Huren may connect to for `hostname`: resolved once, every one checked. The read then
 * connects to exactly these (server/fhir/ehr-client.ts pins them), so a name that resolves differently
 * a moment later (DNS rebinding) cannot lead the connection elsewhere.
 */
export async function allowedAddresses(hostname: string, resolve: ResolveHost): Promise<AddressVerdict> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (NEVER_NAMES.has(host.replace(/\.$/, ''))) return { ok: false, reason: 'forbidden-address' };
  if (isIP(host))
    return neverAddress(host) ? { ok: false, reason: 'forbidden-address' } : { ok: true, addresses: [host] };
  let addresses: readonly string[];
  try {
    addresses = await resolve(host);
  } catch {
    return { ok: false, reason: 'unresolvable' };
  }
  if (addresses.length === 0) return { ok: false, reason: 'unresolvable' };
  return addresses.some(neverAddress) ? { ok: false, reason: 'forbidden-address' } : { ok: true, addresses };
}

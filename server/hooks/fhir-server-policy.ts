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

function neverAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return NEVER.check(mapped, 'ipv4');
  const family = isIP(address);
  return family === 4 ? NEVER.check(address, 'ipv4') : family === 6 ? NEVER.check(address, 'ipv6') : true;
}

/** `base` is a registered FHIR base URL and `url` lies under it (same origin, path at a segment boundary). */
function isUnder(url: URL, base: string): boolean {
  if (!URL.canParse(base)) return false;
  const registered = new URL(base);
  if (registered.origin !== url.origin) return false;
  const prefix = registered.pathname.replace(/\/+$/, '');
  const path = url.pathname.replace(/\/+$/, '');
  return path === prefix || path.startsWith(`${prefix}/`);
}

export type FhirServerVerdict = 'allowed' | 'unlisted' | 'forbidden-address' | 'unresolvable';

export interface FhirServerPolicy {
  /** The client's registered FHIR base URLs; undefined when it listed none (or no client, CDS_AUTH=off). */
  readonly registered: readonly string[] | undefined;
  /** An unlisted server may be read (FHIR_SERVER_ANY, development only). */
  readonly allowAny: boolean;
  readonly resolve: ResolveHost;
}

/**
 * May Huren send the caller's bearer token to `fhirServer`? Decided before any connection: the URL
 * must be one the client registered (or any, in development), and neither its literal host nor any
 * address its name resolves to may be link-local or a metadata service.
 */
export async function checkFhirServer(fhirServer: string, policy: FhirServerPolicy): Promise<FhirServerVerdict> {
  if (!URL.canParse(fhirServer)) return 'unlisted';
  const url = new URL(fhirServer);
  const listed = policy.registered?.some((base) => isUnder(url, base)) ?? false;
  if (!listed && !policy.allowAny) return 'unlisted';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (NEVER_NAMES.has(host.replace(/\.$/, ''))) return 'forbidden-address';
  if (isIP(host)) return neverAddress(host) ? 'forbidden-address' : 'allowed';
  let addresses: readonly string[];
  try {
    addresses = await policy.resolve(host);
  } catch {
    return 'unresolvable';
  }
  if (addresses.length === 0) return 'unresolvable';
  return addresses.some(neverAddress) ? 'forbidden-address' : 'allowed';
}

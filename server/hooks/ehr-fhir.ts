import type { FhirAuthorization } from '../contract/cds-hooks';

export type FetchOutcome =
  | { readonly ok: true; readonly body: unknown }
  | {
      readonly ok: false;
      readonly reason: 'no-server' | 'timeout' | 'unauthorized' | 'not-found' | 'failed' | 'not-json';
    };

/**
 * Reads one resource from the EHR's FHIR server with the access token the client handed us, giving
 * up when the hook's time budget runs out. The token is sent only to the server it came with.
 */
export async function readFromEhr(
  fhirServer: string | undefined,
  authorization: FhirAuthorization | undefined,
  relativeUrl: string,
  timeoutMs: number,
): Promise<FetchOutcome> {
  if (!fhirServer || timeoutMs <= 0) return { ok: false, reason: 'no-server' };
  const url = `${fhirServer.replace(/\/+$/, '')}/${relativeUrl}`;
  const headers: Record<string, string> = { accept: 'application/fhir+json, application/json' };
  if (authorization) headers.authorization = `Bearer ${authorization.access_token}`;
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
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
  }
}

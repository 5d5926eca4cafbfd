import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a HIS signs a call (docs/his-integration.md has a worked example): HMAC-SHA256 with its key over
 * five lines — the method, the path with its query, the timestamp (Unix seconds), the nonce and the
 * body's SHA-256 in lower-case hex — sent base64 in `X-Huren-Signature` beside the other three headers.
 */
export const SIGNATURE_HEADERS = {
  client: 'x-huren-client',
  timestamp: 'x-huren-timestamp',
  nonce: 'x-huren-nonce',
  signature: 'x-huren-signature',
} as const;

/** How far a HIS's clock may be from ours; a nonce is remembered this long after its timestamp. */
export const CLOCK_SKEW_SECONDS = 300;

export interface SignedParts {
  readonly method: string;
  readonly path: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly body: Uint8Array;
}

export function stringToSign(parts: SignedParts): string {
  return [
    parts.method.toUpperCase(),
    parts.path,
    parts.timestamp,
    parts.nonce,
    createHash('sha256').update(parts.body).digest('hex'),
  ].join('\n');
}

export function signatureOf(key: string, parts: SignedParts): string {
  return createHmac('sha256', key).update(stringToSign(parts), 'utf8').digest('base64');
}

/** Constant-time comparison, so the time taken says nothing about how much of a forged signature was right. */
export function signatureMatches(key: string, parts: SignedParts, presented: string): boolean {
  const expected = Buffer.from(signatureOf(key, parts), 'utf8');
  const given = Buffer.from(presented, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

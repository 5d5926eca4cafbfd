import {
  constants,
  createPublicKey,
  verify,
  type JsonWebKey,
  type KeyObject,
  type VerifyKeyObjectInput,
} from 'node:crypto';
import type { JWK } from 'jose';

/** Why a token did not verify, in the terms the CDS client refusals count. */
export class TokenRefusal extends Error {
  constructor(readonly reason: 'signature' | 'claims' | 'expired') {
    super(reason);
  }
}

/** One registered public key, imported once into node:crypto. */
export interface RegisteredKey {
  readonly kid: string | undefined;
  /** The algorithm the JWK is restricted to, if any. */
  readonly alg: string | undefined;
  readonly kty: 'RSA' | 'EC';
  readonly key: KeyObject;
}

const HASH: Readonly<Record<string, string>> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };
const CURVE: Readonly<Record<string, string>> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

/**
 * A client's registered JWK Set as node:crypto key objects, imported when the registration is read,
 * so that verifying a hook call's token is one synchronous signature check (issue 22 point 3): no
 * WebCrypto job, no promise. Keys that cannot verify signatures (private parts aside, `use` other
 * than `sig`, key_ops without `verify`, symmetric or unknown types) are left out, as jose leaves them.
 */
export function importRegisteredKeys(jwks: { readonly keys?: readonly JWK[] } | null): readonly RegisteredKey[] {
  const keys: RegisteredKey[] = [];
  for (const jwk of jwks?.keys ?? []) {
    const kty = jwk.kty === 'RSA' ? 'RSA' : jwk.kty === 'EC' ? 'EC' : null;
    if (!kty) continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    if (jwk.key_ops !== undefined && !jwk.key_ops.includes('verify')) continue;
    try {
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = jwk;
      keys.push({
        kid: jwk.kid,
        alg: jwk.alg,
        kty,
        key: createPublicKey({ key: publicPart as JsonWebKey, format: 'jwk' }),
      });
    } catch {
      // A key that does not import verifies nothing: as if it were not registered.
    }
  }
  return keys;
}

/** Whether a key may verify `alg`: its type and curve, its own `alg`, and RSA of 2048 bits or more (as jose requires). */
function fits(key: RegisteredKey, alg: string): boolean {
  if (key.alg !== undefined && key.alg !== alg) return false;
  const details = key.key.asymmetricKeyDetails;
  if (alg.startsWith('ES')) return key.kty === 'EC' && details?.namedCurve === CURVE[alg];
  return key.kty === 'RSA' && (details?.modulusLength ?? 0) >= 2048;
}

function signatureInput(alg: string, key: KeyObject): VerifyKeyObjectInput {
  if (alg.startsWith('ES')) return { key, dsaEncoding: 'ieee-p1363' };
  if (alg.startsWith('PS'))
    return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
  return { key };
}

function decodedObject(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TokenRefusal('signature');
  return value as Record<string, unknown>;
}

export interface ClaimRules {
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly requiredClaims: readonly string[];
  readonly maxTokenAgeSeconds: number;
  readonly clockToleranceSeconds: number;
  readonly now: Date;
}

/**
 * Verifies a compact JWS against a client's registered keys and checks its claims as jose's
 * jwtVerify does with the same options (the order of the checks included, so a token failing two
 * gets the same refusal): signature by a key the header's `kid` names (or any fitting key), then
 * iss, aud, iat, nbf, exp and the token's age. The header's `alg` is checked against the allowlist
 * by the caller before this.
 */
export function verifyWithRegisteredKeys(
  token: string,
  alg: string,
  keys: readonly RegisteredKey[],
  rules: ClaimRules,
): Record<string, unknown> {
  const [encodedHeader, encodedPayload, encodedSignature, ...rest] = token.split('.');
  if (encodedHeader === undefined || encodedPayload === undefined || encodedSignature === undefined || rest.length > 0)
    throw new TokenRefusal('signature');
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = decodedObject(encodedHeader);
    payload = decodedObject(encodedPayload);
  } catch {
    throw new TokenRefusal('signature');
  }
  // No extension we understand: a token that says one must be understood is refused, as jose refuses it.
  if (header.crit !== undefined || header.b64 !== undefined) throw new TokenRefusal('signature');
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const hash = HASH[alg.slice(2)];
  if (!hash) throw new TokenRefusal('signature');
  const data = Buffer.from(`${encodedHeader}.${encodedPayload}`, 'ascii');
  const signature = Buffer.from(encodedSignature, 'base64url');
  const verified = keys
    .filter((key) => (kid === undefined || key.kid === kid) && fits(key, alg))
    .some((key) => {
      try {
        return verify(hash, data, signatureInput(alg, key.key), signature);
      } catch {
        return false;
      }
    });
  if (!verified) throw new TokenRefusal('signature');
  checkClaims(payload, rules);
  return payload;
}

function checkClaims(payload: Record<string, unknown>, rules: ClaimRules): void {
  const now = Math.floor(rules.now.getTime() / 1000);
  const tolerance = rules.clockToleranceSeconds;
  for (const claim of new Set([...rules.requiredClaims, 'iss', 'aud', 'iat']))
    if (!(claim in payload)) throw new TokenRefusal('claims');
  if (payload.iss !== rules.issuer) throw new TokenRefusal('claims');
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  if (!audiences.some((audience) => typeof audience === 'string' && rules.audience.includes(audience)))
    throw new TokenRefusal('claims');
  if (typeof payload.iat !== 'number') throw new TokenRefusal('claims');
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== 'number') throw new TokenRefusal('claims');
    if (payload.nbf > now + tolerance) throw new TokenRefusal('claims');
  }
  if (payload.exp !== undefined) {
    if (typeof payload.exp !== 'number') throw new TokenRefusal('claims');
    if (payload.exp <= now - tolerance) throw new TokenRefusal('expired');
  }
  const age = now - payload.iat;
  if (age - tolerance > rules.maxTokenAgeSeconds) throw new TokenRefusal('expired');
  if (age < 0 - tolerance) throw new TokenRefusal('claims');
}

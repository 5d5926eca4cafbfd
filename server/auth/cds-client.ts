import type { RequestHandler } from 'express';
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWSAlgorithm,
  type JWTVerifyGetKey,
} from 'jose';
import type { Caller } from './caller';
import { TokenRefusal, verifyWithRegisteredKeys } from './registered-keys';
import type { Services } from '../services';

/** Asymmetric algorithms only: the spec forbids `none` and every HMAC algorithm. ES384 and RS384 are its recommendation. */
const ALGORITHMS: JWSAlgorithm[] = ['ES384', 'RS384', 'ES256', 'RS256', 'ES512', 'RS512', 'PS256', 'PS384', 'PS512'];
/** Bounds how long a jti must be remembered; CDS client tokens are meant to be short-lived. */
const MAX_TOKEN_AGE_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 30;

export type Refusal =
  | 'missing'
  | 'malformed'
  | 'algorithm'
  | 'unknown-issuer'
  | 'revoked'
  | 'jku-not-allowed'
  | 'no-keys'
  | 'signature'
  | 'expired'
  | 'claims'
  | 'lifetime'
  | 'replay';

export class RefusedToken extends Error {
  constructor(readonly reason: Refusal) {
    super(reason);
  }
}

function bearer(header: string | undefined): string {
  const match = /^Bearer\s+([A-Za-z0-9_\-.]+)$/i.exec(header ?? '');
  if (!match?.[1]) throw new RefusedToken(header ? 'malformed' : 'missing');
  return match[1];
}

/**
 * https://cds-hooks.hl7.org/2.0/#trusting-cds-clients — the JWT must be signed by a key registered
 * for its issuer (the one its `kid` names, whatever `jku` it also carries), or else by a key served at
 * a `jku` on that issuer's allowlist (never an arbitrary URL), addressed
 * to this endpoint, current, and not seen before. The registration names the ordering hospital.
 */
export function cdsClientAuthentication(
  services: Services,
  audienceFor: (serviceId: string, path: string) => string[],
): RequestHandler {
  const remoteKeySets = new Map<string, JWTVerifyGetKey>();
  const remote = (url: string) => {
    let keySet = remoteKeySets.get(url);
    if (!keySet) {
      keySet = createRemoteJWKSet(new URL(url), {
        timeoutDuration: 2_000,
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
      });
      remoteKeySets.set(url, keySet);
    }
    return keySet;
  };

  async function verify(token: string, audience: string[]): Promise<Caller> {
    let issuer: string;
    let alg: string;
    let jku: string | undefined;
    let kid: string | undefined;
    try {
      const header = decodeProtectedHeader(token);
      if (typeof header.alg !== 'string' || !(ALGORITHMS as string[]).includes(header.alg))
        throw new RefusedToken('algorithm');
      alg = header.alg;
      jku = typeof header.jku === 'string' ? header.jku : undefined;
      kid = typeof header.kid === 'string' ? header.kid : undefined;
      const claims = decodeJwt(token);
      if (typeof claims.iss !== 'string') throw new RefusedToken('claims');
      issuer = claims.iss;
    } catch (error) {
      if (error instanceof RefusedToken) throw error;
      throw new RefusedToken('malformed');
    }
    const { client, keys: registeredKeys } = await services.clients.get(issuer);
    if (!client) throw new RefusedToken('unknown-issuer');
    if (client.revoked) throw new RefusedToken('revoked');
    // A registered key the token names wins, with or without a `jku` (EHRs such as the CDS Hooks
    // sandbox always send one); a `jku` is fetched only when allowlisted and no registered key fits.
    const registeredKid = kid !== undefined && (client.jwks?.keys ?? []).some((key) => key.kid === kid);
    const rules = {
      issuer,
      audience,
      requiredClaims: ['exp', 'iat', 'jti'],
      maxTokenAgeSeconds: MAX_TOKEN_AGE_SECONDS,
      clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
      now: services.clock(),
    };
    let payload: { exp?: unknown; iat?: unknown; jti?: unknown };
    try {
      if (jku && !registeredKid) {
        if (!client.jkuAllowlist.includes(jku)) throw new RefusedToken('jku-not-allowed');
        // A key served at an allowlisted jku: fetched and cached by jose's remote key set.
        ({ payload } = await jwtVerify(token, remote(jku), {
          algorithms: ALGORITHMS,
          issuer,
          audience,
          maxTokenAge: MAX_TOKEN_AGE_SECONDS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: [...rules.requiredClaims],
          currentDate: rules.now,
        }));
      } else {
        if (!registeredKeys) throw new RefusedToken('no-keys');
        // The registered keys: one synchronous check on key objects imported with the registration.
        payload = verifyWithRegisteredKeys(token, alg, registeredKeys, rules);
      }
    } catch (error) {
      if (error instanceof RefusedToken) throw error;
      if (error instanceof TokenRefusal) throw new RefusedToken(error.reason);
      if (error instanceof errors.JWTExpired) throw new RefusedToken('expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw new RefusedToken('claims');
      throw new RefusedToken('signature');
    }
    const exp = Number(payload.exp ?? 0);
    const iat = Number(payload.iat ?? 0);
    // A token meant to live for hours is refused however fresh its iat: a stolen one would work that long.
    if (exp - iat > MAX_TOKEN_AGE_SECONDS) throw new RefusedToken('lifetime');
    const jti = String(payload.jti);
    const expiresAt = new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000);
    if (!(await services.replayGuard.firstSighting(issuer, jti, expiresAt))) throw new RefusedToken('replay');
    return {
      issuer,
      hospitalId: client.hospitalId,
      ...(client.fhirServers ? { fhirServers: client.fhirServers } : {}),
      corsOrigins: client.corsOrigins,
    };
  }

  return async (request, response, next) => {
    if (!services.config.cdsAuth) {
      next();
      return;
    }
    try {
      const serviceId = typeof request.params.id === 'string' ? request.params.id : '';
      response.locals.caller = await verify(bearer(request.get('authorization')), audienceFor(serviceId, request.path));
      next();
    } catch (error) {
      if (!(error instanceof RefusedToken)) throw error;
      // A bare 401: which check failed is for our metrics and logs, never the token itself.
      services.metrics.cdsAuthRefused.inc({ reason: error.reason });
      request.log?.warn({ reason: error.reason }, 'CDS client token refused');
      response.status(401).set('WWW-Authenticate', 'Bearer').end();
    }
  };
}

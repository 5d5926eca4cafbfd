import { createHmac } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import { HttpError } from '../errors/http-error';

/**
 * The token a card hands to the SMART app in its appContext. It binds one prompt, its patient and
 * its hospital, so the app can record a decision for exactly that card and nothing else.
 */
export interface DecisionGrant {
  readonly promptId: string;
  readonly hospitalId: string;
  readonly patientKey: string;
  /** The EHR's FHIR server of the hook that issued the card: where a SMART launch can prove the patient again. */
  readonly fhirServer: string | null;
}

/** How long after it was issued an expired token can still be renewed by a SMART launch for the same patient. */
export const RENEWAL_DAYS = 30;

const AUDIENCE = 'huren:decisions';

/** The protected header of every decision token, encoded once. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export class DecisionTokens {
  /** Imported once for jose's verification: it would import raw key bytes again on every check. */
  private readonly key: Promise<CryptoKey>;

  constructor(
    private readonly secret: string,
    private readonly issuer: string,
    private readonly ttlMinutes: number,
    private readonly clock: () => Date,
  ) {
    this.key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
  }

  /**
   * Signed on the main thread with node:crypto (issue 22): a card is issued on the hook's path, where
   * jose's WebCrypto signing cost a thread-pool job and its promises for each card. An HS256 JWS is
   * the HMAC of `header.payload`; jose verifies it like any other (test/auth/decision-token.test.ts).
   */
  issue(grant: Omit<DecisionGrant, 'fhirServer'> & { readonly fhirServer?: string | null }): string {
    const iat = Math.floor(this.clock().getTime() / 1000);
    const claims = {
      hospital: grant.hospitalId,
      patient: grant.patientKey,
      ...(grant.fhirServer ? { fhir: grant.fhirServer } : {}),
      iss: this.issuer,
      aud: AUDIENCE,
      sub: grant.promptId,
      iat,
      exp: iat + this.ttlMinutes * 60,
    };
    const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${signingInput}.${createHmac('sha256', this.secret).update(signingInput).digest('base64url')}`;
  }

  /** 401 for a missing, tampered or expired token; 403 for a valid token of another prompt. */
  async verify(authorization: string | undefined, promptId: string): Promise<DecisionGrant> {
    return this.check(authorization, promptId, 0);
  }

  /**
   * The grant of a token that may have expired, for renewal: still signed by us, for this prompt, and
   * issued no more than RENEWAL_DAYS ago. The caller must prove the patient again before renewing.
   */
  async verifyForRenewal(authorization: string | undefined, promptId: string): Promise<DecisionGrant> {
    return this.check(authorization, promptId, RENEWAL_DAYS * 24 * 3600);
  }

  private async check(
    authorization: string | undefined,
    promptId: string,
    toleranceSeconds: number,
  ): Promise<DecisionGrant> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token)
      throw new HttpError(401, 'unauthenticated', 'a decision token is required: open this card from the EHR again');
    let grant: DecisionGrant;
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: ['HS256'],
        issuer: this.issuer,
        audience: AUDIENCE,
        currentDate: this.clock(),
        clockTolerance: toleranceSeconds,
      });
      if (
        typeof payload.sub !== 'string' ||
        typeof payload.hospital !== 'string' ||
        typeof payload.patient !== 'string'
      )
        throw new Error('claims');
      if (toleranceSeconds > 0 && (payload.iat ?? 0) + toleranceSeconds < this.clock().getTime() / 1000)
        throw new errors.JWTExpired('too old to renew', payload);
      grant = {
        promptId: payload.sub,
        hospitalId: payload.hospital,
        patientKey: payload.patient,
        fhirServer: typeof payload.fhir === 'string' ? payload.fhir : null,
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new HttpError(401, 'expired', 'the session has expired');
      throw new HttpError(401, 'unauthenticated', 'the decision token is not valid');
    }
    if (grant.promptId !== promptId) throw new HttpError(403, 'forbidden', 'this token belongs to another card');
    return grant;
  }
}

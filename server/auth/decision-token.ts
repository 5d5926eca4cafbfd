import { errors, jwtVerify, SignJWT } from 'jose';
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

export class DecisionTokens {
  /** Imported once: jose would import raw key bytes again on every card's token. */
  private readonly key: Promise<CryptoKey>;

  constructor(
    secret: string,
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

  async issue(grant: Omit<DecisionGrant, 'fhirServer'> & { readonly fhirServer?: string | null }): Promise<string> {
    const iat = Math.floor(this.clock().getTime() / 1000);
    return new SignJWT({
      hospital: grant.hospitalId,
      patient: grant.patientKey,
      ...(grant.fhirServer ? { fhir: grant.fhirServer } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(AUDIENCE)
      .setSubject(grant.promptId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlMinutes * 60)
      .sign(await this.key);
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

import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { DecisionTokens } from '../../server/auth/decision-token';
import { HttpError } from '../../server/errors/http-error';

/**
 * Issue 22: a card's decision token is signed on the main thread with node:crypto instead of jose's
 * WebCrypto. It must stay a standard HS256 JWT that jose verifies, and our own check must keep
 * refusing what it refused before.
 */

const SECRET = 'a-decision-secret-of-at-least-32-bytes!';
const ISSUER = 'https://huren.example';
const NOW = new Date('2026-03-10T02:00:00Z');
const grant = {
  promptId: 'prompt-1',
  hospitalId: 'h-cq-001',
  patientKey: 'pk-1',
  fhirServer: 'https://ehr.example/fhir',
};

const tokens = (clock: () => Date = () => NOW) => new DecisionTokens(SECRET, ISSUER, 60, clock);

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof HttpError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { status: error.status, code: error.code };
}

describe('decision tokens signed with node:crypto', () => {
  it('are HS256 JWTs that jose verifies with the shared secret, carrying the grant', async () => {
    const token = tokens().issue(grant);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: 'huren:decisions',
      currentDate: NOW,
    });
    expect(payload).toMatchObject({
      sub: 'prompt-1',
      hospital: 'h-cq-001',
      patient: 'pk-1',
      fhir: 'https://ehr.example/fhir',
      iat: NOW.getTime() / 1000,
      exp: NOW.getTime() / 1000 + 3600,
    });
  });

  it('carry no FHIR server claim when the hook named none', async () => {
    const token = tokens().issue({ promptId: 'p', hospitalId: 'h', patientKey: 'k' });
    const grantRead = await tokens().verify(`Bearer ${token}`, 'p');
    expect(grantRead.fhirServer).toBeNull();
  });

  it('are accepted for their own prompt and refused for another (403) or when expired (401)', async () => {
    const token = tokens().issue(grant);
    expect(await tokens().verify(`Bearer ${token}`, 'prompt-1')).toEqual(grant);
    expect(await refusal(tokens().verify(`Bearer ${token}`, 'prompt-2'))).toEqual({ status: 403, code: 'forbidden' });
    const later = () => new Date(NOW.getTime() + 61 * 60_000);
    expect(await refusal(tokens(later).verify(`Bearer ${token}`, 'prompt-1'))).toEqual({
      status: 401,
      code: 'expired',
    });
  });

  it('are refused when the payload is altered or another secret signed them', async () => {
    const token = tokens().issue(grant);
    const [header, , signature] = token.split('.');
    const altered = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()),
        hospital: 'h-x',
      }),
    ).toString('base64url');
    expect(await refusal(tokens().verify(`Bearer ${header}.${altered}.${signature}`, 'prompt-1'))).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
    const forged = await new SignJWT({ hospital: 'h-cq-001', patient: 'pk-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience('huren:decisions')
      .setSubject('prompt-1')
      .setIssuedAt(NOW.getTime() / 1000)
      .setExpirationTime(NOW.getTime() / 1000 + 60)
      .sign(new TextEncoder().encode('another-secret-of-at-least-32-bytes!!'));
    expect(await refusal(tokens().verify(`Bearer ${forged}`, 'prompt-1'))).toEqual({
      status: 401,
      code: 'unauthenticated',
    });
  });
});

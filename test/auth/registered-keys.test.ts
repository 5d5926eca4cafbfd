import { constants, generateKeyPairSync, sign } from 'node:crypto';
import { createLocalJWKSet, errors, exportJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { importRegisteredKeys, TokenRefusal, verifyWithRegisteredKeys } from '../../server/auth/registered-keys';

/**
 * Issue 22 point 3: the synchronous verifier of registered keys decides every token as jose's
 * jwtVerify does with the same options: the same tokens pass, and a refused one gets the same
 * refusal. Each case is run through both.
 */

const NOW = new Date('2026-03-10T02:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const ISSUER = 'https://ehr.example';
const AUDIENCE = 'https://huren.example/cds-services/recognition-order-select';
const RULES = {
  issuer: ISSUER,
  audience: [AUDIENCE],
  requiredClaims: ['exp', 'iat', 'jti'],
  maxTokenAgeSeconds: 300,
  clockToleranceSeconds: 30,
  now: NOW,
};

const pair = (type: 'rsa' | 'ec', option: number | string) =>
  type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: option as number })
    : generateKeyPairSync('ec', { namedCurve: option as string });

const KEYS = {
  rs: pair('rsa', 2048),
  small: pair('rsa', 1024),
  p256: pair('ec', 'prime256v1'),
  p384: pair('ec', 'secp384r1'),
  p521: pair('ec', 'secp521r1'),
  stranger: pair('ec', 'secp384r1'),
};

async function jwk(name: keyof typeof KEYS, extra: Partial<JWK> = {}): Promise<JWK> {
  return { ...(await exportJWK(KEYS[name].publicKey)), kid: name, ...extra };
}

interface Case {
  readonly name: string;
  readonly alg: string;
  readonly signer: keyof typeof KEYS;
  readonly kid?: string | null;
  readonly claims?: Record<string, unknown>;
  readonly header?: Record<string, unknown>;
  /** Signed with node:crypto, where jose refuses to sign. */
  readonly byHand?: boolean;
  /** Change the compact token after signing. */
  readonly tamper?: (token: string) => string;
}

const fresh = { iss: ISSUER, aud: AUDIENCE, iat: NOW_S, exp: NOW_S + 300, jti: 'j' };

const CASES: Case[] = [
  { name: 'RS256', alg: 'RS256', signer: 'rs' },
  { name: 'RS384', alg: 'RS384', signer: 'rs' },
  { name: 'PS256', alg: 'PS256', signer: 'rs' },
  { name: 'PS512', alg: 'PS512', signer: 'rs' },
  { name: 'ES256', alg: 'ES256', signer: 'p256' },
  { name: 'ES384', alg: 'ES384', signer: 'p384' },
  { name: 'ES512', alg: 'ES512', signer: 'p521' },
  { name: 'no kid: any fitting key', alg: 'ES384', signer: 'p384', kid: null },
  { name: 'a kid naming another key', alg: 'ES384', signer: 'p384', kid: 'p256' },
  { name: 'an unknown kid', alg: 'ES384', signer: 'p384', kid: 'nobody' },
  { name: 'the curve does not fit the algorithm', alg: 'ES256', signer: 'p384', byHand: true },
  { name: 'an RSA key under 2048 bits', alg: 'RS256', signer: 'small', byHand: true },
  { name: 'a stranger key under a registered kid', alg: 'ES384', signer: 'stranger', kid: 'p384' },
  { name: 'a key restricted to another alg', alg: 'RS384', signer: 'rs', kid: 'rs-256-only' },
  {
    name: 'a tampered payload',
    alg: 'ES384',
    signer: 'p384',
    tamper: (token) => {
      const [h, , s] = token.split('.');
      return `${h}.${Buffer.from(JSON.stringify({ ...fresh, jti: 'other' })).toString('base64url')}.${s}`;
    },
  },
  { name: 'three parts of garbage', alg: 'ES384', signer: 'p384', tamper: () => 'a.b.c' },
  { name: 'a crit header', alg: 'ES384', signer: 'p384', header: { crit: ['exp'] }, byHand: true },
  { name: 'signed by hand, all well', alg: 'PS384', signer: 'rs', byHand: true },
  { name: 'no jti', alg: 'ES384', signer: 'p384', claims: { jti: undefined } },
  { name: 'no exp', alg: 'ES384', signer: 'p384', claims: { exp: undefined } },
  { name: 'no iat', alg: 'ES384', signer: 'p384', claims: { iat: undefined } },
  { name: 'another issuer', alg: 'ES384', signer: 'p384', claims: { iss: 'https://other.example' } },
  { name: 'another audience', alg: 'ES384', signer: 'p384', claims: { aud: 'https://huren.example/x' } },
  { name: 'an audience list holding ours', alg: 'ES384', signer: 'p384', claims: { aud: ['x', AUDIENCE] } },
  { name: 'expired', alg: 'ES384', signer: 'p384', claims: { exp: NOW_S - 31 } },
  { name: 'expired within the tolerance', alg: 'ES384', signer: 'p384', claims: { exp: NOW_S - 29 } },
  { name: 'issued too long ago', alg: 'ES384', signer: 'p384', claims: { iat: NOW_S - 331, exp: NOW_S + 10 } },
  { name: 'issued in the future', alg: 'ES384', signer: 'p384', claims: { iat: NOW_S + 60, exp: NOW_S + 300 } },
  { name: 'not before later', alg: 'ES384', signer: 'p384', claims: { nbf: NOW_S + 60 } },
  { name: 'exp as a string', alg: 'ES384', signer: 'p384', claims: { exp: String(NOW_S + 300) } },
  { name: 'expired and from another issuer', alg: 'ES384', signer: 'p384', claims: { exp: 1, iss: 'x' } },
];

async function tokenFor(test: Case): Promise<string> {
  const claims = Object.fromEntries(
    Object.entries({ ...fresh, ...test.claims }).filter(([, value]) => value !== undefined),
  );
  const kid = test.kid === undefined ? test.signer : test.kid;
  const header = { alg: test.alg, typ: 'JWT', ...(kid === null ? {} : { kid }), ...test.header };
  const token = test.byHand
    ? signedByHand(header, claims, test)
    : await new SignJWT(claims).setProtectedHeader(header).sign(KEYS[test.signer].privateKey);
  return test.tamper ? test.tamper(token) : token;
}

/** What jose will not sign (a key that does not fit, a crit header), signed with node:crypto. */
function signedByHand(header: Record<string, unknown>, claims: Record<string, unknown>, test: Case): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const data = `${encode(header)}.${encode(claims)}`;
  const key = KEYS[test.signer].privateKey;
  const hash = `sha${test.alg.slice(2)}`;
  const signature = test.alg.startsWith('ES')
    ? sign(hash, Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' })
    : test.alg.startsWith('PS')
      ? sign(hash, Buffer.from(data), { key, padding: constants.RSA_PKCS1_PSS_PADDING })
      : sign(hash, Buffer.from(data), key);
  return `${data}.${signature.toString('base64url')}`;
}

/** jose's verdict, in the refusal words the CDS client check uses. */
async function byJose(token: string, keys: { keys: JWK[] }): Promise<string> {
  try {
    await jwtVerify(token, createLocalJWKSet(keys), {
      algorithms: ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
      issuer: RULES.issuer,
      audience: RULES.audience,
      maxTokenAge: RULES.maxTokenAgeSeconds,
      clockTolerance: RULES.clockToleranceSeconds,
      requiredClaims: [...RULES.requiredClaims],
      currentDate: NOW,
    });
    return 'ok';
  } catch (error) {
    if (error instanceof errors.JWTExpired) return 'expired';
    if (error instanceof errors.JWTClaimValidationFailed) return 'claims';
    return 'signature';
  }
}

function byUs(token: string, alg: string, keys: { keys: JWK[] }): string {
  try {
    verifyWithRegisteredKeys(token, alg, importRegisteredKeys(keys), RULES);
    return 'ok';
  } catch (error) {
    if (error instanceof TokenRefusal) return error.reason;
    throw error;
  }
}

describe('the synchronous verifier of registered keys decides as jose does', async () => {
  const registered = {
    keys: [
      await jwk('rs'),
      await jwk('rs', { kid: 'rs-256-only', alg: 'RS256' }),
      await jwk('small'),
      await jwk('p256'),
      await jwk('p384'),
      await jwk('p521'),
    ],
  };
  it.each(CASES)('$name', async (test) => {
    const token = await tokenFor(test);
    const jose = await byJose(token, registered);
    expect(byUs(token, test.alg, registered)).toBe(jose);
  });

  it('lets valid tokens through and refuses the rest (the cases are not all one outcome)', async () => {
    const outcomes = new Set(await Promise.all(CASES.map(async (test) => byJose(await tokenFor(test), registered))));
    expect(outcomes).toEqual(new Set(['ok', 'signature', 'claims', 'expired']));
  });

  it('leaves out keys that cannot verify: encryption keys, symmetric keys, keys that do not import', async () => {
    const keys = importRegisteredKeys({
      keys: [
        await jwk('p384', { use: 'enc' }),
        await jwk('p384', { key_ops: ['encrypt'] }),
        { kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' },
        { kty: 'EC', crv: 'P-384', x: 'bad', y: 'bad', kid: 'broken' },
        await jwk('p384'),
      ],
    });
    expect(keys.map((key) => key.kid)).toEqual(['p384']);
  });
});

import { importJWK, SignJWT } from 'jose';
import { demoPrivateKey } from '../../fixtures/clients';

/** Signs `count` single-use client JWTs ahead of a run, so the load generator spends no CPU on them. */
export async function mintTokens(issuer: string, audience: string, count: number): Promise<string[]> {
  const jwk = demoPrivateKey(issuer);
  const key = await importJWK(jwk, jwk.alg);
  const iat = Math.floor(Date.now() / 1000);
  const tokens: string[] = [];
  for (let index = 0; index < count; index += 1) {
    tokens.push(
      await new SignJWT({})
        .setProtectedHeader({ alg: jwk.alg, kid: jwk.kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 290)
        .setJti(`bench-${iat}-${index}`)
        .sign(key),
    );
  }
  return tokens;
}

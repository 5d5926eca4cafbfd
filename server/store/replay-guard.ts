import { isUniqueViolation, type Database } from './database';

/**
 * Records a token's id once; a second sighting within the token's lifetime is a replay. Shared
 * through the store (a primary key decides), so it holds across several server instances.
 */
export async function firstSighting(db: Database, issuer: string, jti: string, expiresAt: Date): Promise<boolean> {
  try {
    await db('cds_jtis').insert({ issuer, jti, expires_at: expiresAt.toISOString() });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function forgetExpiredJtis(db: Database, now: Date): Promise<number> {
  return db('cds_jtis').where('expires_at', '<', now.toISOString()).delete();
}

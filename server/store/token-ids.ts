import type { Database } from './database';
import { isUniqueViolation } from './database';

/** CDS client token ids (JWT `jti`) seen and not yet expired: the replay guard's memory. */
export interface TokenIdSighting {
  readonly issuer: string;
  readonly jti: string;
  readonly expires_at: string;
}

export async function saveTokenIds(db: Database, sightings: readonly TokenIdSighting[]): Promise<void> {
  await db('cds_jtis').insert([...sightings]).onConflict(['issuer', 'jti']).ignore();
}

export async function loadLiveTokenIds(db: Database, now: Date): Promise<TokenIdSighting[]> {
  return db<TokenIdSighting>('cds_jtis').where('expires_at', '>=', now.toISOString()).select('issuer', 'jti', 'expires_at');
}

/**
 * Inserts one sighting, committed without waiting for the disk (PostgreSQL); false when the primary
 * key says another instance saw it first.
 */
export async function insertFirstSighting(db: Database, sighting: TokenIdSighting): Promise<boolean> {
  try {
    await db.transaction(async (trx) => {
      await trx.raw('set local synchronous_commit to off');
      await trx('cds_jtis').insert(sighting);
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function deleteExpiredTokenIds(db: Database, before: Date): Promise<number> {
  return db('cds_jtis').where('expires_at', '<', before.toISOString()).delete();
}

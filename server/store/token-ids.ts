import type { Database } from './database';

/** CDS client token ids (JWT `jti`) seen and not yet expired: the replay guard's memory. */
export interface TokenIdSighting {
  readonly issuer: string;
  readonly jti: string;
  readonly expires_at: string;
}

export async function saveTokenIds(db: Database, sightings: readonly TokenIdSighting[]): Promise<void> {
  await db('cds_jtis')
    .insert([...sightings])
    .onConflict(['issuer', 'jti'])
    .ignore();
}

export async function loadLiveTokenIds(db: Database, now: Date): Promise<TokenIdSighting[]> {
  return db<TokenIdSighting>('cds_jtis')
    .where('expires_at', '>=', now.toISOString())
    .select('issuer', 'jti', 'expires_at');
}

/**
 * Inserts one sighting in one statement (PostgreSQL; through `Store.volatile`, committed without
 * waiting for the disk); false when the primary key says another instance saw it first.
 */
export async function insertFirstSighting(db: Database, sighting: TokenIdSighting): Promise<boolean> {
  const inserted: unknown[] = await db('cds_jtis')
    .insert(sighting)
    .onConflict(['issuer', 'jti'])
    .ignore()
    .returning('jti');
  return inserted.length === 1;
}

export async function deleteExpiredTokenIds(db: Database, before: Date): Promise<number> {
  return db('cds_jtis').where('expires_at', '<', before.toISOString()).delete();
}

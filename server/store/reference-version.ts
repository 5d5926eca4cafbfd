import type { Database } from './database';

/** Moves the reference data's version on; called inside each write to it (its transaction, when it has one). */
export async function referenceChanged(db: Database): Promise<void> {
  await db('reference_version').where('id', 1).increment('version', 1);
}

/** The reference data's version: what a server compares before reading all of it again. */
export async function referenceVersion(db: Database): Promise<number> {
  const row = await db<{ version: number | string }>('reference_version').where('id', 1).first('version');
  return Number(row?.version ?? 0);
}

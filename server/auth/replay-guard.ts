import type { Database } from '../store/database';
import { isUniqueViolation } from '../store/database';
import { BatchWriter } from '../store/batch-writer';

/**
 * Remembers every CDS client token id until its token expires, so a replay is refused.
 *
 * With PostgreSQL (several instances share the store) each first sighting is an insert that the
 * primary key decides, committed without waiting for the disk: losing a token id in a crash only
 * reopens a window of minutes, while waiting would put a disk flush on every hook call.
 * With SQLite there is one instance: sightings are decided in memory and written to the store in
 * one batch a second, and read back at start, so a restart still knows the recent ones. A batch the
 * store refuses (another process holding the SQLite lock) stays in memory and is retried: the guard
 * keeps deciding from memory meanwhile, and the failure is logged, never thrown at the process.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  /** Sightings decided in memory and not yet in the store (SQLite). */
  readonly unsaved: BatchWriter<{ issuer: string; jti: string; expires_at: string }>;

  constructor(
    private readonly db: Database,
    private readonly shared: boolean,
    private readonly clock: () => Date,
    onFlushError: (error: unknown) => void = () => undefined,
  ) {
    this.unsaved = new BatchWriter(async (batch) => {
      await this.db('cds_jtis').insert([...batch]).onConflict(['issuer', 'jti']).ignore();
    }, onFlushError);
  }

  /** Loads the token ids still within their lifetime (call once at start). */
  async load(): Promise<void> {
    const rows = await this.db('cds_jtis').where('expires_at', '>=', this.clock().toISOString()).select('issuer', 'jti', 'expires_at');
    for (const row of rows as { issuer: string; jti: string; expires_at: string }[]) this.seen.set(`${row.issuer}\u0000${row.jti}`, Date.parse(row.expires_at));
  }

  async firstSighting(issuer: string, jti: string, expiresAt: Date): Promise<boolean> {
    const key = `${issuer}\u0000${jti}`;
    if (this.seen.has(key)) return false;
    if (this.shared && !(await this.insertNow(issuer, jti, expiresAt))) return false;
    this.seen.set(key, expiresAt.getTime());
    if (!this.shared) this.unsaved.add({ issuer, jti, expires_at: expiresAt.toISOString() });
    return true;
  }

  private async insertNow(issuer: string, jti: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.db.transaction(async (trx) => {
        await trx.raw('set local synchronous_commit to off');
        await trx('cds_jtis').insert({ issuer, jti, expires_at: expiresAt.toISOString() });
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Writes the sightings not yet stored (also on shutdown); what the store refuses stays pending. */
  flush(): Promise<void> {
    return this.unsaved.flush();
  }

  /** Forgets token ids whose tokens have expired, in memory and in the store. */
  async forgetExpired(): Promise<number> {
    const now = this.clock().getTime();
    for (const [key, expiresAt] of this.seen) if (expiresAt < now) this.seen.delete(key);
    return this.db('cds_jtis').where('expires_at', '<', new Date(now).toISOString()).delete();
  }
}

import type { Database } from '../store/database';
import { isUniqueViolation } from '../store/database';

const FLUSH_MS = 1_000;
/** A failed flush is retried later and later, up to this: the store may be locked for a while. */
const MAX_RETRY_MS = 30_000;

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
  private pending: { issuer: string; jti: string; expiresAt: string }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly shared: boolean,
    private readonly clock: () => Date,
    private readonly onFlushError: (error: unknown) => void = () => undefined,
  ) {}

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
    if (!this.shared) this.persistSoon({ issuer, jti, expiresAt: expiresAt.toISOString() });
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

  private persistSoon(entry: { issuer: string; jti: string; expiresAt: string }): void {
    this.pending.push(entry);
    this.flushIn(FLUSH_MS);
  }

  private flushIn(ms: number): void {
    this.timer ??= setTimeout(() => void this.flushInBackground(), ms);
    this.timer.unref();
  }

  private async flushInBackground(): Promise<void> {
    try {
      await this.flush();
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.onFlushError(error);
      this.flushIn(Math.min(FLUSH_MS * 2 ** this.failures, MAX_RETRY_MS));
    }
  }

  /** Writes the sightings not yet stored (also on shutdown); what the store refuses stays pending. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // One writer at a time: each removes from the front exactly what it stored.
    this.flushing ??= this.writePending().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, 200);
      await this.db('cds_jtis').insert(batch.map((entry) => ({ issuer: entry.issuer, jti: entry.jti, expires_at: entry.expiresAt }))).onConflict(['issuer', 'jti']).ignore();
      this.pending.splice(0, batch.length);
    }
  }

  /** Sightings decided in memory and not yet in the store. */
  get unsaved(): number {
    return this.pending.length;
  }

  /** Forgets token ids whose tokens have expired, in memory and in the store. */
  async forgetExpired(): Promise<number> {
    const now = this.clock().getTime();
    for (const [key, expiresAt] of this.seen) if (expiresAt < now) this.seen.delete(key);
    return this.db('cds_jtis').where('expires_at', '<', new Date(now).toISOString()).delete();
  }
}

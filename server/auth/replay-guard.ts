import type { Database } from '../store/database';
import { BatchWriter } from '../store/batch-writer';
import {
  deleteExpiredTokenIds,
  insertFirstSighting,
  loadLiveTokenIds,
  saveTokenIds,
  type TokenIdSighting,
} from '../store/token-ids';

/** Decides whether a CDS client token id is seen for the first time (this class, or a sibling process's proxy to it). */
export interface TokenIdGuard {
  load(): Promise<void>;
  firstSighting(issuer: string, jti: string, expiresAt: Date): Promise<boolean>;
  flush(): Promise<void>;
  forgetExpired(): Promise<number>;
}

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
export class ReplayGuard implements TokenIdGuard {
  private readonly seen = new Map<string, number>();
  /** Sightings decided in memory and not yet in the store (SQLite). */
  readonly unsaved: BatchWriter<TokenIdSighting>;

  constructor(
    private readonly db: Database,
    private readonly shared: boolean,
    private readonly clock: () => Date,
    onFlushError: (error: unknown) => void = () => undefined,
  ) {
    this.unsaved = new BatchWriter((batch) => saveTokenIds(this.db, batch), onFlushError);
  }

  /** Loads the token ids still within their lifetime (call once at start). */
  async load(): Promise<void> {
    for (const row of await loadLiveTokenIds(this.db, this.clock()))
      this.seen.set(`${row.issuer}\u0000${row.jti}`, Date.parse(row.expires_at));
  }

  async firstSighting(issuer: string, jti: string, expiresAt: Date): Promise<boolean> {
    const key = `${issuer}\u0000${jti}`;
    if (this.seen.has(key)) return false;
    if (this.shared && !(await insertFirstSighting(this.db, { issuer, jti, expires_at: expiresAt.toISOString() })))
      return false;
    this.seen.set(key, expiresAt.getTime());
    if (!this.shared) this.unsaved.add({ issuer, jti, expires_at: expiresAt.toISOString() });
    return true;
  }

  /** Writes the sightings not yet stored (also on shutdown); what the store refuses stays pending. */
  flush(): Promise<void> {
    return this.unsaved.flush();
  }

  /** Forgets token ids whose tokens have expired, in memory and in the store. */
  async forgetExpired(): Promise<number> {
    const now = this.clock().getTime();
    for (const [key, expiresAt] of this.seen) if (expiresAt < now) this.seen.delete(key);
    return deleteExpiredTokenIds(this.db, new Date(now));
  }
}

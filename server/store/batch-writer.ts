const EVERY_MS = 1_000;
/** A failed write is retried later and later, up to this: the store may be locked for a while. */
const MAX_RETRY_MS = 30_000;
const BATCH = 200;

/**
 * Bookkeeping the hot path must not wait for: items are kept in memory and written in batches about
 * once a second. A batch the store refuses (a locked SQLite file, PostgreSQL away) stays in memory
 * and is retried; the failure is reported, never thrown at the process. `flush` on shutdown.
 */
export class BatchWriter<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly write: (batch: readonly T[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(item: T): void {
    this.pending.push(item);
    this.flushIn(EVERY_MS);
  }

  /** Items not yet stored. */
  get size(): number {
    return this.pending.length;
  }

  /** Writes everything pending; what the store refuses stays pending (and the promise rejects). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // One writer at a time: each removes from the front exactly what it stored.
    this.flushing ??= this.writePending().finally(() => (this.flushing = null));
    return this.flushing;
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
      this.onError(error);
      this.flushIn(Math.min(EVERY_MS * 2 ** this.failures, MAX_RETRY_MS));
    }
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, BATCH);
      await this.write(batch);
      this.pending.splice(0, batch.length);
    }
  }
}

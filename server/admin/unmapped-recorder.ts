import type { Coding } from '../contract/fhir';
import type { Database } from '../store/database';
import { recordUnmappedCodes } from '../store/hospital-config';

const FLUSH_MS = 5_000;

/**
 * Collects the order codes that mapped to no catalog item, so administrators see which local codes
 * still need a mapping. Counted in memory on the hook path and written in one batch every few
 * seconds: a hook call never waits for this bookkeeping.
 */
export class UnmappedCodeRecorder {
  private pending = new Map<
    string,
    { institutionId: string; system: string; code: string; display: string | null; seen: number; at: string }
  >();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
    private readonly onError: (error: unknown) => void,
  ) {}

  note(institutionId: string, codings: readonly Coding[] | undefined): void {
    const at = this.clock().toISOString();
    for (const coding of codings ?? []) {
      if (!coding.system || !coding.code) continue;
      const key = `${institutionId}\u0000${coding.system}\u0000${coding.code}`;
      const known = this.pending.get(key);
      this.pending.set(key, {
        institutionId,
        system: coding.system.slice(0, 255),
        code: coding.code.slice(0, 100),
        display: coding.display?.slice(0, 200) ?? known?.display ?? null,
        seen: (known?.seen ?? 0) + 1,
        at,
      });
    }
    if (this.pending.size > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.flush().catch(this.onError);
      }, FLUSH_MS);
      this.timer.unref();
    }
  }

  async flush(): Promise<void> {
    this.timer = null;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    if (batch.length > 0) await recordUnmappedCodes(this.db, batch);
  }
}

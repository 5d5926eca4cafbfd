import type { TokenIdGuard } from '../auth/replay-guard';
import { toWorkerSchema, type RegistryChange, type ToPrimary } from './messages';

/**
 * A worker's side of the cluster. On SQLite the token ids are decided by the primary process, which
 * holds them in memory and writes them in batches as a single server does: one IPC round trip per
 * hook call instead of a write through the one SQLite writer. Registry changes made here are
 * announced, and those announced by siblings are applied.
 */
export class ClusterLink {
  private next = 0;
  private readonly waiting = new Map<number, (first: boolean) => void>();
  private readonly listeners: ((change: RegistryChange) => void)[] = [];

  constructor(private readonly send: (message: ToPrimary) => void) {}

  /** Feed every message from the primary here. */
  receive(raw: unknown): void {
    const parsed = toWorkerSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.huren === 'changed') {
      for (const listener of this.listeners) listener(message.what);
      return;
    }
    this.waiting.get(message.id)?.(message.first);
    this.waiting.delete(message.id);
  }

  announce(change: RegistryChange): void {
    this.send({ huren: 'changed', what: change });
  }

  onChange(listener: (change: RegistryChange) => void): void {
    this.listeners.push(listener);
  }

  /** The guard of the primary process, seen from this worker. */
  readonly replayGuard: TokenIdGuard = {
    load: async () => undefined,
    // The primary writes its batches itself, and flushes them when it stops.
    flush: async () => undefined,
    firstSighting: (issuer, jti, expiresAt) => {
      const id = (this.next = (this.next + 1) % Number.MAX_SAFE_INTEGER);
      return new Promise<boolean>((resolve) => {
        this.waiting.set(id, resolve);
        this.send({ huren: 'jti', id, issuer, jti, expiresAt: expiresAt.toISOString() });
      });
    },
    // The primary forgets expired ids on its own timer.
    forgetExpired: async () => 0,
  };

  /** The primary is gone: whatever was asked is refused (a replay must never pass for want of an answer). */
  disconnected(): void {
    for (const resolve of this.waiting.values()) resolve(false);
    this.waiting.clear();
  }
}

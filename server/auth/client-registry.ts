import type { JWK } from 'jose';
import { importRegisteredKeys, type RegisteredKey } from './registered-keys';
import type { Database } from '../store/database';
import { findClient, registeredCorsOrigins, type RegisteredClient } from '../store/registry';

interface Entry {
  readonly client: RegisteredClient | null;
  /** The registered JWK Set, imported once into node:crypto key objects; null when none is registered. */
  readonly keys: readonly RegisteredKey[] | null;
  readonly at: number;
}

/** Unknown issuers are remembered this briefly, and at most this many: anyone can make up new ones. */
export const UNKNOWN_ISSUER_MS = 5_000;
export const MAX_UNKNOWN_ISSUERS = 256;

/**
 * CDS client registrations with their imported keys, held in memory so that verifying a hook call
 * costs no query and no key import. Changes made through this process apply at once; on other
 * instances within the refresh interval (so a revocation takes effect everywhere within it).
 * Only registered issuers are kept for the interval (there are as many as the platform registered);
 * an unknown issuer is kept a few seconds in a bounded set, so made-up issuers cannot grow the heap.
 */
export class ClientRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly unknown = new Map<string, Entry>();
  private origins: { readonly set: Promise<ReadonlySet<string>>; readonly at: number } | null = null;

  constructor(
    private readonly db: Database,
    private readonly refreshMs: number,
    /** Told of every change made through this process, so sibling processes can forget theirs. */
    private readonly onInvalidate: () => void = () => undefined,
  ) {}

  async get(issuer: string): Promise<Entry> {
    const now = Date.now();
    const cached = this.entries.get(issuer) ?? this.unknown.get(issuer);
    if (cached && now - cached.at < (cached.client ? this.refreshMs : UNKNOWN_ISSUER_MS)) return cached;
    const client = await findClient(this.db, issuer);
    const entry = {
      client,
      keys: client?.jwks ? importRegisteredKeys(client.jwks as { keys?: JWK[] }) : null,
      at: now,
    };
    if (client) {
      this.unknown.delete(issuer);
      this.entries.set(issuer, entry);
    } else {
      this.entries.delete(issuer);
      this.unknown.delete(issuer);
      // Oldest first out: a Map iterates in insertion order.
      if (this.unknown.size >= MAX_UNKNOWN_ISSUERS) this.unknown.delete(this.unknown.keys().next().value as string);
      this.unknown.set(issuer, entry);
    }
    return entry;
  }

  /**
   * The web origins some client in force registered, for a browser's preflight (which names no client):
   * read once per refresh interval, not on every browser call.
   */
  corsOrigins(): Promise<ReadonlySet<string>> {
    const now = Date.now();
    if (!this.origins || now - this.origins.at >= this.refreshMs) {
      const set = registeredCorsOrigins(this.db);
      // A failed read is not kept: the next call tries again.
      set.catch(() => {
        if (this.origins?.set === set) this.origins = null;
      });
      this.origins = { set, at: now };
    }
    return this.origins.set;
  }

  /** How many issuers are held in memory, known and unknown (for the bound's test and metrics). */
  get size(): number {
    return this.entries.size + this.unknown.size;
  }

  /** Registrations changed through this process. */
  invalidate(): void {
    this.forget();
    this.onInvalidate();
  }

  /** Registrations changed elsewhere (a sibling process): read them again on next use. */
  forget(): void {
    this.entries.clear();
    this.unknown.clear();
    this.origins = null;
  }
}

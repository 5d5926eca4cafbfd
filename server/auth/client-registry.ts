import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Database } from '../store/database';
import { findClient, type RegisteredClient } from '../store/registry';

interface Entry {
  readonly client: RegisteredClient | null;
  /** The registered JWK Set, imported once. */
  readonly keys: JWTVerifyGetKey | null;
  readonly at: number;
}

/**
 * CDS client registrations with their imported keys, held in memory so that verifying a hook call
 * costs no query and no key import. Changes made through this process apply at once; on other
 * instances within the refresh interval (so a revocation takes effect everywhere within it).
 */
export class ClientRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: Database,
    private readonly refreshMs: number,
  ) {}

  async get(issuer: string): Promise<Entry> {
    const now = Date.now();
    const cached = this.entries.get(issuer);
    if (cached && now - cached.at < this.refreshMs) return cached;
    const client = await findClient(this.db, issuer);
    const entry = { client, keys: client?.jwks ? createLocalJWKSet(client.jwks as Parameters<typeof createLocalJWKSet>[0]) : null, at: now };
    this.entries.set(issuer, entry);
    return entry;
  }

  invalidate(): void {
    this.entries.clear();
  }
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from './database';

export const API_ROLES = ['quality', 'admin', 'platform'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** Who calls the JSON API: a named token with a role, for one hospital (quality, admin) or the region (platform). */
export interface Principal {
  readonly tokenId: string;
  readonly name: string;
  readonly role: ApiRole;
  readonly hospitalId: string | null;
}

export interface ApiTokenRecord extends Principal {
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** Only the hash is stored: a leaked database gives no usable token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a token and returns it once, in clear; it cannot be shown again. */
export async function createApiToken(
  db: Database,
  input: { name: string; role: ApiRole; hospitalId: string | null },
  now: Date,
): Promise<{ token: string; record: ApiTokenRecord }> {
  const token = `hrn_${randomBytes(32).toString('base64url')}`;
  const record: ApiTokenRecord = {
    tokenId: randomUUID(),
    name: input.name,
    role: input.role,
    hospitalId: input.hospitalId,
    createdAt: now.toISOString(),
    revokedAt: null,
  };
  await db('api_tokens').insert({
    id: record.tokenId,
    name: record.name,
    role: record.role,
    hospital_id: record.hospitalId,
    token_hash: tokenHash(token),
    created_at: record.createdAt,
    revoked_at: null,
  });
  return { token, record };
}

interface TokenRow {
  id: string;
  name: string;
  role: ApiRole;
  hospital_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

function toRecord(row: TokenRow): ApiTokenRecord {
  return {
    tokenId: row.id,
    name: row.name,
    role: row.role,
    hospitalId: row.hospital_id,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export async function findApiToken(db: Database, token: string): Promise<ApiTokenRecord | null> {
  const row = await db<TokenRow>('api_tokens').where('token_hash', tokenHash(token)).first();
  return row ? toRecord(row) : null;
}

export async function listApiTokens(db: Database): Promise<ApiTokenRecord[]> {
  return (await db<TokenRow>('api_tokens').orderBy('created_at')).map(toRecord);
}

export async function revokeApiToken(db: Database, tokenId: string, now: Date): Promise<boolean> {
  return (
    (await db('api_tokens').where('id', tokenId).whereNull('revoked_at').update({ revoked_at: now.toISOString() })) > 0
  );
}

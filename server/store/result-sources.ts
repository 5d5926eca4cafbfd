import { randomBytes } from 'node:crypto';
import { tokenHash } from './api-tokens';
import type { z } from 'zod';
import type { quarantinedMessageSchema, ResultSource, sourceStatusSchema } from '../contract/sources';
import type { Database } from './database';

/** A registered source as the ingest needs it. */
export interface RegisteredSource extends ResultSource {
  readonly revoked: boolean;
}

interface SourceRow {
  id: string;
  name: string;
  format: string;
  institutions: string;
  facilities: string | null;
  charset: string;
  local_code_system: string | null;
  peers: string | null;
  identifier_types: string | null;
  revoked_at: string | null;
}

function toSource(row: SourceRow): RegisteredSource {
  return {
    id: row.id,
    name: row.name,
    format: row.format as ResultSource['format'],
    institutions: JSON.parse(row.institutions) as string[],
    ...(row.facilities ? { facilities: JSON.parse(row.facilities) as Record<string, string> } : {}),
    charset: row.charset as ResultSource['charset'],
    ...(row.local_code_system ? { localCodeSystem: row.local_code_system } : {}),
    ...(row.peers ? { peers: JSON.parse(row.peers) as string[] } : {}),
    ...(row.identifier_types ? { identifierTypes: JSON.parse(row.identifier_types) as Record<string, string> } : {}),
    revoked: row.revoked_at !== null,
  };
}

/** Registers (or re-registers) a source and gives it a new bearer token; only the token's hash is kept. */
export async function saveSource(db: Database, source: ResultSource, now: Date): Promise<string> {
  const token = `hrs_${randomBytes(32).toString('base64url')}`;
  await db('result_sources')
    .insert({
      id: source.id,
      name: source.name,
      format: source.format,
      institutions: JSON.stringify(source.institutions),
      facilities: source.facilities ? JSON.stringify(source.facilities) : null,
      charset: source.charset,
      local_code_system: source.localCodeSystem ?? null,
      token_hash: tokenHash(token),
      peers: source.peers ? JSON.stringify(source.peers) : null,
      identifier_types: source.identifierTypes ? JSON.stringify(source.identifierTypes) : null,
      created_at: now.toISOString(),
      revoked_at: null,
    })
    .onConflict('id')
    .merge();
  return token;
}

export async function sourceByToken(db: Database, token: string): Promise<RegisteredSource | null> {
  const row = await db<SourceRow>('result_sources').where('token_hash', tokenHash(token)).first();
  return row ? toSource(row) : null;
}

export async function findSource(db: Database, id: string): Promise<RegisteredSource | null> {
  const row = await db<SourceRow>('result_sources').where('id', id).first();
  return row ? toSource(row) : null;
}

/** Every registered source, revoked ones too (their status is shown). */
export async function listSources(db: Database): Promise<RegisteredSource[]> {
  return (await db<SourceRow>('result_sources').orderBy('id')).map(toSource);
}

/**
 * Each source (or the one `only` names) with when it last sent, how many messages today (from
 * `since`) and how many wait in quarantine.
 */
export async function sourceStatuses(
  db: Database,
  since: string,
  only?: string,
): Promise<z.infer<typeof sourceStatusSchema>[]> {
  const scoped = (query: ReturnType<Database>) => (only === undefined ? query : query.where('source_id', only));
  const sources = (await listSources(db)).filter((source) => only === undefined || source.id === only);
  const received = await scoped(db('received_messages'))
    .select('source_id')
    .max({ last: 'received_at' })
    .groupBy('source_id');
  const today = await scoped(db('received_messages'))
    .where('received_at', '>=', since)
    .select('source_id')
    .count({ n: '*' })
    .groupBy('source_id');
  const waiting = await scoped(db('quarantine'))
    .whereNull('replayed_at')
    .select('source_id')
    .count({ n: '*' })
    .groupBy('source_id');
  const by = <T extends { source_id: string }>(rows: T[]) => new Map(rows.map((row) => [row.source_id, row]));
  const last = by(received as { source_id: string; last: string | null }[]);
  const counted = by(today as { source_id: string; n: number | string }[]);
  const held = by(waiting as { source_id: string; n: number | string }[]);
  return sources.map((source) => ({
    id: source.id,
    name: source.name,
    format: source.format,
    institutions: [...source.institutions],
    charset: source.charset,
    revoked: source.revoked,
    lastReceivedAt: last.get(source.id)?.last ?? null,
    receivedPastDay: Number(counted.get(source.id)?.n ?? 0),
    quarantined: Number(held.get(source.id)?.n ?? 0),
  }));
}

/** How a message a source sent before was answered, or null when it is new (its control id unseen). */
export async function receivedBefore(db: Database, sourceId: string, controlId: string): Promise<string | null> {
  const row = await db('received_messages').where({ source_id: sourceId, control_id: controlId }).first('outcome');
  return (row as { outcome: string } | undefined)?.outcome ?? null;
}

export async function recordReceived(
  db: Database,
  sourceId: string,
  controlId: string,
  outcome: 'stored' | 'quarantined',
  now: Date,
): Promise<void> {
  await db('received_messages')
    .insert({ source_id: sourceId, control_id: controlId, received_at: now.toISOString(), outcome })
    .onConflict(['source_id', 'control_id'])
    .merge(['outcome', 'received_at']);
}

export type Quarantined = z.infer<typeof quarantinedMessageSchema>;

interface QuarantineRow {
  id: number;
  source_id: string;
  received_at: string;
  format: string;
  control_id: string | null;
  reason: string;
  raw: string;
  replayed_at: string | null;
}

const toQuarantined = (row: QuarantineRow): Quarantined => ({
  id: Number(row.id),
  sourceId: row.source_id,
  receivedAt: row.received_at,
  format: row.format as Quarantined['format'],
  controlId: row.control_id,
  reason: row.reason,
  raw: row.raw,
  replayedAt: row.replayed_at,
});

export async function quarantine(
  db: Database,
  entry: { sourceId: string; format: Quarantined['format']; controlId: string | null; reason: string; raw: string },
  now: Date,
): Promise<number> {
  const [row] = await db('quarantine')
    .insert({
      source_id: entry.sourceId,
      received_at: now.toISOString(),
      format: entry.format,
      control_id: entry.controlId,
      reason: entry.reason,
      raw: entry.raw,
      replayed_at: null,
    })
    .returning('id');
  return Number(typeof row === 'object' ? (row as { id: number }).id : row);
}

/** Messages still waiting, newest first; of the given sources only (a hospital's), or all. */
export async function listQuarantine(
  db: Database,
  filter: { sourceIds?: readonly string[]; limit: number },
): Promise<Quarantined[]> {
  const query = db<QuarantineRow>('quarantine').whereNull('replayed_at').orderBy('id', 'desc').limit(filter.limit);
  if (filter.sourceIds) void query.whereIn('source_id', [...filter.sourceIds]);
  return (await query).map(toQuarantined);
}

export async function findQuarantined(db: Database, id: number): Promise<Quarantined | null> {
  const row = await db<QuarantineRow>('quarantine').where('id', id).first();
  return row ? toQuarantined(row) : null;
}

export async function markReplayed(db: Database, id: number, now: Date): Promise<void> {
  await db('quarantine').where('id', id).update({ replayed_at: now.toISOString() });
}

/** What a source sent since an instant, by UTC hour (`YYYY-MM-DDTHH`): messages filed and messages quarantined. */
export async function sourceHourlyCounts(
  db: Database,
  sourceId: string,
  since: string,
): Promise<{ readonly hour: string; readonly stored: number; readonly quarantined: number }[]> {
  const hour = db.raw('substr(received_at, 1, 13)');
  const filed = (await db('received_messages')
    .where({ source_id: sourceId, outcome: 'stored' })
    .andWhere('received_at', '>=', since)
    .select({ hour })
    .count({ n: '*' })
    .groupByRaw('substr(received_at, 1, 13)')) as { hour: string; n: number | string }[];
  // Every refusal as it happened, replayed since or not: the quarantine keeps each arrival.
  const held = (await db('quarantine')
    .where('source_id', sourceId)
    .andWhere('received_at', '>=', since)
    .select({ hour })
    .count({ n: '*' })
    .groupByRaw('substr(received_at, 1, 13)')) as { hour: string; n: number | string }[];
  const hours = new Map<string, { stored: number; quarantined: number }>();
  const at = (key: string) => hours.get(key) ?? hours.set(key, { stored: 0, quarantined: 0 }).get(key)!;
  for (const row of filed) at(row.hour).stored += Number(row.n);
  for (const row of held) at(row.hour).quarantined += Number(row.n);
  return [...hours].map(([key, counts]) => ({ hour: key, ...counts }));
}

/** Why a source's messages were quarantined since an instant: the most frequent reasons first. */
export async function quarantineReasons(
  db: Database,
  sourceId: string,
  since: string,
  limit: number,
): Promise<{ readonly reason: string; readonly count: number; readonly lastAt: string }[]> {
  const rows = (await db('quarantine')
    .where('source_id', sourceId)
    .andWhere('received_at', '>=', since)
    .select('reason')
    .count({ n: '*' })
    .max({ last: 'received_at' })
    .groupBy('reason')
    .orderBy([
      { column: 'n', order: 'desc' },
      { column: 'reason', order: 'asc' },
    ])
    .limit(limit)) as { reason: string; n: number | string; last: string }[];
  return rows.map((row) => ({ reason: row.reason, count: Number(row.n), lastAt: row.last }));
}

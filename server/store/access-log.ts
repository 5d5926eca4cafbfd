import type { z } from 'zod';
import type { accessEntrySchema } from '../contract/access-log';
import { bool, type Database } from './database';

/** The log's entries have the contract's shape (GET /api/access-log adds the hospital's name from the registry). */
export type StoredAccessEntry = Omit<z.infer<typeof accessEntrySchema>, 'hospitalName'>;
export type ActorKind = StoredAccessEntry['actorKind'];
/** One read of one patient's results, before the log numbers it. */
export type AccessEntry = Omit<StoredAccessEntry, 'id'>;

interface AccessRow {
  id: number | string;
  at: string;
  hospital_id: string | null;
  actor_kind: string;
  actor: string;
  actor_name: string | null;
  patient_key: string;
  endpoint: string;
  results: number | string;
  refused: number | boolean;
}

/** Appends; the table has no update path (a trigger refuses it) and only retention deletes. */
export async function appendAccess(db: Database, entries: readonly AccessEntry[]): Promise<void> {
  for (let index = 0; index < entries.length; index += 200) {
    await db('access_log').insert(
      entries.slice(index, index + 200).map((entry) => ({
        at: entry.at,
        hospital_id: entry.hospitalId,
        actor_kind: entry.actorKind,
        actor: entry.actor.slice(0, 255),
        actor_name: entry.actorName?.slice(0, 200) ?? null,
        patient_key: entry.patientKey,
        endpoint: entry.endpoint.slice(0, 100),
        results: entry.results,
        refused: entry.refused,
      })),
    );
  }
}

export interface AccessQuery {
  /** Only this hospital's entries; undefined: every hospital's (the platform). */
  readonly hospitalId?: string;
  readonly patientKey?: string;
  readonly endpoint?: string;
  readonly from?: string;
  readonly to?: string;
  /** Entries older than this id (the previous page's last). */
  readonly before?: number;
  readonly limit: number;
}

type AccessFilters = Omit<AccessQuery, 'before' | 'limit'>;

/** The entries the filters select, of any page. */
function filtered(db: Database, query: AccessFilters) {
  const rows = db<AccessRow>('access_log');
  if (query.hospitalId !== undefined) void rows.where('hospital_id', query.hospitalId);
  if (query.patientKey !== undefined) void rows.where('patient_key', query.patientKey);
  if (query.endpoint !== undefined) void rows.where('endpoint', query.endpoint);
  if (query.from !== undefined) void rows.where('at', '>=', query.from);
  if (query.to !== undefined) void rows.where('at', '<', query.to);
  return rows;
}

/** How many entries the filters select. */
export async function countAccess(db: Database, query: AccessFilters): Promise<number> {
  const row = (await filtered(db, query).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** Newest first, one page. */
export async function listAccess(db: Database, query: AccessQuery): Promise<StoredAccessEntry[]> {
  const rows = filtered(db, query).orderBy('id', 'desc').limit(query.limit);
  if (query.before !== undefined) void rows.where('id', '<', query.before);
  return (await rows).map((row) => ({
    id: Number(row.id),
    at: row.at,
    hospitalId: row.hospital_id,
    actorKind: row.actor_kind as ActorKind,
    actor: row.actor,
    actorName: row.actor_name,
    patientKey: row.patient_key,
    endpoint: row.endpoint,
    results: Number(row.results),
    refused: bool(row.refused),
  }));
}

/** Retention: removes entries older than the cutoff; the only way rows leave the log. */
export async function pruneAccessLog(db: Database, cutoff: Date): Promise<number> {
  return db('access_log').where('at', '<', cutoff.toISOString()).delete();
}

/** Entries older than this leave the log: ACCESS_LOG_RETENTION_DAYS before now. */
export function accessLogRetentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 24 * 60 * 60_000);
}

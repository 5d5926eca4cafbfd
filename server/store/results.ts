import { randomUUID } from 'node:crypto';
import type { ResultFacts, ResultStatus } from '../../rules';
import { isUniqueViolation, type Database } from './database';
import type { Report } from '../contract/report';
import { preparedRows } from './prepared-read';

/** An external result in the index: one row per report, keyed by the patient's HMAC, never the identifier. */
export interface StoredResult extends ResultFacts {
  readonly patientKey: string;
  /** `system|value` of the report's identifier at the performing institution. */
  readonly reportKey: string;
  readonly issuedAt: string | null;
  readonly report: Report;
  readonly version: number;
}

export interface IncomingResult {
  readonly patientKey: string;
  readonly itemCode: string;
  readonly institutionId: string;
  readonly reportKey: string;
  readonly status: ResultStatus;
  readonly effectiveAt: string;
  readonly issuedAt: string | null;
  readonly mark: string | null;
  readonly method: string | null;
  readonly brand: string | null;
  readonly report: Report;
  /**
   * The source's own version of the report, when it gives one (numbers, or UTC instants): an incoming
   * version older than the stored one is not applied. Null always applies (and withdrawals carry none).
   */
  readonly sourceVersion?: string | null;
}

/** Whether `incoming` is a version the source made before `stored` (versions that arrive out of order). */
export function olderVersion(incoming: string | null | undefined, stored: string | null | undefined): boolean {
  if (!incoming || !stored) return false;
  const [a, b] = [Number(incoming), Number(stored)];
  return Number.isFinite(a) && Number.isFinite(b) ? a < b : incoming < stored;
}

export type UpsertOutcome = { readonly id: string; readonly created: boolean; readonly version: number };

interface ResultRow {
  id: string;
  patient_key: string;
  item_code: string;
  institution_id: string;
  report_key: string;
  status: string;
  effective_at: string;
  issued_at: string | null;
  mark: string | null;
  method: string | null;
  brand: string | null;
  report: string;
  version: number;
}

function toResult(row: ResultRow): StoredResult {
  let report: Report | undefined;
  return {
    id: row.id,
    patientKey: row.patient_key,
    itemCode: row.item_code,
    institutionId: row.institution_id,
    reportKey: row.report_key,
    status: row.status as ResultStatus,
    effectiveAt: row.effective_at,
    issuedAt: row.issued_at,
    mark: row.mark,
    testSystem: { method: row.method, brand: row.brand },
    // Read only when a card, the app or explain shows it: the rules never look at it, and most of a
    // patient's results never reach a card. Not parsed by its schema (issue 22 point 5): we wrote it,
    // from a typed Report built by the ingest, and the schema fills in nothing.
    get report() {
      return (report ??= JSON.parse(row.report) as Report);
    },
    // Asked only of panel reports, so most results are never parsed for it either.
    get analyteNames() {
      const read = this.report;
      return read.kind === 'lab' ? read.values.map((value) => value.name) : undefined;
    },
    version: Number(row.version),
  };
}

const COLUMNS = [
  'id',
  'patient_key',
  'item_code',
  'institution_id',
  'report_key',
  'status',
  'effective_at',
  'issued_at',
  'mark',
  'method',
  'brand',
  'report',
  'version',
] as const;

/**
 * A patient's results, of some items or all: the read of every hook call and HIS check, so it runs
 * prepared, its SQL built once per number of items (server/store/prepared-read.ts).
 */
export async function resultsForPatient(
  db: Database,
  patientKey: string,
  itemCodes?: readonly string[],
): Promise<StoredResult[]> {
  if (itemCodes?.length === 0) return [];
  const items = itemCodes ? [...itemCodes] : [];
  const rows = await preparedRows<ResultRow>(
    db,
    `results-for-patient-${itemCodes ? items.length : 'all'}`,
    () => {
      const query = db('results')
        .select([...COLUMNS])
        .where('patient_key', '');
      return itemCodes ? query.whereIn('item_code', items) : query;
    },
    [patientKey, ...items],
  );
  return rows.map(toResult);
}

/**
 * A new report is inserted; a later version of the same report (same institution and identifier)
 * replaces the earlier one, so an amendment or an entered-in-error status takes effect in place.
 */
export async function upsertResult(db: Database, incoming: IncomingResult, now: Date): Promise<UpsertOutcome> {
  try {
    // A savepoint, so that on PostgreSQL a failed insert does not abort the caller's transaction.
    return await db.transaction((savepoint) => upsertOnce(savepoint, incoming, now));
  } catch (error) {
    // Two submissions of a new report raced to insert it: the loser updates the winner's row.
    if (!isUniqueViolation(error)) throw error;
    return upsertOnce(db, incoming, now);
  }
}

async function upsertOnce(db: Database, incoming: IncomingResult, now: Date): Promise<UpsertOutcome> {
  const existing = await db<ResultRow & { source_version: string | null }>('results')
    .select('id', 'version', 'source_version')
    .where({ institution_id: incoming.institutionId, report_key: incoming.reportKey })
    .first();
  const fields = rowFields(incoming, now);
  if (existing && olderVersion(incoming.sourceVersion, existing.source_version))
    return { id: existing.id, created: false, version: Number(existing.version) };
  if (existing) {
    const version = Number(existing.version) + 1;
    await db('results')
      .where('id', existing.id)
      .update({ ...fields, version });
    return { id: existing.id, created: false, version };
  }
  const id = randomUUID();
  await db('results').insert({
    id,
    institution_id: incoming.institutionId,
    report_key: incoming.reportKey,
    ...fields,
    version: 1,
    ingested_at: now.toISOString(),
  });
  return { id, created: true, version: 1 };
}

const CHUNK = 100;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/**
 * Many reports at once (one Bundle), in the caller's transaction: one lookup per hundred reports and
 * multi-row inserts for the new ones, instead of several statements per report. Later versions of a
 * report in the same call apply in order. Should a concurrent submission insert one of these reports
 * first, that chunk falls back to report-by-report upserts.
 */
export async function upsertResults(
  db: Database,
  incoming: readonly IncomingResult[],
  now: Date,
): Promise<UpsertOutcome[]> {
  const outcomes: UpsertOutcome[] = [];
  for (const chunk of chunks(incoming, CHUNK)) {
    const pairs = chunk.map((result) => [result.institutionId, result.reportKey]);
    // A row-value lookup, so the (institution_id, report_key) unique index answers it.
    const rows = await db('results')
      .select<
        { id: string; version: number; institution_id: string; report_key: string; source_version: string | null }[]
      >('id', 'version', 'institution_id', 'report_key', 'source_version')
      .whereIn(['institution_id', 'report_key'], pairs);
    const known = new Map<string, { id: string; version: number; sourceVersion: string | null }>(
      rows.map((row) => [
        `${row.institution_id}\u0000${row.report_key}`,
        { id: row.id, version: Number(row.version), sourceVersion: row.source_version },
      ]),
    );
    const inserts: Record<string, unknown>[] = [];
    const updates: (() => Promise<unknown>)[] = [];
    for (const result of chunk) {
      const key = `${result.institutionId}\u0000${result.reportKey}`;
      const fields = rowFields(result, now);
      const existing = known.get(key);
      if (existing && olderVersion(result.sourceVersion, existing.sourceVersion)) {
        outcomes.push({ id: existing.id, created: false, version: existing.version });
      } else if (existing) {
        const version = existing.version + 1;
        known.set(key, { id: existing.id, version, sourceVersion: result.sourceVersion ?? existing.sourceVersion });
        updates.push(() =>
          db('results')
            .where('id', existing.id)
            .update({ ...fields, version }),
        );
        outcomes.push({ id: existing.id, created: false, version });
      } else {
        const id = randomUUID();
        known.set(key, { id, version: 1, sourceVersion: result.sourceVersion ?? null });
        inserts.push({
          id,
          institution_id: result.institutionId,
          report_key: result.reportKey,
          ...fields,
          version: 1,
          ingested_at: now.toISOString(),
        });
        outcomes.push({ id, created: true, version: 1 });
      }
    }
    try {
      await db.transaction(async (savepoint) => {
        if (inserts.length > 0) await savepoint('results').insert(inserts);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      outcomes.splice(outcomes.length - chunk.length, chunk.length);
      for (const result of chunk) outcomes.push(await upsertResult(db, result, now));
      continue;
    }
    for (const update of updates) await update();
  }
  return outcomes;
}

function rowFields(incoming: IncomingResult, now: Date): Record<string, unknown> {
  return {
    patient_key: incoming.patientKey,
    item_code: incoming.itemCode,
    status: incoming.status,
    effective_at: incoming.effectiveAt,
    issued_at: incoming.issuedAt,
    mark: incoming.mark,
    method: incoming.method,
    brand: incoming.brand,
    report: JSON.stringify(incoming.report),
    // A version without one (a withdrawal) keeps the stored version: an older one still cannot come back.
    ...(incoming.sourceVersion ? { source_version: incoming.sourceVersion } : {}),
    updated_at: now.toISOString(),
  };
}

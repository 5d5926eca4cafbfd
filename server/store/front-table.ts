import knex, { type Knex } from 'knex';
import type { Database } from './database';

/** A hospital's or platform's front table (前置机), read through knex's driver for its database. */
export type FrontTableDatabase = Knex;

export interface FrontTableConnection {
  /** knex's client: pg, mysql2 (MySQL and MariaDB), sqlite3; oracledb and tedious (SQL Server) once installed. */
  readonly client: string;
  readonly connection: string | Record<string, unknown>;
}

export function openFrontTable(settings: FrontTableConnection): FrontTableDatabase {
  return knex({
    client: settings.client,
    connection: settings.connection as Knex.StaticConnectionConfig,
    useNullAsDefault: true,
    pool: { min: 0, max: 2 },
  });
}

/** Rows past the watermark, in its order: only reading, never writing the hospital's table. */
export async function rowsAfter(
  db: FrontTableDatabase,
  table: string,
  watermarkColumn: string,
  after: string | null,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const query = db(table).select('*').orderBy(watermarkColumn, 'asc').limit(limit);
  if (after !== null) void query.where(watermarkColumn, '>', after);
  return (await query) as Record<string, unknown>[];
}

export async function watermarkOf(db: Database, sourceId: string): Promise<string | null> {
  const row = await db('front_table_watermarks').where('source_id', sourceId).first('watermark');
  return (row as { watermark: string } | undefined)?.watermark ?? null;
}

export async function saveWatermark(db: Database, sourceId: string, watermark: string, now: Date): Promise<void> {
  await db('front_table_watermarks')
    .insert({ source_id: sourceId, watermark, updated_at: now.toISOString() })
    .onConflict('source_id')
    .merge();
}

import type { Knex } from 'knex';
import type { Database } from './database';
import { figureColumns, type FigureRow } from './quality-figures';

export interface ReasonCount {
  readonly system: string | null;
  readonly code: string | null;
  /** The display of the reason's first order (time order). */
  readonly display: string | null;
  readonly count: number;
  readonly counted: boolean;
}

/** The reasons given for not recognising an external result, counted apart by whether they count as non-recognition. */
export function reasonFigure(db: Database, figure: string): Knex.QueryBuilder {
  const inner = db
    .select(
      'o.reason_system',
      'o.reason_code',
      'o.reason_display',
      'o.outcome',
      db.raw(
        'ROW_NUMBER() OVER (PARTITION BY o.reason_system, o.reason_code, o.outcome ORDER BY o.seq) AS display_rank',
      ),
    )
    .from('o')
    .where('o.scope', 'external')
    .whereIn('o.outcome', ['overridden', 'not-counted']);
  return db
    .select(
      figureColumns(db, figure, {
        key1: 'g.reason_system',
        key2: 'g.reason_code',
        key3: 'g.outcome',
        label: 'MAX(CASE WHEN g.display_rank = 1 THEN g.reason_display END)',
        orders: 'COUNT(*)',
      }),
    )
    .from(inner.as('g'))
    .groupBy('g.reason_system', 'g.reason_code', 'g.outcome');
}

export function reasonCounts(rows: readonly FigureRow[] = []): ReasonCount[] {
  return rows.map((row) => ({
    system: row.key1,
    code: row.key2,
    display: row.label,
    count: row.orders,
    counted: row.key3 === 'overridden',
  }));
}

export interface ExceptionCounts {
  readonly overridden: number;
  readonly informed: number;
  readonly explanationMissing: number;
}

/** External orders not recognised for a reason that counts, how many with the patient informed, and how many lack their explanation. */
export function exceptionFigure(db: Database, figure: string): Knex.QueryBuilder {
  return db
    .select(
      figureColumns(db, figure, {
        orders: 'COUNT(*)',
        informed: 'SUM(CASE WHEN o.notification IS NULL THEN 0 ELSE 1 END)',
        missing: 'SUM(CASE WHEN o.explanation_missing = 1 THEN 1 ELSE 0 END)',
      }),
    )
    .from('o')
    .where({ 'o.scope': 'external', 'o.outcome': 'overridden' });
}

export function exceptionCounts(rows: readonly FigureRow[] = []): ExceptionCounts {
  const row = rows[0];
  return { overridden: row?.orders ?? 0, informed: row?.informed ?? 0, explanationMissing: row?.missing ?? 0 };
}

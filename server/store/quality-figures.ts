import type { Knex } from 'knex';
import type { Database } from './database';
import { filteredOrders, type OrderCriteria, type OrderPeriod } from './quality-orders';

/**
 * Every figure of a period comes out of one statement: the derived orders are worked out once (a
 * materialized CTE `o`), and each figure is a GROUP BY over them, its rows in one common shape so the
 * figures can be joined with UNION ALL. Keys and label are text, the rest integers (typed, so PostgreSQL
 * can match the members' columns).
 */
const FIGURE_COLUMNS = [
  'key1',
  'key2',
  'key3',
  'label',
  'first_seq',
  'orders',
  'prompts',
  'accepted',
  'overridden',
  'not_counted',
  'no_decision',
  'unexplained',
  'saving_fen',
  'informed',
  'missing',
] as const;
type FigureColumn = (typeof FIGURE_COLUMNS)[number];
const COUNTS: ReadonlySet<FigureColumn> = new Set([
  'orders',
  'prompts',
  'accepted',
  'overridden',
  'not_counted',
  'no_decision',
  'unexplained',
  'saving_fen',
  'informed',
  'missing',
]);

/** How many orders of a group ended how, and what the accepted ones saved. */
export interface OutcomeCounts {
  readonly orders: number;
  readonly prompts: number;
  readonly accepted: number;
  readonly overridden: number;
  readonly notCounted: number;
  readonly noDecision: number;
  readonly unexplained: number;
  readonly savingFen: number;
}

export interface FigureRow extends OutcomeCounts {
  readonly figure: string;
  readonly key1: string | null;
  readonly key2: string | null;
  readonly key3: string | null;
  readonly label: string | null;
  readonly firstSeq: number;
  readonly informed: number;
  readonly missing: number;
}

/** The select list of a figure: the SQL given for some columns, 0 or NULL for the rest. */
export function figureColumns(
  db: Database,
  figure: string,
  columns: Partial<Record<FigureColumn, string>>,
): Knex.Raw[] {
  return [
    db.raw('CAST(? AS VARCHAR(40)) AS figure', [figure]),
    ...FIGURE_COLUMNS.map((column) => {
      const expression = columns[column] ?? (COUNTS.has(column) ? '0' : 'NULL');
      return db.raw(
        `CAST(${expression} AS ${COUNTS.has(column) || column === 'first_seq' ? 'BIGINT' : 'VARCHAR(400)'}) AS ${column}`,
      );
    }),
  ];
}

/**
 * The queries joined with UNION ALL, each as a subquery (knex would put a member's GROUP BY after the
 * UNION, and SQLite allows no parentheses around a member).
 */
export function unionOf(db: Database, queries: readonly Knex.QueryBuilder[]): Knex.QueryBuilder {
  const [first, ...rest] = queries.map((query, index) => db.select('*').from(query.as(`member_${index}`)));
  if (!first) throw new Error('a union of no queries');
  return first.unionAll(rest);
}

/** Runs the figures over the filtered orders in one statement. */
export function figureRows(
  db: Database,
  period: OrderPeriod,
  criteria: OrderCriteria,
  figures: readonly Knex.QueryBuilder[],
): Promise<Map<string, FigureRow[]>> {
  return figureRowsOver(db, filteredOrders(db, period, criteria), figures);
}

/** Runs the figures over the orders of a query that defines `o` (`filteredOrders` or another selection). */
export async function figureRowsOver(
  db: Database,
  orders: Knex.QueryBuilder,
  figures: readonly Knex.QueryBuilder[],
): Promise<Map<string, FigureRow[]>> {
  const rows: Record<string, unknown>[] = await orders.select('*').from(unionOf(db, figures).as('figures'));
  const byFigure = new Map<string, FigureRow[]>();
  for (const row of rows) {
    const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
    const figure: FigureRow = {
      figure: String(row.figure),
      key1: text(row.key1),
      key2: text(row.key2),
      key3: text(row.key3),
      label: text(row.label),
      firstSeq: Number(row.first_seq ?? 0),
      orders: Number(row.orders),
      prompts: Number(row.prompts),
      accepted: Number(row.accepted),
      overridden: Number(row.overridden),
      notCounted: Number(row.not_counted),
      noDecision: Number(row.no_decision),
      unexplained: Number(row.unexplained),
      savingFen: Number(row.saving_fen),
      informed: Number(row.informed),
      missing: Number(row.missing),
    };
    const known = byFigure.get(figure.figure);
    if (known) known.push(figure);
    else byFigure.set(figure.figure, [figure]);
  }
  return byFigure;
}

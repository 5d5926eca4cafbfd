import type { Database } from './database';
import { filteredOrders, type OrderCriteria, type OrderPeriod } from './quality-orders';

export interface ReasonCount {
  readonly system: string | null;
  readonly code: string | null;
  /** The display of the reason's first order (time order). */
  readonly display: string | null;
  readonly count: number;
  readonly counted: boolean;
}

/** The reasons given for not recognising an external result, counted apart by whether they count as non-recognition. */
export async function reasonCounts(db: Database, period: OrderPeriod, criteria: OrderCriteria): Promise<ReasonCount[]> {
  const inner = db
    .select('o.reason_system', 'o.reason_code', 'o.reason_display', 'o.outcome', db.raw('ROW_NUMBER() OVER (PARTITION BY o.reason_system, o.reason_code, o.outcome ORDER BY o.seq) AS display_rank'))
    .from('o')
    .where('o.scope', 'external')
    .whereIn('o.outcome', ['overridden', 'not-counted']);
  const rows: { reason_system: string | null; reason_code: string | null; outcome: string; display: string | null; count: number | string }[] = await filteredOrders(db, period, criteria)
    .select('g.reason_system', 'g.reason_code', 'g.outcome', db.raw('MAX(CASE WHEN g.display_rank = 1 THEN g.reason_display END) AS display'), db.raw('COUNT(*) AS count'))
    .from(inner.as('g'))
    .groupBy('g.reason_system', 'g.reason_code', 'g.outcome');
  return rows.map((row) => ({ system: row.reason_system, code: row.reason_code, display: row.display, count: Number(row.count), counted: row.outcome === 'overridden' }));
}

export interface ExceptionCounts {
  readonly overridden: number;
  readonly informed: number;
  readonly explanationMissing: number;
}

/** External orders not recognised for a reason that counts, how many with the patient informed, and how many lack their explanation. */
export async function exceptionCounts(db: Database, period: OrderPeriod, criteria: OrderCriteria): Promise<ExceptionCounts> {
  const row: { overridden: number | string; informed: number | string | null; missing: number | string | null } = await filteredOrders(db, period, criteria)
    .first(
      db.raw('COUNT(*) AS overridden'),
      db.raw('SUM(CASE WHEN o.notification IS NULL THEN 0 ELSE 1 END) AS informed'),
      db.raw('SUM(CASE WHEN o.explanation_missing = 1 THEN 1 ELSE 0 END) AS missing'),
    )
    .from('o')
    .where({ 'o.scope': 'external', 'o.outcome': 'overridden' });
  return { overridden: Number(row.overridden), informed: Number(row.informed ?? 0), explanationMissing: Number(row.missing ?? 0) };
}

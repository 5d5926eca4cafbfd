import type { Database } from './database';
import { filteredOrders, type OrderCriteria, type OrderFactsRow, type OrderPeriod } from './quality-orders';

/** The columns the orders list sorts by, as SQL over the derived order `o`. */
const SORT_COLUMNS = {
  createdAt: 'o.created_at',
  department: `COALESCE(o.department_name, '')`,
  doctor: 'COALESCE(o.doctor_name, o.doctor_ref)',
  item: 'o.item_name',
  outcome: 'o.outcome',
} as const;

export interface OrderSort {
  readonly sort: keyof typeof SORT_COLUMNS;
  readonly order: 'asc' | 'desc';
}

/**
 * A page of the filtered orders: by the sort column, then time, then the order's first card id, all in
 * the same direction, so page boundaries are stable; and how many orders there are in all.
 */
export async function orderPage(db: Database, period: OrderPeriod, criteria: OrderCriteria, sort: OrderSort, page: { readonly offset: number; readonly limit: number }): Promise<{ total: number; rows: OrderFactsRow[] }> {
  const direction = sort.order === 'asc' ? 'ASC' : 'DESC';
  const [rows, counted] = await Promise.all([
    filteredOrders(db, period, criteria)
      .select('o.*')
      .from('o')
      .orderByRaw(`${SORT_COLUMNS[sort.sort]} ${direction}, o.created_at ${direction}, o.prompt_id ${direction}`)
      .limit(page.limit)
      .offset(page.offset) as Promise<OrderFactsRow[]>,
    filteredOrders(db, period, criteria).count({ total: '*' }).from('o').first() as Promise<{ total: number | string } | undefined>,
  ]);
  return { total: Number(counted?.total ?? 0), rows };
}

/** Every filtered order in the list's order, a bounded chunk at a time (the CSV export streams them). */
export async function* orderChunks(db: Database, period: OrderPeriod, criteria: OrderCriteria, sort: OrderSort, chunk: number): AsyncGenerator<OrderFactsRow[]> {
  for (let offset = 0; ; offset += chunk) {
    const { rows } = await orderPage(db, period, criteria, sort, { offset, limit: chunk });
    if (rows.length > 0) yield rows;
    if (rows.length < chunk) return;
  }
}

/** The ids of every card of the given orders (in the period), in the order they were shown. */
export async function cardIdsOf(db: Database, period: OrderPeriod, orderIds: readonly string[]): Promise<Map<string, string[]>> {
  const cards = new Map<string, string[]>();
  if (orderIds.length === 0) return cards;
  const rows: { id: string; order_id: string }[] = await db('prompts as p')
    .join('items as i', 'i.code', 'p.item_code')
    .where('p.hospital_id', period.hospitalId)
    .andWhere('p.created_on', '>=', period.from)
    .andWhere('p.created_on', '<=', period.to)
    .where((where) => where.whereIn('p.order_key', orderIds).orWhere((own) => own.whereNull('p.order_key').whereIn('p.id', orderIds)))
    .orderBy([{ column: 'p.created_at' }, { column: 'p.service_id' }, { column: 'p.id' }])
    .select('p.id', db.raw('COALESCE(p.order_key, p.id) AS order_id'));
  for (const row of rows) cards.set(row.order_id, [...(cards.get(row.order_id) ?? []), row.id]);
  return cards;
}

/**
 * One order per distinct value of a facet (an SQL expression over `o`): the latest order with that value,
 * the values in the order they first occurred (the console's filter choices).
 */
export async function facetRows(db: Database, period: OrderPeriod, key: string, withReason = false): Promise<OrderFactsRow[]> {
  const inner = db
    .select('o.*', db.raw(`ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY o.seq DESC) AS last_rank`), db.raw(`MIN(o.seq) OVER (PARTITION BY ${key}) AS first_seq`))
    .from('o');
  if (withReason) inner.whereNotNull('o.reason_code').whereNot('o.reason_code', '');
  return filteredOrders(db, period).select('g.*').from(inner.as('g')).where('g.last_rank', 1).orderBy('g.first_seq');
}

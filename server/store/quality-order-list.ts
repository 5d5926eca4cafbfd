import type { Knex } from 'knex';
import type { Database } from './database';
import { unionOf } from './quality-figures';
import { filteredOrders, type OrderCriteria, type OrderFactsRow, type OrderPeriod } from './quality-orders';

/** The columns the orders list sorts by, as SQL over the derived order `o`. */
const SORT_COLUMNS = {
  createdAt: 'o.created_at',
  department: `COALESCE(o.department_name, '')`,
  doctor: 'COALESCE(o.doctor_name, o.doctor_ref)',
  item: 'o.item_name',
  outcome: 'o.outcome',
} as const;

/** A listed order with what its first card offered (JSON), for the items it recognises. */
export interface OrderListRow extends OrderFactsRow {
  candidates: string;
}

export interface OrderSort {
  readonly sort: keyof typeof SORT_COLUMNS;
  readonly order: 'asc' | 'desc';
}

const ordered = (query: Knex.QueryBuilder, sort: OrderSort) => {
  const direction = sort.order === 'asc' ? 'ASC' : 'DESC';
  return query.orderByRaw(
    `${SORT_COLUMNS[sort.sort]} ${direction}, o.created_at ${direction}, o.prompt_id ${direction}`,
  );
};

/**
 * A page of the filtered orders: by the sort column, then time, then the order's first card id, all in
 * the same direction, so page boundaries are stable; and how many orders there are in all (a window
 * over the same statement).
 */
export async function orderPage(
  db: Database,
  period: OrderPeriod,
  criteria: OrderCriteria,
  sort: OrderSort,
  page: { readonly offset: number; readonly limit: number },
): Promise<{ total: number; rows: OrderListRow[] }> {
  const rows: (OrderListRow & { total_orders: number | string })[] = await ordered(
    filteredOrders(db, period, criteria)
      .select('o.*', 'card.candidates', db.raw('COUNT(*) OVER () AS total_orders'))
      .from('o')
      .join('prompts as card', 'card.id', 'o.prompt_id'),
    sort,
  )
    .limit(page.limit)
    .offset(page.offset);
  if (rows.length > 0 || page.offset === 0) return { total: Number(rows[0]?.total_orders ?? 0), rows };
  // Past the last page: the total still tells the console where the pages end.
  const counted: { total: number | string } | undefined = await filteredOrders(db, period, criteria)
    .count({ total: '*' })
    .from('o')
    .first();
  return { total: Number(counted?.total ?? 0), rows };
}

/** Every filtered order in the list's order, a bounded chunk at a time (the CSV export streams them). */
export async function* orderChunks(
  db: Database,
  period: OrderPeriod,
  criteria: OrderCriteria,
  sort: OrderSort,
  chunk: number,
): AsyncGenerator<OrderFactsRow[]> {
  for (let offset = 0; ; offset += chunk) {
    const rows: OrderFactsRow[] = await ordered(filteredOrders(db, period, criteria).select('o.*').from('o'), sort)
      .limit(chunk)
      .offset(offset);
    if (rows.length > 0) yield rows;
    if (rows.length < chunk) return;
  }
}

/** The ids of every card of the given orders (in the period), in the order they were shown. */
export async function cardIdsOf(
  db: Database,
  period: OrderPeriod,
  orderIds: readonly string[],
): Promise<Map<string, string[]>> {
  const cards = new Map<string, string[]>();
  if (orderIds.length === 0) return cards;
  const query = db('prompts as p').join('items as i', 'i.code', 'p.item_code');
  if (period.hospitalId !== null) void query.where('p.hospital_id', period.hospitalId);
  const rows: { id: string; order_id: string }[] = await query
    .andWhere('p.created_on', '>=', period.from)
    .andWhere('p.created_on', '<=', period.to)
    .where((where) =>
      where.whereIn('p.order_key', orderIds).orWhere((own) => own.whereNull('p.order_key').whereIn('p.id', orderIds)),
    )
    .orderBy([{ column: 'p.created_at' }, { column: 'p.service_id' }, { column: 'p.id' }])
    .select('p.id', db.raw('COALESCE(p.order_key, p.id) AS order_id'));
  for (const row of rows) cards.set(row.order_id, [...(cards.get(row.order_id) ?? []), row.id]);
  return cards;
}

export type Facet = 'departments' | 'doctors' | 'items' | 'reasons';

/** What each facet's values are, as SQL over `o`; reasons only of orders that have one. */
const FACETS: Record<Facet, string> = {
  departments: `COALESCE(o.department_code, o.department_name, '')`,
  doctors: 'o.doctor_ref',
  items: 'o.item_code',
  reasons: 'o.reason_code',
};

/**
 * For each facet (the console's filter choices), one order per distinct value: the latest order with
 * that value; the values in the order they first occurred. One statement over the period's orders.
 */
export async function facetRows(db: Database, period: OrderPeriod): Promise<Record<Facet, OrderFactsRow[]>> {
  const facets = (Object.entries(FACETS) as [Facet, string][]).map(([facet, key]) => {
    const inner = db
      .select(
        'o.*',
        db.raw(`ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY o.seq DESC) AS last_rank`),
        db.raw(`MIN(o.seq) OVER (PARTITION BY ${key}) AS first_seq`),
      )
      .from('o');
    if (facet === 'reasons') inner.whereNotNull('o.reason_code').whereNot('o.reason_code', '');
    return db
      .select(db.raw('CAST(? AS VARCHAR(40)) AS facet', [facet]), 'g.*')
      .from(inner.as('g'))
      .where('g.last_rank', 1);
  });
  const rows: (OrderFactsRow & { facet: Facet; first_seq: number | string })[] = await filteredOrders(db, period)
    .select('*')
    .from(unionOf(db, facets).as('facets'));
  const sorted = rows.sort((a, b) => Number(a.first_seq) - Number(b.first_seq));
  return {
    departments: sorted.filter((row) => row.facet === 'departments'),
    doctors: sorted.filter((row) => row.facet === 'doctors'),
    items: sorted.filter((row) => row.facet === 'items'),
    reasons: sorted.filter((row) => row.facet === 'reasons'),
  };
}

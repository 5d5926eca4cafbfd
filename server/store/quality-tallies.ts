import type { Database } from './database';
import { filteredOrders, type OrderCriteria, type OrderPeriod } from './quality-orders';

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

export interface TallyRow<K extends string> extends OutcomeCounts {
  readonly keys: Record<K, string>;
  /** The label of the group's first order (time order). */
  readonly label: string;
  /** Where the group's first order stands in time order. */
  readonly firstSeq: number;
}

/** SQL expressions over the derived order `o` that the figures group by. */
export const GROUP_KEYS = {
  department: `COALESCE(o.department_code, o.department_name, '')`,
  departmentLabel: `COALESCE(o.department_name, o.department_code, '')`,
  doctor: 'o.doctor_ref',
  doctorLabel: 'COALESCE(o.doctor_name, o.doctor_ref)',
  item: 'o.item_code',
  itemLabel: 'o.item_name',
  modality: 'o.modality',
  day: 'o.created_on',
  scope: 'o.scope',
} as const;

const OUTCOME_COLUMNS = { accepted: 'accepted', overridden: 'overridden', notCounted: 'not-counted', noDecision: 'no-decision', unexplained: 'unexplained-repeat' } as const;

/**
 * The outcome counts of the (filtered) orders grouped by SQL expressions, in one GROUP BY: each group's
 * label is its first order's (a window over the group in time order).
 */
export async function groupedTallies<K extends string>(
  db: Database,
  period: OrderPeriod,
  criteria: OrderCriteria,
  group: { readonly keys: Record<K, string>; readonly label: string; readonly externalOnly: boolean },
): Promise<TallyRow<K>[]> {
  const keys = Object.entries(group.keys) as [K, string][];
  const partition = keys.map(([, expression]) => expression).join(', ');
  const inner = db
    .select(
      'o.seq', 'o.prompts', 'o.outcome', 'o.saving_fen',
      db.raw(`${group.label} AS group_label`),
      ...keys.map(([name, expression]) => db.raw(`${expression} AS ??`, [`key_${name}`])),
      db.raw(`ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY o.seq) AS label_rank`),
    )
    .from('o');
  if (group.externalOnly) inner.where('o.scope', 'external');
  const rows: Record<string, unknown>[] = await filteredOrders(db, period, criteria)
    .select(
      ...keys.map(([name]) => `g.key_${name}`),
      db.raw('MAX(CASE WHEN g.label_rank = 1 THEN g.group_label END) AS label'),
      db.raw('MIN(g.seq) AS first_seq'),
      db.raw('COUNT(*) AS orders'),
      db.raw('SUM(g.prompts) AS prompts'),
      ...Object.entries(OUTCOME_COLUMNS).map(([name, outcome]) => db.raw(`SUM(CASE WHEN g.outcome = ? THEN 1 ELSE 0 END) AS ??`, [outcome, name])),
      db.raw(`SUM(CASE WHEN g.outcome = 'accepted' THEN g.saving_fen ELSE 0 END) AS saving_fen`),
    )
    .from(inner.as('g'))
    .groupBy(keys.map(([name]) => `g.key_${name}`));
  return rows.map((row) => ({
    keys: Object.fromEntries(keys.map(([name]) => [name, String(row[`key_${name}`] ?? '')])) as Record<K, string>,
    label: String(row.label ?? ''),
    firstSeq: Number(row.first_seq),
    orders: Number(row.orders),
    prompts: Number(row.prompts),
    accepted: Number(row.accepted),
    overridden: Number(row.overridden),
    notCounted: Number(row.notCounted),
    noDecision: Number(row.noDecision),
    unexplained: Number(row.unexplained),
    savingFen: Number(row.saving_fen),
  }));
}

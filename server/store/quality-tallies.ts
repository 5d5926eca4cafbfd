import type { Knex } from 'knex';
import type { Database } from './database';
import { figureColumns, type FigureRow, type OutcomeCounts } from './quality-figures';

export type { OutcomeCounts };

export interface TallyRow extends OutcomeCounts {
  readonly key: string;
  /** The second key of a two-level group (a department's doctor). */
  readonly subKey: string;
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
  hospital: 'o.hospital_id',
  month: 'SUBSTR(o.created_on, 1, 7)',
} as const;

const OUTCOME_COLUMNS = {
  accepted: 'accepted',
  overridden: 'overridden',
  not_counted: 'not-counted',
  no_decision: 'no-decision',
  unexplained: 'unexplained-repeat',
} as const;

/**
 * The outcome counts of the orders grouped by one or two SQL expressions: each group's label is its
 * first order's (a window over the group in time order).
 */
export function tallyFigure(
  db: Database,
  figure: string,
  group: {
    readonly keys: readonly [string] | readonly [string, string];
    readonly label: string;
    readonly externalOnly: boolean;
  },
): Knex.QueryBuilder {
  const [key, subKey] = group.keys;
  const partition = group.keys.join(', ');
  const inner = db
    .select(
      'o.seq',
      'o.prompts',
      'o.outcome',
      'o.saving_fen',
      db.raw(`${group.label} AS group_label`),
      db.raw(`${key} AS group_key`),
      db.raw(`${subKey ?? "''"} AS group_sub_key`),
    )
    .select(db.raw(`ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY o.seq) AS label_rank`))
    .from('o');
  if (group.externalOnly) inner.where('o.scope', 'external');
  const sums = Object.fromEntries(
    Object.entries(OUTCOME_COLUMNS).map(([column, outcome]) => [
      column,
      `SUM(CASE WHEN g.outcome = '${outcome}' THEN 1 ELSE 0 END)`,
    ]),
  );
  return db
    .select(
      figureColumns(db, figure, {
        key1: 'g.group_key',
        key2: 'g.group_sub_key',
        label: 'MAX(CASE WHEN g.label_rank = 1 THEN g.group_label END)',
        first_seq: 'MIN(g.seq)',
        orders: 'COUNT(*)',
        prompts: 'SUM(g.prompts)',
        ...sums,
        saving_fen: `SUM(CASE WHEN g.outcome = 'accepted' THEN g.saving_fen ELSE 0 END)`,
      }),
    )
    .from(inner.as('g'))
    .groupBy('g.group_key', 'g.group_sub_key');
}

export function tallyRows(rows: readonly FigureRow[] = []): TallyRow[] {
  return rows.map((row) => ({
    key: row.key1 ?? '',
    subKey: row.key2 ?? '',
    label: row.label ?? '',
    firstSeq: row.firstSeq,
    orders: row.orders,
    prompts: row.prompts,
    accepted: row.accepted,
    overridden: row.overridden,
    notCounted: row.notCounted,
    noDecision: row.noDecision,
    unexplained: row.unexplained,
    savingFen: row.savingFen,
  }));
}

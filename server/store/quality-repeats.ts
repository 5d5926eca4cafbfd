import type { Knex } from 'knex';
import type { Database } from './database';
import { figureColumns, type FigureRow } from './quality-figures';
import { sqlDialect } from './quality-orders';

/** An order is a repeat when the examination was done again despite the external result: overridden, not counted, or signed unexplained. */
const REPEATED = ['overridden', 'not-counted', 'unexplained-repeat'] as const;

export interface RepeatCount {
  readonly patientKey: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly count: number;
}

/** Repeated external orders per patient and item (003: 对同一患者的重复检查检验记录进行统计). */
export function repeatFigure(db: Database, figure: string): Knex.QueryBuilder {
  return db
    .select(
      figureColumns(db, figure, {
        key1: 'o.patient_key',
        key2: 'o.item_code',
        label: 'MAX(o.item_name)',
        orders: 'COUNT(*)',
      }),
    )
    .from('o')
    .where('o.scope', 'external')
    .whereIn('o.outcome', REPEATED)
    .groupBy('o.patient_key', 'o.item_code');
}

export function repeatCounts(rows: readonly FigureRow[] = []): RepeatCount[] {
  return rows.map((row) => ({
    patientKey: row.key1 ?? '',
    itemCode: row.key2 ?? '',
    itemName: row.label ?? '',
    count: row.orders,
  }));
}

/**
 * The distinct catalog items recognised from other institutions' results: an accepted external order
 * recognises the ordered item, or, for a panel whose results covered only some analytes, those analytes
 * (read from its first card's offer, which the derived orders leave out: it is wide). One row per item
 * and ordering hospital (`key2`), so the platform counts each hospital's items; or per item and local
 * day of the order (`per: 'day'`), for the province's rollup.
 */
export function recognisedFigure(
  db: Database,
  figure: string,
  locale: 'zh-CN' | 'en',
  per: 'hospital' | 'day' = 'hospital',
): Knex.QueryBuilder {
  const json = sqlDialect(db);
  const name = locale === 'en' ? 'a.name_en' : 'a.name_zh';
  const recognised = db
    .select('o.hospital_id as hospital', 'o.created_on as day', 'o.item_code as code', 'o.item_name as name')
    .from('o')
    .where({ 'o.scope': 'external', 'o.outcome': 'accepted', 'o.whole': 1 })
    .unionAll(
      db
        .select('o.hospital_id as hospital', 'o.created_on as day', 'a.code', db.raw(`${name} AS name`))
        .from(db.raw(`o, prompts card, ${json.elements('card.candidates')}, items a`))
        .whereRaw('card.id = o.prompt_id')
        .where({ 'o.scope': 'external', 'o.outcome': 'accepted', 'o.whole': 0 })
        .whereRaw(`a.code = ${json.field('coversItemCode')}`)
        .whereRaw('a.code <> o.item_code'),
    );
  return db
    .select(figureColumns(db, figure, { key1: 'r.code', key2: `r.${per}`, label: 'MAX(r.name)', orders: 'COUNT(*)' }))
    .from(recognised.as('r'))
    .groupBy('r.code', `r.${per}`);
}

export function recognisedItemCodes(
  rows: readonly FigureRow[] = [],
): { code: string; name: string; hospitalId: string }[] {
  return rows.map((row) => ({ code: row.key1 ?? '', name: row.label ?? '', hospitalId: row.key2 ?? '' }));
}

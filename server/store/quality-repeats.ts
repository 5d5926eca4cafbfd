import type { Database } from './database';
import { filteredOrders, jsonDialect, type OrderCriteria, type OrderPeriod } from './quality-orders';

/** An order is a repeat when the examination was done again despite the external result: overridden, not counted, or signed unexplained. */
const REPEATED = ['overridden', 'not-counted', 'unexplained-repeat'] as const;

export interface RepeatCount {
  readonly patientKey: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly count: number;
}

/** Repeated external orders per patient and item (003: 对同一患者的重复检查检验记录进行统计). */
export async function repeatCounts(db: Database, period: OrderPeriod, criteria: OrderCriteria): Promise<RepeatCount[]> {
  const rows: { patient_key: string; item_code: string; item_name: string; count: number | string }[] = await filteredOrders(db, period, criteria)
    .select('o.patient_key', 'o.item_code', db.raw('MAX(o.item_name) AS item_name'), db.raw('COUNT(*) AS count'))
    .from('o')
    .where('o.scope', 'external')
    .whereIn('o.outcome', REPEATED)
    .groupBy('o.patient_key', 'o.item_code');
  return rows.map((row) => ({ patientKey: row.patient_key, itemCode: row.item_code, itemName: row.item_name, count: Number(row.count) }));
}

/**
 * The distinct catalog items recognised from other institutions' results: an accepted external order
 * recognises the ordered item, or, for a panel whose results covered only some analytes, those analytes.
 */
export async function recognisedItemCodes(db: Database, period: OrderPeriod, criteria: OrderCriteria): Promise<{ code: string; name: string }[]> {
  const json = jsonDialect(db);
  const name = period.locale === 'en' ? 'a.name_en' : 'a.name_zh';
  const rows: { code: string; name: string }[] = await filteredOrders(db, period, criteria)
    .select('r.code', db.raw('MAX(r.name) AS name'))
    .from(
      db
        .select('o.item_code as code', 'o.item_name as name').from('o').where({ 'o.scope': 'external', 'o.outcome': 'accepted', 'o.whole': 1 })
        .unionAll(
          db
            .select('a.code', db.raw(`${name} AS name`))
            .from(db.raw(`o, ${json.elements('o.candidates')}, items a`))
            .where({ 'o.scope': 'external', 'o.outcome': 'accepted', 'o.whole': 0 })
            .whereRaw(`a.code = ${json.field('coversItemCode')}`)
            .whereRaw('a.code <> o.item_code'),
        )
        .as('r'),
    )
    .groupBy('r.code')
    .orderBy('r.code');
  return rows;
}

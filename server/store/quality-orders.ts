import type { Knex } from 'knex';
import { EXCEPTION_REASONS, NOT_COUNTED_AS_NON_RECOGNITION, needsExplanation } from '../../rules';
import type { Database } from './database';

/** The hospital and the local days (inclusive) whose first prompted orders the quality figures count. */
export interface OrderPeriod {
  /** Null: every hospital's orders (the regional platform's figures). */
  readonly hospitalId: string | null;
  readonly from: string;
  readonly to: string;
  readonly locale: 'zh-CN' | 'en';
  /** The code system of our exception reasons (server/fhir/systems.ts), to tell them from an EHR's own. */
  readonly exceptionReasonSystem: string;
}

/** The console's filters, applied to the derived orders in SQL. */
export interface OrderCriteria {
  readonly department?: string | undefined;
  readonly doctor?: string | undefined;
  readonly item?: string | undefined;
  readonly discipline?: string | undefined;
  readonly modality?: string | undefined;
  readonly outcome?: string | undefined;
  readonly reason?: string | undefined;
  readonly scope?: string | undefined;
}

/** One derived order as the SQL relation `o` holds it (the columns the figures and the list read). */
export interface OrderFactsRow {
  prompt_id: string;
  hospital_id: string;
  order_id: string;
  seq: number | string;
  prompts: number | string;
  created_at: string;
  created_on: string;
  service_id: string;
  department_code: string | null;
  department_name: string | null;
  doctor_ref: string;
  doctor_name: string | null;
  encounter_kind: string;
  patient_key: string;
  item_code: string;
  item_name: string;
  discipline: string;
  modality: string;
  price_fen: number | string;
  offered_count: number | string;
  best_institution_id: string | null;
  scope: string;
  outcome: string;
  saving_fen: number | string;
  reason_system: string | null;
  reason_code: string | null;
  reason_display: string | null;
  explanation: string | null;
  explanation_missing: number | string | boolean;
  notification: string | null;
  decision_source: string | null;
  decided_at: string | null;
  decision_version: number | string | null;
  write_back: string | null;
}

/** The functions the two stores spell differently: JSON over an order's offer (`prompts.candidates`, a JSON array as text), text and booleans. */
export interface SqlDialect {
  /** A FROM item over the array's elements, named `c` with a column `value`. */
  elements(column: string): string;
  /** A text field of the element `c`. */
  field(name: string): string;
  /** The element `c` is the ordering hospital's own result (`own: true`). */
  own(): string;
  length(column: string): string;
  /** A text field of the array's first element. */
  firstField(column: string, name: string): string;
  /** A boolean column is true (SQLite stores 1). */
  isTrue(column: string): string;
  /** The text column contains the text (an SQL expression). */
  contains(column: string, text: string): string;
  /** The text without the whitespace JavaScript's `trim()` removes at either end (the full-width space too). */
  trim(column: string): string;
}

/** What String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), as an SQL literal. */
const WHITESPACE =
  "' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'";

const SQLITE: SqlDialect = {
  elements: (column) => `json_each(${column}) AS c`,
  field: (name) => `json_extract(c.value, '$.${name}')`,
  own: () => `json_extract(c.value, '$.own') = 1`,
  length: (column) => `json_array_length(${column})`,
  firstField: (column, name) => `json_extract(${column}, '$[0].${name}')`,
  isTrue: (column) => `${column} = 1`,
  contains: (column, text) => `instr(${column}, ${text}) > 0`,
  trim: (column) => `trim(${column}, ${WHITESPACE})`,
};

const POSTGRES: SqlDialect = {
  elements: (column) => `json_array_elements(${column}::json) AS c(value)`,
  field: (name) => `(c.value ->> '${name}')`,
  own: () => `(c.value ->> 'own') = 'true'`,
  length: (column) => `json_array_length(${column}::json)`,
  firstField: (column, name) => `(${column}::json -> 0 ->> '${name}')`,
  isTrue: (column) => `${column} IS TRUE`,
  contains: (column, text) => `strpos(${column}, ${text}) > 0`,
  trim: (column) => `btrim(${column}, ${WHITESPACE})`,
};

export function sqlDialect(db: Database): SqlDialect {
  return db.client.config.client === 'pg' ? POSTGRES : SQLITE;
}

const list = (values: readonly string[]) => values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');
/** The decision `d` gave one of our exception reasons (not an EHR's own). */
const ours = (system: string) =>
  `d.reason_system = ${list([system])} AND d.reason_code IN (${list(EXCEPTION_REASONS)})`;
const NEEDS_EXPLANATION = list(EXCEPTION_REASONS.filter(needsExplanation));
const NOT_COUNTED = list([...NOT_COUNTED_AS_NON_RECOGNITION]);
/** Some offered result covers an analyte (not the ordered item): `"coversItemCode":"…"` rather than null or absent. */
const ANALYTE = `'"coversItemCode":"'`;

/**
 * The hospital's ordered examinations in the period, one row per order, derived in SQL the way the
 * quality department counts them (docs/quality.md, "How the figures are computed"):
 * - `w`: the prompts of ordered catalog items first shown in the period, narrow (the windows sort ids
 *   and keys, not the cards' wide rows). An order is its cards with the same `order_key` (hospital,
 *   patient, item, encounter or day, draft id); a card without one is its own order. The first card
 *   (time, then service: selection before signing) describes the order; the last decision made on any
 *   of its cards decides it.
 * - `f`, `facts`: the first card with that decision, the scope (emergency; in-hospital when every offered
 *   result is the hospital's own; otherwise external), and what accepting saves: the ordered item's
 *   price, or for a panel whose results cover only some analytes, their prices (at most the panel's).
 * - the outer query: the outcome (server/contract/quality.ts ORDER_OUTCOMES) and the saving, nothing
 *   saved by a decision made after signing.
 */
export function orderFacts(db: Database, period: OrderPeriod): Knex.Raw {
  const json = sqlDialect(db);
  const name = period.locale === 'en' ? 'i.name_en' : 'i.name_zh';
  const order = 'COALESCE(p.order_key, p.id)';
  const covers = `COALESCE(${json.field('coversItemCode')}, f.item_code)`;
  return db.raw(
    `SELECT facts.*,
       CASE
         WHEN facts.decision_outcome = 'accepted' THEN 'accepted'
         WHEN facts.decision_outcome = 'overridden' THEN
           CASE WHEN facts.ours = 1 AND facts.reason_code IN (${NOT_COUNTED}) AND facts.explanation_missing = 0 THEN 'not-counted' ELSE 'overridden' END
         WHEN facts.unexplained = 1 AND facts.scope <> 'emergency' THEN 'unexplained-repeat'
         ELSE 'no-decision'
       END AS outcome,
       CASE
         WHEN ${json.isTrue('facts.after_signing')} THEN 0
         WHEN facts.covers_ordered = 1 OR facts.analytes_fen IS NULL THEN facts.price_fen
         WHEN facts.analytes_fen < facts.price_fen THEN facts.analytes_fen
         ELSE facts.price_fen
       END AS saving_fen,
       CASE WHEN facts.covers_ordered = 1 OR facts.analytes_fen IS NULL THEN 1 ELSE 0 END AS whole
     FROM (
       SELECT f.id AS prompt_id, f.hospital_id, f.order_id, f.seq, f.prompts, f.created_at, f.created_on, f.service_id, f.department_code, f.department_name,
         f.user_ref AS doctor_ref, f.practitioner_name AS doctor_name, f.encounter_kind, f.patient_key, f.item_code, f.item_name, f.discipline,
         f.modality, f.price_fen, f.unexplained,
         ${json.length('f.candidates')} AS offered_count, ${json.firstField('f.candidates', 'institutionId')} AS best_institution_id,
         CASE
           WHEN f.encounter_kind = 'emergency' OR f.presentation = 'inform' THEN 'emergency'
           -- Text tests first (the JSON as Huren writes it) spare most orders the element-by-element look.
           WHEN NOT ${json.contains('f.candidates', `'"own":true'`)} AND NOT ${json.contains('f.candidates', `'"institutionId":"' || f.hospital_id || '"'`)} THEN 'external'
           WHEN ${json.length('f.candidates')} > 0 AND NOT EXISTS (
             SELECT 1 FROM ${json.elements('f.candidates')} WHERE NOT (COALESCE(${json.own()}, false) OR ${json.field('institutionId')} = f.hospital_id)
           ) THEN 'in-hospital'
           ELSE 'external'
         END AS scope,
         CASE
           WHEN NOT ${json.contains('f.candidates', ANALYTE)} THEN 1
           WHEN EXISTS (SELECT 1 FROM ${json.elements('f.candidates')} WHERE ${covers} = f.item_code) THEN 1
           ELSE 0
         END AS covers_ordered,
         CASE WHEN ${json.contains('f.candidates', ANALYTE)} THEN
           (SELECT SUM(a.price_fen) FROM items a WHERE a.code <> f.item_code AND a.code IN (SELECT ${json.field('coversItemCode')} FROM ${json.elements('f.candidates')}))
         END AS analytes_fen,
         d.outcome AS decision_outcome, d.reason_system, d.reason_code, d.reason_display, d.explanation, d.notification, d.source AS decision_source,
         d.decided_at, d.version AS decision_version, d.write_back_status AS write_back, d.after_signing,
         CASE WHEN ${ours(period.exceptionReasonSystem)} THEN 1 ELSE 0 END AS ours,
         CASE WHEN d.outcome = 'overridden' AND ${ours(period.exceptionReasonSystem)} AND d.reason_code IN (${NEEDS_EXPLANATION}) AND COALESCE(${json.trim('d.explanation')}, '') = '' THEN 1 ELSE 0 END AS explanation_missing
       FROM (
         SELECT p.id, p.hospital_id, p.service_id, p.created_at, p.created_on, p.department_code, p.department_name, p.user_ref, p.practitioner_name,
           p.encounter_kind, p.presentation, p.patient_key, p.item_code, p.candidates, ${name} AS item_name, i.discipline,
           CASE WHEN i.kind = 'lab' THEN 'LAB' ELSE COALESCE(i.modality, 'OT') END AS modality, i.price_fen,
           w.order_id, w.seq, w.prompts, w.unexplained, w.decided_prompt_id
         FROM (
           SELECT p.id, ${order} AS order_id,
             ROW_NUMBER() OVER (PARTITION BY ${order} ORDER BY p.created_at, p.service_id, p.id) AS card_no,
             ROW_NUMBER() OVER (ORDER BY p.created_at, p.service_id, p.id) AS seq,
             COUNT(*) OVER (PARTITION BY ${order}) AS prompts,
             MAX(CASE WHEN u.prompt_id IS NULL THEN 0 ELSE 1 END) OVER (PARTITION BY ${order}) AS unexplained,
             FIRST_VALUE(CASE WHEN d.outcome IS NULL THEN NULL ELSE p.id END) OVER (
               PARTITION BY ${order} ORDER BY CASE WHEN d.outcome IS NULL THEN 0 ELSE 1 END DESC, d.decided_at DESC, p.created_at DESC, p.service_id DESC, p.id DESC
               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
             ) AS decided_prompt_id
           FROM prompts p
           JOIN items i ON i.code = p.item_code
           LEFT JOIN decisions d ON d.prompt_id = p.id
           LEFT JOIN unexplained_repeats u ON u.prompt_id = p.id
           WHERE ${period.hospitalId === null ? '' : 'p.hospital_id = ? AND '}p.created_on >= ? AND p.created_on <= ?
         ) w
         JOIN prompts p ON p.id = w.id
         JOIN items i ON i.code = p.item_code
         WHERE w.card_no = 1
       ) f
       LEFT JOIN decisions d ON d.prompt_id = f.decided_prompt_id
     ) facts`,
    [...(period.hospitalId === null ? [] : [period.hospitalId]), period.from, period.to],
  );
}

/**
 * The derived orders with the console's filters, as a CTE named `o` on a fresh query; materialized, so
 * a statement that reads `o` for several figures works the orders out once.
 */
export function filteredOrders(db: Database, period: OrderPeriod, criteria: OrderCriteria = {}): Knex.QueryBuilder {
  const query = db.queryBuilder().withMaterialized('o', (inner) => {
    inner.select('*').from(orderFacts(db, period).wrap('(', ') AS facts_o'));
    if (criteria.department)
      inner.where((where) =>
        where
          .where('department_code', criteria.department as string)
          .orWhere('department_name', criteria.department as string),
      );
    const exact = {
      doctor_ref: criteria.doctor,
      item_code: criteria.item,
      discipline: criteria.discipline,
      modality: criteria.modality,
      outcome: criteria.outcome,
      reason_code: criteria.reason,
      scope: criteria.scope,
    };
    for (const [column, value] of Object.entries(exact)) if (value) inner.where(column, value);
  });
  return query;
}

import type { Database } from './database';

/** One card of an ordered examination with its item, its decision versions and any unexplained repeat (the quality figures' raw rows). */
export interface OrderRow {
  id: string;
  service_id: string;
  hospital_id: string;
  created_at: string;
  created_on: string;
  department_code: string | null;
  department_name: string | null;
  user_ref: string;
  practitioner_name: string | null;
  encounter_kind: string;
  presentation: string;
  patient_key: string;
  order_ref: string | null;
  order_key: string | null;
  after_signing: boolean | number | null;
  item_code: string;
  candidates: string;
  name_zh: string;
  name_en: string;
  kind: string;
  discipline: string;
  modality: string | null;
  price_fen: number;
  outcome: string | null;
  reason_system: string | null;
  reason_code: string | null;
  reason_display: string | null;
  explanation: string | null;
  notification: string | null;
  source: string | null;
  decided_at: string | null;
  version: number | null;
  write_back_status: string | null;
  unexplained: string | null;
}

/** Cards of a hospital's ordered examinations first prompted in a period of local days (inclusive), in the order they were shown. */
export async function loadOrderRows(db: Database, hospitalId: string, from: string, to: string): Promise<OrderRow[]> {
  return db('prompts as p')
    .join('items as i', 'i.code', 'p.item_code')
    .leftJoin('decisions as d', 'd.prompt_id', 'p.id')
    .leftJoin('unexplained_repeats as u', 'u.prompt_id', 'p.id')
    .where('p.hospital_id', hospitalId)
    .whereNotNull('p.item_code')
    .andWhere('p.created_on', '>=', from)
    .andWhere('p.created_on', '<=', to)
    // Cards of the same instant: the selection's before the signing's (`…-select` sorts before `…-sign`).
    .orderBy([{ column: 'p.created_at' }, { column: 'p.service_id' }])
    .select<OrderRow[]>(
      'p.id', 'p.service_id', 'p.hospital_id', 'p.created_at', 'p.created_on', 'p.department_code', 'p.department_name', 'p.user_ref', 'p.practitioner_name',
      'p.encounter_kind', 'p.presentation', 'p.patient_key', 'p.order_ref', 'p.order_key', 'p.item_code', 'p.candidates', 'i.name_zh', 'i.name_en', 'i.kind', 'i.discipline',
      'i.modality', 'i.price_fen', 'd.outcome', 'd.reason_system', 'd.reason_code', 'd.reason_display', 'd.explanation', 'd.notification', 'd.source',
      'd.decided_at', 'd.version', 'd.write_back_status', 'd.after_signing', 'u.prompt_id as unexplained',
    );
}

import { NOT_COUNTED_AS_NON_RECOGNITION, type ExceptionReason } from '../../rules';
import { SYSTEMS } from '../fhir/systems';
import type { Database } from '../store/database';

/**
 * One ordered examination as the quality department counts it. An order may have been prompted
 * more than once (at selection and again at signing); it is one order, with the last decision made
 * on any of its cards.
 */
export const ORDER_OUTCOMES = ['accepted', 'overridden', 'not-counted', 'no-decision', 'unexplained-repeat'] as const;
export type OrderOutcome = (typeof ORDER_OUTCOMES)[number];

export interface OrderRecord {
  readonly promptId: string;
  readonly promptIds: readonly string[];
  readonly createdAt: string;
  readonly createdOn: string;
  readonly serviceId: string;
  readonly departmentCode: string | null;
  readonly departmentName: string | null;
  readonly doctorRef: string;
  readonly doctorName: string | null;
  readonly encounterKind: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly discipline: string;
  /** `LAB` for lab items, the DICOM modality for imaging (DX, CT, MR, US, NM). */
  readonly modality: string;
  readonly priceFen: number;
  readonly candidates: number;
  readonly bestInstitutionId: string | null;
  readonly outcome: OrderOutcome;
  readonly reasonSystem: string | null;
  readonly reasonCode: string | null;
  readonly reasonDisplay: string | null;
  readonly explanation: string | null;
  readonly notified: boolean;
  readonly decisionSource: string | null;
  readonly decidedAt: string | null;
  readonly decisionVersion: number | null;
  readonly writeBack: string | null;
}

interface Row {
  id: string;
  service_id: string;
  created_at: string;
  created_on: string;
  department_code: string | null;
  department_name: string | null;
  user_ref: string;
  practitioner_name: string | null;
  encounter_kind: string;
  patient_key: string;
  order_ref: string | null;
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

function outcomeOf(decision: Row | undefined, unexplained: boolean): OrderOutcome {
  if (decision?.outcome === 'accepted') return 'accepted';
  if (decision?.outcome === 'overridden') {
    const ours = decision.reason_system === SYSTEMS.exceptionReason;
    return ours && NOT_COUNTED_AS_NON_RECOGNITION.has(decision.reason_code as ExceptionReason) ? 'not-counted' : 'overridden';
  }
  return unexplained ? 'unexplained-repeat' : 'no-decision';
}

/** The hospital's ordered examinations first prompted in a period of local days (inclusive). */
export async function loadOrderRecords(db: Database, hospitalId: string, from: string, to: string, locale: 'zh-CN' | 'en'): Promise<OrderRecord[]> {
  const rows = await db('prompts as p')
    .join('items as i', 'i.code', 'p.item_code')
    .leftJoin('decisions as d', 'd.prompt_id', 'p.id')
    .leftJoin('unexplained_repeats as u', 'u.prompt_id', 'p.id')
    .where('p.hospital_id', hospitalId)
    .whereNotNull('p.item_code')
    .andWhere('p.created_on', '>=', from)
    .andWhere('p.created_on', '<=', to)
    .orderBy('p.created_at')
    .select<Row[]>(
      'p.id', 'p.service_id', 'p.created_at', 'p.created_on', 'p.department_code', 'p.department_name', 'p.user_ref', 'p.practitioner_name',
      'p.encounter_kind', 'p.patient_key', 'p.order_ref', 'p.item_code', 'p.candidates', 'i.name_zh', 'i.name_en', 'i.kind', 'i.discipline', 'i.modality',
      'i.price_fen', 'd.outcome', 'd.reason_system', 'd.reason_code', 'd.reason_display', 'd.explanation', 'd.notification', 'd.source', 'd.decided_at',
      'd.version', 'd.write_back_status', 'u.prompt_id as unexplained',
    );
  const orders = new Map<string, Row[]>();
  for (const row of rows) {
    const key = row.order_ref ? `${row.patient_key}\u0000${row.order_ref}` : row.id;
    orders.set(key, [...(orders.get(key) ?? []), row]);
  }
  return [...orders.values()].map((group) => {
    const first = group[0] as Row;
    const decided = group.filter((row) => row.outcome !== null).sort((a, b) => String(a.decided_at).localeCompare(String(b.decided_at)));
    const decision = decided.at(-1);
    const candidates = JSON.parse(first.candidates) as { institutionId: string }[];
    return {
      promptId: first.id,
      promptIds: group.map((row) => row.id),
      createdAt: first.created_at,
      createdOn: first.created_on,
      serviceId: first.service_id,
      departmentCode: first.department_code,
      departmentName: first.department_name,
      doctorRef: first.user_ref,
      doctorName: first.practitioner_name,
      encounterKind: first.encounter_kind,
      itemCode: first.item_code,
      itemName: locale === 'en' ? first.name_en : first.name_zh,
      discipline: first.discipline,
      modality: first.kind === 'lab' ? 'LAB' : (first.modality ?? 'OT'),
      priceFen: Number(first.price_fen),
      candidates: candidates.length,
      bestInstitutionId: candidates[0]?.institutionId ?? null,
      outcome: outcomeOf(decision, group.some((row) => row.unexplained !== null)),
      reasonSystem: decision?.reason_system ?? null,
      reasonCode: decision?.reason_code ?? null,
      reasonDisplay: decision?.reason_display ?? null,
      explanation: decision?.explanation ?? null,
      notified: Boolean(decision?.notification),
      decisionSource: decision?.source ?? null,
      decidedAt: decision?.decided_at ?? null,
      decisionVersion: decision?.version === undefined || decision.version === null ? null : Number(decision.version),
      writeBack: decision?.write_back_status ?? null,
    };
  });
}

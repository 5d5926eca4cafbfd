import { z } from 'zod';
import { EXCEPTION_REASONS, NOT_COUNTED_AS_NON_RECOGNITION, needsExplanation, type ExceptionReason } from '../../rules';
import { SYSTEMS } from '../fhir/systems';
import { itemPrices } from '../store/catalog';
import type { Database } from '../store/database';
import { patientNotificationSchema, type PatientNotification } from '../contract/decisions';
import type { OrderOutcome, OrderScope } from '../contract/quality';
import { loadOrderRows, type OrderRow as Row } from '../store/order-records';

/**
 * One ordered examination as the quality department counts it. An order may have been prompted
 * more than once (at selection and again at signing); it is one order, with the last decision made
 * on any of its cards.
 */
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
  /** The pseudonymous patient key (a keyed hash of the national ID), for repeats of the same patient. */
  readonly patientKey: string;
  readonly scope: OrderScope;
  readonly itemCode: string;
  readonly itemName: string;
  readonly discipline: string;
  /** `LAB` for lab items, the DICOM modality for imaging (DX, CT, MR, US, NM). */
  readonly modality: string;
  readonly priceFen: number;
  readonly candidates: number;
  readonly bestInstitutionId: string | null;
  /** The catalog items an acceptance recognises: the ordered item, or the analytes of a panel that had results. */
  readonly recognisableItems: readonly string[];
  /** What accepting saves: the ordered item's price, or the prices of the panel's analytes that had results. */
  readonly savingFen: number;
  readonly outcome: OrderOutcome;
  readonly reasonSystem: string | null;
  readonly reasonCode: string | null;
  readonly reasonDisplay: string | null;
  readonly explanation: string | null;
  /** A reason that needs an explanation (the disease, the text) came without it: counted until completed. */
  readonly explanationMissing: boolean;
  readonly notified: boolean;
  /** Who was informed, how, when and by whom (the patient notification of the decision). */
  readonly notification: PatientNotification | null;
  readonly decisionSource: string | null;
  readonly decidedAt: string | null;
  readonly decisionVersion: number | null;
  readonly writeBack: string | null;
}

/**
 * The facts of an offered candidate the figures need: whose result it is (`own`: the ordering hospital's),
 * and, on a panel's card, the analyte it covers (`coversItemCode`; null when it covers the ordered item).
 * Cards written before these facts existed lack them.
 */
const offeredFactsSchema = z.array(z.object({ institutionId: z.string(), own: z.boolean().default(false), coversItemCode: z.string().nullish() }));
type OfferedFacts = z.infer<typeof offeredFactsSchema>;

function ourReason(row: Row): ExceptionReason | null {
  return row.reason_system === SYSTEMS.exceptionReason && (EXCEPTION_REASONS as readonly string[]).includes(row.reason_code ?? '') ? (row.reason_code as ExceptionReason) : null;
}

/** An override whose reason needs an explanation (continuous monitoring: the disease; other: the text) and has none. */
function explanationMissing(decision: Row | undefined): boolean {
  const reason = decision?.outcome === 'overridden' ? ourReason(decision) : null;
  return reason !== null && needsExplanation(reason) && !decision?.explanation?.trim();
}

function outcomeOf(decision: Row | undefined, unexplained: boolean, scope: OrderScope): OrderOutcome {
  if (decision?.outcome === 'accepted') return 'accepted';
  if (decision?.outcome === 'overridden') {
    const reason = ourReason(decision);
    // Not counted only when complete: a reason without the explanation it needs is a non-recognition until completed.
    return reason && NOT_COUNTED_AS_NON_RECOGNITION.has(reason) && !explanationMissing(decision) ? 'not-counted' : 'overridden';
  }
  // An emergency card only informs: signing without a decision is no unexplained repeat (001: 患者处于急诊、急救等紧急状态下的).
  return unexplained && scope !== 'emergency' ? 'unexplained-repeat' : 'no-decision';
}

function scopeOf(row: Row, offered: OfferedFacts): OrderScope {
  if (row.encounter_kind === 'emergency' || row.presentation === 'inform') return 'emergency';
  return offered.length > 0 && offered.every((candidate) => candidate.own || candidate.institutionId === row.hospital_id) ? 'in-hospital' : 'external';
}

/**
 * The items an acceptance recognises and what it saves. A result of the ordered item (or of one that
 * stands for it) recognises the whole order; results that stand only for some analytes of an ordered
 * panel recognise those analytes, which must not be charged again (001: 不得以与其他项目打包等形式再次收取相关费用),
 * at most the panel's price.
 */
export function recognisableOf(
  ordered: { readonly itemCode: string; readonly priceFen: number },
  offered: readonly { readonly coversItemCode?: string | null | undefined }[],
  prices: ReadonlyMap<string, number>,
): { items: string[]; savingFen: number } {
  const covers = offered.map((candidate) => candidate.coversItemCode ?? ordered.itemCode);
  const analytes = [...new Set(covers)].filter((code) => code !== ordered.itemCode && prices.has(code));
  if (analytes.length === 0 || covers.includes(ordered.itemCode)) return { items: [ordered.itemCode], savingFen: ordered.priceFen };
  return { items: analytes.sort(), savingFen: Math.min(ordered.priceFen, analytes.reduce((sum, code) => sum + (prices.get(code) ?? 0), 0)) };
}

/** The hospital's ordered examinations first prompted in a period of local days (inclusive). */
export async function loadOrderRecords(db: Database, hospitalId: string, from: string, to: string, locale: 'zh-CN' | 'en'): Promise<OrderRecord[]> {
  const rows = await loadOrderRows(db, hospitalId, from, to);
  const orders = new Map<string, Row[]>();
  for (const row of rows) {
    // One order: hospital, patient, item, encounter (or day) and draft id (prompts.order_key), so an EHR
    // that reuses draft ids does not merge two orders.
    const key = row.order_key ?? row.id;
    orders.set(key, [...(orders.get(key) ?? []), row]);
  }
  const offeredOf = new Map(rows.map((row) => [row.id, offeredFactsSchema.parse(JSON.parse(row.candidates))]));
  const prices = await itemPrices(db, [...offeredOf.values()].flatMap((offered) => offered.flatMap((candidate) => (candidate.coversItemCode ? [candidate.coversItemCode] : []))));
  return [...orders.values()].map((group) => {
    const first = group[0] as Row;
    const decided = group.filter((row) => row.outcome !== null).sort((a, b) => String(a.decided_at).localeCompare(String(b.decided_at)));
    const decision = decided.at(-1);
    const offered = offeredOf.get(first.id) ?? [];
    const scope = scopeOf(first, offered);
    const recognisable = recognisableOf({ itemCode: first.item_code, priceFen: Number(first.price_fen) }, offered, prices);
    const { items } = recognisable;
    // A decision taken after the order was signed saved nothing: the examination was already ordered.
    const savingFen = decision?.after_signing ? 0 : recognisable.savingFen;
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
      patientKey: first.patient_key,
      scope,
      itemCode: first.item_code,
      itemName: locale === 'en' ? first.name_en : first.name_zh,
      discipline: first.discipline,
      modality: first.kind === 'lab' ? 'LAB' : (first.modality ?? 'OT'),
      priceFen: Number(first.price_fen),
      candidates: offered.length,
      bestInstitutionId: offered[0]?.institutionId ?? null,
      recognisableItems: items,
      savingFen,
      outcome: outcomeOf(decision, group.some((row) => row.unexplained !== null), scope),
      reasonSystem: decision?.reason_system ?? null,
      reasonCode: decision?.reason_code ?? null,
      reasonDisplay: decision?.reason_display ?? null,
      explanation: decision?.explanation ?? null,
      explanationMissing: explanationMissing(decision),
      notified: Boolean(decision?.notification),
      notification: decision?.notification ? patientNotificationSchema.parse(JSON.parse(decision.notification)) : null,
      decisionSource: decision?.source ?? null,
      decidedAt: decision?.decided_at ?? null,
      decisionVersion: decision?.version === undefined || decision.version === null ? null : Number(decision.version),
      writeBack: decision?.write_back_status ?? null,
    };
  });
}

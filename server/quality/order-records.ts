import { z } from 'zod';
import { itemPrices } from '../store/catalog';
import type { Database } from '../store/database';
import { cardIdsOf, type OrderListRow } from '../store/quality-order-list';
import type { OrderFactsRow, OrderPeriod } from '../store/quality-orders';
import { patientNotificationSchema, type PatientNotification } from '../contract/decisions';
import type { OrderOutcome, OrderScope } from '../contract/quality';

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
const offeredFactsSchema = z.array(
  z.object({ institutionId: z.string(), own: z.boolean().default(false), coversItemCode: z.string().nullish() }),
);

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
  if (analytes.length === 0 || covers.includes(ordered.itemCode))
    return { items: [ordered.itemCode], savingFen: ordered.priceFen };
  return {
    items: analytes.sort(),
    savingFen: Math.min(
      ordered.priceFen,
      analytes.reduce((sum, code) => sum + (prices.get(code) ?? 0), 0),
    ),
  };
}

/** What the CSV shows of an order: all but its cards' ids and the items it recognises. */
export type OrderListing = Omit<OrderRecord, 'promptIds' | 'recognisableItems'>;

/** An order from its derived SQL row (server/store/quality-orders.ts), without parsing what its card offered. */
export function orderListingOf(row: OrderFactsRow): OrderListing {
  return {
    promptId: row.prompt_id,
    createdAt: row.created_at,
    createdOn: row.created_on,
    serviceId: row.service_id,
    departmentCode: row.department_code,
    departmentName: row.department_name,
    doctorRef: row.doctor_ref,
    doctorName: row.doctor_name,
    encounterKind: row.encounter_kind,
    patientKey: row.patient_key,
    scope: row.scope as OrderScope,
    itemCode: row.item_code,
    itemName: row.item_name,
    discipline: row.discipline,
    modality: row.modality,
    priceFen: Number(row.price_fen),
    candidates: Number(row.offered_count),
    bestInstitutionId: row.best_institution_id,
    savingFen: Number(row.saving_fen),
    outcome: row.outcome as OrderOutcome,
    reasonSystem: row.reason_system,
    reasonCode: row.reason_code,
    reasonDisplay: row.reason_display,
    explanation: row.explanation,
    explanationMissing: Number(row.explanation_missing) === 1,
    notified: Boolean(row.notification),
    notification: row.notification ? patientNotificationSchema.parse(JSON.parse(row.notification)) : null,
    decisionSource: row.decision_source,
    decidedAt: row.decided_at,
    decisionVersion: row.decision_version === null ? null : Number(row.decision_version),
    writeBack: row.write_back,
  };
}

/** An order as the list shows it: with its cards' ids, and the items it recognises from what its first card offered. */
export function orderRecordOf(
  row: OrderListRow,
  promptIds: readonly string[],
  prices: ReadonlyMap<string, number>,
): OrderRecord {
  const offered = offeredFactsSchema.parse(JSON.parse(row.candidates));
  return {
    ...orderListingOf(row),
    promptIds: promptIds.length > 0 ? promptIds : [row.prompt_id],
    recognisableItems: recognisableOf({ itemCode: row.item_code, priceFen: Number(row.price_fen) }, offered, prices)
      .items,
  };
}

/** The orders of derived rows, with their cards' ids and the prices of the analytes their panels' results cover. */
export async function orderRecordsOf(
  db: Database,
  period: OrderPeriod,
  rows: readonly OrderListRow[],
): Promise<OrderRecord[]> {
  const [cards, prices] = await Promise.all([
    cardIdsOf(
      db,
      period,
      rows.map((row) => row.order_id),
    ),
    itemPrices(
      db,
      rows.flatMap((row) =>
        offeredFactsSchema
          .parse(JSON.parse(row.candidates))
          .flatMap((candidate) => (candidate.coversItemCode ? [candidate.coversItemCode] : [])),
      ),
    ),
  ]);
  return rows.map((row) => orderRecordOf(row, cards.get(row.order_id) ?? [], prices));
}

import type { Knex } from 'knex';
import { SYSTEMS } from '../../server/fhir/systems';

/**
 * Ordered examinations written straight into the store (prompts, decisions, unexplained repeats) as the
 * hooks and the decision endpoints write them: for figures that need many orders or exact shapes
 * (the quality SQL's tests, the province-scale benchmark).
 */
export interface OrderSpec {
  readonly id: string;
  readonly hospitalId: string;
  /** The first card's instant; the local day is `createdOn`. */
  readonly createdAt: string;
  readonly createdOn: string;
  readonly patientKey: string;
  readonly itemCode: string;
  readonly department?: { readonly code: string | null; readonly name: string | null };
  readonly doctor?: { readonly ref: string; readonly name: string | null };
  readonly encounterKind?: string;
  readonly presentation?: 'prompt' | 'inform';
  readonly offered: readonly {
    readonly institutionId: string;
    readonly own?: boolean;
    readonly coversItemCode?: string;
  }[];
  /** Two cards: at selection and again at signing (the same order). */
  readonly signed?: boolean;
  readonly decision?: {
    readonly outcome: 'accepted' | 'overridden';
    readonly reasonCode?: string;
    /** Another EHR's own reason system; ours by default. */
    readonly reasonSystem?: string;
    readonly reasonDisplay?: string;
    readonly explanation?: string;
    readonly notified?: boolean;
    readonly afterSigning?: boolean;
    /** On the signing card (the order's second) rather than the first. */
    readonly onSigningCard?: boolean;
  };
  /** A decision on the first card, a minute before `decision` (which then goes on the signing card): the later one counts. */
  readonly earlierDecision?: { readonly outcome: 'accepted' | 'overridden'; readonly reasonCode?: string };
  /** Signed without a decision: logged on the signing card (or the only one). */
  readonly unexplained?: boolean;
}

interface Rows {
  prompts: Record<string, unknown>[];
  decisions: Record<string, unknown>[];
  unexplained: Record<string, unknown>[];
}

const later = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

export function orderRows(spec: OrderSpec, rows: Rows): void {
  const candidates = JSON.stringify(
    spec.offered.map((offer, index) => ({
      resultId: `${spec.id}-r${index}`,
      suggestionId: null,
      institutionId: offer.institutionId,
      effectiveAt: '2026-03-01T00:00:00Z',
      ageDays: 3,
      daysLeft: 27,
      warnings: [],
      own: offer.own ?? false,
      viaItemCode: null,
      coversItemCode: offer.coversItemCode ?? null,
    })),
  );
  const cards = spec.signed ? [`${spec.id}`, `${spec.id}-sign`] : [spec.id];
  cards.forEach((id, index) => {
    rows.prompts.push({
      id,
      service_id: index === 0 ? 'recognition-order-select' : 'recognition-order-sign',
      hook_instance: `hook-${id}`,
      hospital_id: spec.hospitalId,
      user_ref: spec.doctor?.ref ?? 'Practitioner/bench',
      practitioner_name: spec.doctor?.name ?? null,
      department_code: spec.department?.code ?? null,
      department_name: spec.department?.name ?? null,
      encounter_ref: `Encounter/${spec.id}`,
      encounter_kind: spec.encounterKind ?? 'outpatient',
      patient_key: spec.patientKey,
      order_ref: `ServiceRequest/${spec.id}`,
      item_code: spec.itemCode,
      presentation: spec.presentation ?? 'prompt',
      candidates,
      created_at: later(spec.createdAt, index * 60),
      created_on: spec.createdOn,
      order_key: cards.length > 1 ? `order-${spec.id}` : null,
    });
  });
  const decide = (promptId: string, decision: NonNullable<OrderSpec['decision']>, decidedAt: string) => {
    rows.decisions.push({
      prompt_id: promptId,
      hospital_id: spec.hospitalId,
      outcome: decision.outcome,
      result_id: decision.outcome === 'accepted' ? `${spec.id}-r0` : null,
      reason_system: decision.reasonCode ? (decision.reasonSystem ?? SYSTEMS.exceptionReason) : null,
      reason_code: decision.reasonCode ?? null,
      reason_display: decision.reasonDisplay ?? null,
      explanation: decision.explanation ?? null,
      notification: decision.notified
        ? JSON.stringify({ party: 'patient', method: 'verbal', notifiedAt: decidedAt, notifiedBy: 'bench' })
        : null,
      practitioner_ref: spec.doctor?.ref ?? 'Practitioner/bench',
      source: 'cds-feedback',
      complete: true,
      version: 1,
      decided_at: decidedAt,
      recorded_at: decidedAt,
      decided_on: spec.createdOn,
      after_signing: decision.afterSigning ?? false,
    });
  };
  if (spec.earlierDecision) decide(cards[0] as string, spec.earlierDecision, later(spec.createdAt, 90));
  if (spec.decision)
    decide(
      cards[spec.decision.onSigningCard || spec.earlierDecision ? cards.length - 1 : 0] as string,
      spec.decision,
      later(spec.createdAt, 120),
    );
  if (spec.unexplained) {
    rows.unexplained.push({
      prompt_id: cards[cards.length - 1],
      hospital_id: spec.hospitalId,
      hook_instance: `hook-${spec.id}`,
      logged_at: spec.createdAt,
      logged_on: spec.createdOn,
    });
  }
}

/** Writes the orders in multi-row inserts (500 rows a statement), `batch` orders a transaction. */
export async function insertOrders(db: Knex, specs: Iterable<OrderSpec>, batch = 500): Promise<void> {
  let rows: Rows = { prompts: [], decisions: [], unexplained: [] };
  const flush = async () => {
    const pending = rows;
    rows = { prompts: [], decisions: [], unexplained: [] };
    await db.transaction(async (trx) => {
      for (const [table, values] of [
        ['prompts', pending.prompts],
        ['decisions', pending.decisions],
        ['unexplained_repeats', pending.unexplained],
      ] as const) {
        for (let start = 0; start < values.length; start += 500)
          await trx(table).insert(values.slice(start, start + 500));
      }
    });
  };
  let count = 0;
  for (const spec of specs) {
    orderRows(spec, rows);
    count += 1;
    if (count % batch === 0) await flush();
  }
  await flush();
}

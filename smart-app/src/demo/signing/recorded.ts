import { z } from 'zod';
import { detailOf, fetchJson } from '../http/fetch-json';
import type { CardIdentity } from '../cds/cards';
import { orderRef, type DraftOrder } from '../orders/orders';

/**
 * What Huren recorded for each order, read back from our decision API (GET /api/prompts/{id} with
 * the card's token), as the doctor's "after signing" view. Only the parts shown are read.
 */

const notificationSchema = z.object({
  party: z.enum(['patient', 'family', 'guardian']),
  method: z.enum(['verbal', 'written', 'electronic']),
  notifiedAt: z.string(),
  notifiedBy: z.string(),
});
export type RecordedNotification = z.infer<typeof notificationSchema>;

const decisionSchema = z.looseObject({
  outcome: z.enum(['accepted', 'overridden', 'withdrawn']),
  resultId: z.string().nullable(),
  reasonText: z.string().nullable(),
  explanation: z.string().nullable(),
  notification: notificationSchema.nullable(),
  source: z.enum(['cds-feedback', 'smart-app']),
  decidedAt: z.string(),
  writeBack: z.looseObject({ status: z.enum(['written', 'refused']) }).nullable(),
  afterSigning: z.boolean(),
});

const resultSchema = z.looseObject({
  resultId: z.string(),
  institution: z.looseObject({ name: z.string() }),
  resultDate: z.string(),
});

export const promptStatusSchema = z.looseObject({
  prompt: z.looseObject({
    id: z.string(),
    serviceId: z.string(),
    orderRef: z.string().nullable(),
    encounterKind: z.looseObject({ code: z.string() }),
  }),
  recognisable: z.array(resultSchema),
  excluded: z.array(resultSchema),
  decision: decisionSchema.nullable(),
});
export type PromptStatus = z.infer<typeof promptStatusSchema>;

export function loadPromptStatus(card: CardIdentity, language: string): Promise<PromptStatus> {
  return fetchJson(`/api/prompts/${encodeURIComponent(card.promptId)}`, promptStatusSchema, {
    headers: { authorization: `Bearer ${card.token}`, 'accept-language': language },
  });
}

export type Source = z.infer<typeof decisionSchema>['source'];

export type Recorded =
  | {
      readonly kind: 'accepted';
      readonly institution: string | null;
      readonly resultDate: string | null;
      readonly writeBack: 'written' | 'refused' | null;
      readonly source: Source;
      readonly afterSigning: boolean;
    }
  | {
      readonly kind: 'overridden';
      readonly reason: string | null;
      readonly explanation: string | null;
      readonly notification: RecordedNotification | null;
      readonly source: Source;
      readonly afterSigning: boolean;
    }
  /** Prompted, and signed without a decision: order-sign logged it as an unexplained repeat. */
  | { readonly kind: 'unexplained' }
  /** Prompted for reference only (an emergency visit, 001), signed without a decision: nothing to explain, nothing logged. */
  | { readonly kind: 'informed' }
  /** Prompted, and signed without a decision while Huren could not be reached: nothing logged, the decision can follow in the app. */
  | { readonly kind: 'signed-unreachable' }
  /** Signed while Huren could not be reached and never prompted: whether a result existed is unknown, not "none". */
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'no-card' }
  /** Cards there were, but the API could not be read. */
  | { readonly kind: 'unavailable'; readonly detail: string };

export interface OrderRecord {
  readonly order: DraftOrder;
  readonly recorded: Recorded;
}

/**
 * One order's record from the statuses of every card it got (order-select and order-sign): the
 * latest decision in force, else an unexplained repeat when it was prompted, else "no card".
 */
export function recordedFor(
  order: DraftOrder,
  statuses: readonly PromptStatus[],
  failures: readonly string[] = [],
  signUnreached = false,
): Recorded {
  const ref = orderRef(order);
  const mine = statuses.filter((status) => status.prompt.orderRef === ref);
  const decided = mine
    .flatMap((status) =>
      status.decision && status.decision.outcome !== 'withdrawn' ? [{ status, decision: status.decision }] : [],
    )
    .sort((a, b) => b.decision.decidedAt.localeCompare(a.decision.decidedAt))[0];
  if (decided) {
    const { status, decision } = decided;
    if (decision.outcome === 'accepted') {
      const result = [...status.recognisable, ...status.excluded].find(
        (candidate) => candidate.resultId === decision.resultId,
      );
      return {
        kind: 'accepted',
        institution: result?.institution.name ?? null,
        resultDate: result?.resultDate ?? null,
        writeBack: decision.writeBack?.status ?? null,
        source: decision.source,
        afterSigning: decision.afterSigning,
      };
    }
    return {
      kind: 'overridden',
      reason: decision.reasonText,
      explanation: decision.explanation,
      notification: decision.notification,
      source: decision.source,
      afterSigning: decision.afterSigning,
    };
  }
  // order-sign did not get through: Huren never saw the signature, so it logged nothing and knows nothing.
  if (signUnreached) return mine.length > 0 ? { kind: 'signed-unreachable' } : { kind: 'unreachable' };
  // As order-sign counts it: only a non-emergency prompt with a recognisable result is a repeat to explain.
  if (mine.some((status) => status.prompt.encounterKind.code !== 'emergency' && status.recognisable.length > 0))
    return { kind: 'unexplained' };
  if (mine.length > 0) return { kind: 'informed' };
  if (failures.length > 0) return { kind: 'unavailable', detail: failures.join('; ') };
  return { kind: 'no-card' };
}

/**
 * After signing: every signed order (and every order withdrawn for an accepted result) with what
 * was recorded, from the statuses of all cards that have an identity in our API.
 */
export async function readRecords(
  cards: readonly { readonly identity: CardIdentity | null; readonly orderId: string | null }[],
  orders: readonly DraftOrder[],
  language: string,
  /** Orders signed while order-sign could not reach Huren. */
  signUnreached: ReadonlySet<string> = new Set(),
): Promise<OrderRecord[]> {
  const read = await Promise.all(
    cards.flatMap(({ identity, orderId }) =>
      identity
        ? [
            loadPromptStatus(identity, language).then(
              (status) => ({ status, orderId, failure: null }),
              (error: unknown) => ({ status: null, orderId, failure: detailOf(error) }),
            ),
          ]
        : [],
    ),
  );
  const statuses = read.flatMap((entry) => (entry.status ? [entry.status] : []));
  return orders
    .filter((order) => order.status === 'signed' || order.status === 'accepted')
    .map((order) => ({
      order,
      recorded: recordedFor(
        order,
        statuses,
        read.flatMap((entry) => (entry.failure && entry.orderId === order.id ? [entry.failure] : [])),
        signUnreached.has(order.id),
      ),
    }));
}

import type { DemoServiceId } from '../../../../server/contract/demo-workstation';
import { cardIdentity, ordersDeletedBy, type Card, type CardIdentity } from '../cds/cards';
import { newId } from '../http/ids';

/** What the doctor did with a card, as the workstation shows it. */
export type CardResolution =
  | { readonly kind: 'accepted'; readonly label: string }
  | { readonly kind: 'overridden'; readonly reason: string | null; readonly comment: string | null }
  | { readonly kind: 'decided-in-app'; readonly outcome: 'accepted' | 'overridden' };

/** A card on screen: the service's card, where it came from, and what became of it. */
export interface ShownCard {
  readonly key: string;
  readonly card: Card;
  readonly service: DemoServiceId;
  /** The order the card is about: the selection at order-select, the suggestion's target at order-sign. */
  readonly orderId: string | null;
  /** The card in our decision API (from its smart link), for reading back what was recorded. */
  readonly identity: CardIdentity | null;
  readonly resolution: CardResolution | null;
  readonly busy: boolean;
  /** The technical detail of the last failed action on this card. */
  readonly problem: string | null;
}

const SERVICE_REQUEST = /^ServiceRequest\/(.+)$/;

export function shownCard(card: Card, service: DemoServiceId, selectedOrderId: string | null): ShownCard {
  const target = card.suggestions?.flatMap(ordersDeletedBy)[0];
  const orderId = selectedOrderId ?? (target ? (SERVICE_REQUEST.exec(target)?.[1] ?? null) : null);
  return {
    key: card.uuid ?? newId(),
    card,
    service,
    orderId,
    identity: cardIdentity(card),
    resolution: null,
    busy: false,
    problem: null,
  };
}

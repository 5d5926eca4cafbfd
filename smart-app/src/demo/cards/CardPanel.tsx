import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import { Loading } from '../../shared/Loading';
import { useDemoMessages } from '../i18n/messages';
import type { DraftOrder } from '../orders/orders';
import type { ShownCard } from '../session/shown-card';
import type { HookProblem } from '../session/useChartSession';
import { CdsCard, type CardActions } from './CdsCard';
import { TechnicalDetail } from '../../shared/TechnicalDetail';

/** The cards panel: every card of this encounter, newest first, and any hook call that failed. */
export function CardPanel(props: {
  readonly cards: readonly ShownCard[];
  readonly orders: readonly DraftOrder[];
  readonly pending: number;
  readonly problems: readonly HookProblem[];
  readonly actionsFor: (shown: ShownCard) => CardActions;
}) {
  const messages = useDemoMessages();
  const { cards, orders, pending, problems, actionsFor } = props;
  // A new card is brought into view: on a narrow or zoomed screen the panel sits below the orders,
  // where a card arriving would otherwise go unseen (issue 23 point 6). Focus stays where the doctor types.
  const newest = useRef<HTMLDivElement>(null);
  const newestKey = cards.at(-1)?.key;
  const seen = useRef(newestKey);
  useEffect(() => {
    if (newestKey === undefined || newestKey === seen.current) return;
    seen.current = newestKey;
    newest.current?.scrollIntoView({ block: 'nearest' });
  }, [newestKey]);
  return (
    <Stack component="section" aria-label={messages.cards.heading} spacing={1.5}>
      <Typography component="h2" variant="h6">
        {messages.cards.heading}
      </Typography>
      {pending > 0 && <Loading label={messages.cards.calling} />}
      {problems.map((problem, index) => (
        <Alert key={index} severity="warning">
          {messages.cards.callFailed[problem.service]}
          <TechnicalDetail label={messages.technical} detail={`${problem.service}: ${problem.detail}`} />
        </Alert>
      ))}
      {cards.length === 0 && pending === 0 && <Typography color="text.secondary">{messages.cards.empty}</Typography>}
      {[...cards].reverse().map((shown, index) => {
        const order = orders.find((candidate) => candidate.id === shown.orderId);
        // Order cards act on an unsigned order; the patient-view card has no order and nothing to act on.
        const actionable = shown.service === 'recognition-order-select' && order?.status === 'draft';
        return (
          <div key={shown.key} ref={index === 0 ? newest : undefined}>
            <CdsCard shown={shown} order={order ?? null} actionable={actionable} actions={actionsFor(shown)} />
          </div>
        );
      })}
    </Stack>
  );
}

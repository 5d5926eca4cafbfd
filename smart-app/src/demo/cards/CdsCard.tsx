import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import type { CardCoding, CardLink, CardSuggestion } from '../cds/cards';
import { useDemoMessages } from '../i18n/messages';
import type { DraftOrder } from '../orders/orders';
import type { CardResolution, ShownCard } from '../session/shown-card';
import { CardMarkdown } from './CardMarkdown';
import { OverrideForm } from './OverrideForm';
import { TechnicalDetail } from '../../shared/TechnicalDetail';

/** The indicator's colour, as EHRs show it: info blue, warning amber, critical red. */
const INDICATOR_COLOURS = { info: 'info', warning: 'warning', critical: 'error' } as const;

export interface CardActions {
  readonly onAccept: (suggestion: CardSuggestion) => void;
  readonly onOverride: (reason: CardCoding, comment: string | null) => void;
  readonly onOpenSmart: (link: CardLink) => void;
}

function ResolutionNote({
  resolution,
  onComplete,
}: {
  readonly resolution: CardResolution;
  /** Opens the app on this card, where the patient notification is recorded; absent without an app link. */
  readonly onComplete: (() => void) | null;
}) {
  const { resolved } = useDemoMessages().cards;
  if (resolution.kind === 'accepted') return <Alert severity="success">{resolved.accepted(resolution.label)}</Alert>;
  if (resolution.kind === 'decided-in-app')
    return (
      <Alert severity="success">
        {resolution.outcome === 'accepted' ? resolved.appAccepted : resolved.appOverridden}
      </Alert>
    );
  // A reason given on the card is not the whole decision: 003 asks that the patient be told, which only the app records.
  return (
    <Alert
      severity="warning"
      action={
        onComplete ? (
          <Button color="inherit" size="small" onClick={onComplete}>
            {resolved.completeInApp}
          </Button>
        ) : undefined
      }
    >
      {resolved.overridden(resolution.reason ?? resolved.noReason)}
      {resolution.comment && <Box>{resolved.comment(resolution.comment)}</Box>}
      <Box sx={{ fontWeight: 600 }}>{resolved.notificationMissing}</Box>
    </Alert>
  );
}

/**
 * One CDS Hooks card as an EHR renders it: indicator, summary, source, markdown detail, suggestions
 * as buttons, override reasons, and links (a `smart` link launches the app). `actionable` is false
 * once the card's order is gone or signed: then it is for reading, and for the SMART app.
 */
export function CdsCard(props: {
  readonly shown: ShownCard;
  readonly order: DraftOrder | null;
  readonly actionable: boolean;
  readonly actions: CardActions;
}) {
  const { shown, order, actionable, actions } = props;
  const messages = useDemoMessages();
  const summaryId = useId();
  const [overriding, setOverriding] = useState(false);
  const { card, resolution, busy, problem } = shown;
  const colour = INDICATOR_COLOURS[card.indicator];
  const open = actionable && !resolution;
  const smartLink = (card.links ?? []).find((link) => link.type === 'smart') ?? null;
  return (
    <Paper
      component="article"
      aria-labelledby={summaryId}
      variant="outlined"
      sx={{ p: 1.5, borderLeft: 5, borderLeftColor: `${colour}.main` }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Chip size="small" color={colour} label={messages.cards.indicators[card.indicator]} />
        <Typography id={summaryId} component="h3" variant="subtitle1" sx={{ fontWeight: 600, lineHeight: 1.4 }}>
          {card.summary}
        </Typography>
      </Stack>
      <Typography variant="caption" color="text.secondary" component="p">
        {[
          messages.cards.origins[shown.service],
          order ? messages.cards.forOrder(order.coding.display) : null,
          messages.cards.source(card.source.label),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography>
      {card.detail && <CardMarkdown markdown={card.detail} />}
      {resolution && (
        <ResolutionNote resolution={resolution} onComplete={smartLink ? () => actions.onOpenSmart(smartLink) : null} />
      )}
      {!resolution && order && order.status !== 'draft' && (
        <Alert severity="info">
          {order.status === 'signed' ? messages.cards.signedOnly : messages.cards.orderGone}
        </Alert>
      )}
      {problem && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {messages.cards.feedbackFailed}
          <TechnicalDetail label={messages.technical} detail={problem} />
        </Alert>
      )}
      <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, flexWrap: 'wrap' }}>
        {open &&
          (card.suggestions ?? []).map((suggestion, index) => (
            <Button
              key={suggestion.uuid ?? index}
              size="small"
              variant={suggestion.isRecommended ? 'contained' : 'outlined'}
              color="success"
              disabled={busy}
              onClick={() => actions.onAccept(suggestion)}
            >
              {suggestion.label}
            </Button>
          ))}
        {open && (card.overrideReasons?.length ?? 0) > 0 && !overriding && (
          <Button size="small" variant="outlined" color="warning" disabled={busy} onClick={() => setOverriding(true)}>
            {messages.cards.override}
          </Button>
        )}
        {(card.links ?? []).map((link, index) =>
          link.type === 'smart' ? (
            <Button
              key={index}
              size="small"
              variant="outlined"
              startIcon={<OpenInNewIcon />}
              disabled={busy}
              onClick={() => actions.onOpenSmart(link)}
            >
              {link.label}
            </Button>
          ) : (
            <Button
              key={index}
              size="small"
              href={link.url}
              target="_blank"
              rel="noopener noreferrer"
              startIcon={<OpenInNewIcon />}
            >
              {link.label}
            </Button>
          ),
        )}
      </Stack>
      {open && overriding && (
        <OverrideForm
          reasons={card.overrideReasons ?? []}
          busy={busy}
          onCancel={() => setOverriding(false)}
          onSubmit={(reason, comment) => actions.onOverride(reason, comment)}
        />
      )}
    </Paper>
  );
}

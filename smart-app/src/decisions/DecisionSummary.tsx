import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import dayjs from 'dayjs';
import { useEffect, useId, useRef } from 'react';
import { useSheetMessages } from '../notification/i18n/messages';
import { originOf, type DecisionView, type PromptView } from './model';
import type { WriteBackReport } from './prompt-api';
import { WriteBackStatus } from './WriteBackStatus';

interface DecisionSummaryProps {
  readonly view: PromptView;
  readonly decision: DecisionView;
  readonly busy: boolean;
  readonly unreported: WriteBackReport | null;
  readonly onWithdraw: () => void;
  readonly onChange: () => void;
  readonly onComplete: () => void;
  readonly onWrite: () => void;
  readonly onReport: () => void;
  readonly onPrint: () => void;
}

/** The decision in force on this card, what became of it in the record, and what can still be done. */
export function DecisionSummary({
  view,
  decision,
  busy,
  unreported,
  onWithdraw,
  onChange,
  onComplete,
  onWrite,
  onReport,
  onPrint,
}: DecisionSummaryProps) {
  const { messages } = useSheetMessages();
  const t = messages.decision;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The buttons that led here are gone; the focus goes to what happened, for keyboard and screen reader users.
  useEffect(() => heading.current?.focus(), []);
  const accepted = [...view.recognisable, ...view.excluded].find((result) => result.resultId === decision.resultId);
  const who = decision.practitioner?.name ?? decision.practitioner?.ref ?? t.unknownPractitioner;
  const notification = decision.notification;
  return (
    <Paper variant="outlined" component="section" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Typography
        id={headingId}
        ref={heading}
        tabIndex={-1}
        component="h2"
        variant="h6"
        gutterBottom
        sx={{ outline: 'none' }}
      >
        {t.heading}
      </Typography>
      <Stack spacing={1}>
        <Typography sx={{ fontWeight: 700 }}>
          {decision.outcome === 'accepted'
            ? accepted
              ? t.accepted(accepted.institution.name, accepted.resultDate)
              : t.acceptedUnknown
            : (originOf(view.recognisable) === 'own' ? t.overriddenOwn : t.overridden)(
                decision.reasonText ?? t.unknownReason,
              )}
        </Typography>
        {decision.explanation ? <Typography>{t.explanation(decision.explanation)}</Typography> : null}
        {notification ? (
          <Typography>
            {t.notified(
              dayjs(notification.notifiedAt).format(messages.time.format),
              notification.notifiedBy,
              messages.exception.methods[notification.method],
              messages.exception.parties[notification.party],
            )}
          </Typography>
        ) : null}
        <Typography variant="body2" color="text.secondary">
          {t.by(who, dayjs(decision.decidedAt).format(messages.time.format), t.sources[decision.source])}
        </Typography>
        {decision.afterSigning ? <Alert severity="info">{t.afterSigning}</Alert> : null}
        {!decision.complete ? (
          <Alert
            severity="warning"
            action={
              view.editable ? (
                <Button color="inherit" size="small" disabled={busy} onClick={onComplete}>
                  {t.complete}
                </Button>
              ) : undefined
            }
          >
            {t.incomplete}
          </Alert>
        ) : null}
        {decision.outcome === 'accepted' ? (
          <>
            <Alert severity="info">{t.cancelOrder(view.item.name)}</Alert>
            <WriteBackStatus
              decision={decision}
              unreported={unreported}
              canWrite={view.writeBackResource !== null}
              busy={busy}
              onWrite={onWrite}
              onReport={onReport}
            />
          </>
        ) : null}
        {view.editable ? null : <Typography color="text.secondary">{t.locked}</Typography>}
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', pt: 1 }}>
          {view.editable ? (
            <>
              <Button variant="outlined" disabled={busy} onClick={onChange}>
                {t.change}
              </Button>
              <Button variant="outlined" color="warning" disabled={busy} onClick={onWithdraw}>
                {t.withdraw}
              </Button>
            </>
          ) : null}
          {decision.outcome === 'overridden' ? (
            <Button variant="outlined" startIcon={<PrintIcon />} onClick={onPrint}>
              {messages.sheet.open}
            </Button>
          ) : null}
        </Stack>
      </Stack>
    </Paper>
  );
}

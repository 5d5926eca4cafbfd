import RefreshIcon from '@mui/icons-material/Refresh';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Loading } from '../../shared/Loading';
import { useDemoMessages } from '../i18n/messages';
import type { SummaryState } from '../session/useChartSession';
import type { Recorded } from './recorded';
import { TechnicalDetail } from '../../shared/TechnicalDetail';

const KIND_COLOURS: Record<Recorded['kind'], 'success' | 'warning' | 'error' | 'default'> = {
  accepted: 'success',
  overridden: 'warning',
  unexplained: 'error',
  informed: 'default',
  'signed-unreachable': 'warning',
  unreachable: 'warning',
  'no-card': 'default',
  unavailable: 'default',
};

/** The lines under the verdict: which result, which reason, whether the patient was told, by which path. */
function useRecordedLines(recorded: Recorded): string[] {
  const { summary } = useDemoMessages();
  switch (recorded.kind) {
    case 'accepted':
      return [
        recorded.institution && recorded.resultDate
          ? summary.accepted(recorded.institution, recorded.resultDate)
          : summary.acceptedUnknown,
        summary.writeBack[recorded.writeBack ?? 'none'],
        summary.source(summary.sources[recorded.source]),
        ...(recorded.afterSigning ? [summary.afterSigning] : []),
      ];
    case 'overridden':
      return [
        summary.reason(recorded.reason ?? summary.unknownReason),
        ...(recorded.explanation ? [summary.explanation(recorded.explanation)] : []),
        recorded.notification
          ? summary.notified(
              recorded.notification.notifiedBy,
              summary.methods[recorded.notification.method],
              summary.parties[recorded.notification.party],
            )
          : summary.notNotified,
        summary.source(summary.sources[recorded.source]),
        ...(recorded.afterSigning ? [summary.afterSigning] : []),
      ];
    case 'unexplained':
      return [summary.unexplained];
    case 'informed':
      return [summary.informed];
    case 'signed-unreachable':
      return [summary.signedUnreachable];
    case 'unreachable':
      return [summary.unreachable];
    case 'no-card':
      return [summary.noCard];
    case 'unavailable':
      return [summary.unavailable];
  }
}

function RecordedLine({
  label,
  code,
  recorded,
}: {
  readonly label: string;
  readonly code: string;
  readonly recorded: Recorded;
}) {
  const messages = useDemoMessages();
  const { summary } = messages;
  const lines = useRecordedLines(recorded);
  return (
    <ListItem divider alignItems="flex-start" aria-label={label}>
      <ListItemText
        primary={
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <span>
              {label}{' '}
              <Typography component="span" variant="body2" color="text.secondary">
                {code}
              </Typography>
            </span>
            <Chip size="small" color={KIND_COLOURS[recorded.kind]} label={summary.kinds[recorded.kind]} />
          </Stack>
        }
        secondary={
          <>
            {lines.map((line, index) => (
              <Typography key={index} component="span" variant="body2" sx={{ display: 'block' }}>
                {line}
              </Typography>
            ))}
            {recorded.kind === 'unavailable' ? (
              <TechnicalDetail label={messages.technical} detail={recorded.detail} />
            ) : null}
          </>
        }
      />
    </ListItem>
  );
}

/** After signing: what Huren recorded for each order, read from the decision API. */
export function SigningSummary({
  summary,
  onRefresh,
}: {
  readonly summary: SummaryState;
  readonly onRefresh: () => void;
}) {
  const messages = useDemoMessages();
  return (
    <Paper component="section" aria-label={messages.summary.heading} variant="outlined" sx={{ p: 2, mt: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography component="h2" variant="h6">
          {messages.summary.heading}
        </Typography>
        <Button size="small" startIcon={<RefreshIcon />} onClick={onRefresh} disabled={summary.state === 'loading'}>
          {messages.summary.refresh}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {messages.summary.help}
      </Typography>
      {summary.state === 'loading' ? (
        <Loading label={messages.summary.loading} />
      ) : (
        <List dense>
          {summary.records.map(({ order, recorded }) => (
            <RecordedLine key={order.id} label={order.coding.display} code={order.coding.code} recorded={recorded} />
          ))}
        </List>
      )}
    </Paper>
  );
}

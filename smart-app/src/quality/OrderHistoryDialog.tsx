import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Loading } from '../shared/Loading';
import { localTime } from '../consoles/format';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useResource } from '../consoles/useResource';
import { useQualityMessages } from './i18n/messages';
import type { QualityApi } from './quality-api';
import type { OrderDetail, OrderRow } from './quality-model';

type Card = OrderDetail['cards'][number];

/** The history's columns and their fixed widths; the decision (reason, explanation) takes the rest. */
const HISTORY_COLUMNS = [
  ['version', 64],
  ['decidedAt', 140],
  ['outcome', 'auto'],
  ['who', 100],
  ['source', 120],
  ['notification', 220],
] as const;

interface OrderHistoryDialogProps {
  readonly api: QualityApi;
  readonly order: OrderRow;
  readonly onClose: () => void;
}

/** One order's every card (at selection, at signing) and every version of its decision: who, when, what, through which way. */
export function OrderHistoryDialog({ api, order, onClose }: OrderHistoryDialogProps) {
  const { language, messages } = useQualityMessages();
  const t = messages.quality.history;
  const detail = useResource(`${order.promptId}|${language}`, (signal) => api.order(order.promptId, signal));
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth>
      <DialogTitle>{t.title(order.itemName)}</DialogTitle>
      <DialogContent dividers>
        {detail.problem ? <ProblemNotice problem={detail.problem} onRetry={detail.reload} /> : null}
        {detail.value ? (
          <>
            {order.outcome === 'unexplained-repeat' ? <Typography sx={{ mb: 2 }}>{t.unexplained}</Typography> : null}
            {detail.value.cards.map((card, index) => (
              <CardHistory key={card.promptId} card={card} index={index + 1} />
            ))}
          </>
        ) : detail.loading ? (
          <Loading label={t.loading} />
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t.close}</Button>
      </DialogActions>
    </Dialog>
  );
}

function CardHistory({ card, index }: { readonly card: Card; readonly index: number }) {
  const { messages } = useQualityMessages();
  const t = messages.quality.history;
  const at = (iso: string) => localTime(iso, messages.time.format);
  return (
    <Section level={3} heading={t.card(index, t.services[card.serviceId] ?? card.serviceId, at(card.createdAt))}>
      <Typography variant="body2">{t.orderedBy(card.doctor.name ?? card.doctor.ref, card.department)}</Typography>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {t.candidatesHeading}
      </Typography>
      <Typography component="ul" variant="body2" sx={{ m: 0, pl: 3 }}>
        {card.candidates.map((candidate) => (
          <li key={candidate.resultId}>
            {messages.quality.policy.history.candidate(
              candidate.own
                ? messages.quality.policy.history.own(candidate.institutionName)
                : candidate.institutionName,
              localTime(candidate.effectiveAt, 'YYYY-MM-DD'),
              candidate.ageDays,
              candidate.daysLeft,
            )}
          </li>
        ))}
      </Typography>
      {card.history.length === 0 ? (
        <Typography variant="body2">{t.noDecision}</Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          {/* Fixed column widths: a long explanation wraps inside its own column instead of squeezing the others. */}
          <Table
            size="small"
            aria-label={t.card(index, t.services[card.serviceId] ?? card.serviceId, at(card.createdAt))}
            sx={{ tableLayout: 'fixed', minWidth: 820, '& td': { overflowWrap: 'anywhere', verticalAlign: 'top' } }}
          >
            <TableHead>
              <TableRow>
                {HISTORY_COLUMNS.map(([column, width]) => (
                  <TableCell key={column} scope="col" sx={{ width }}>
                    {t.columns[column]}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {card.history.map((version) => (
                <TableRow key={version.version}>
                  <TableCell>{version.version}</TableCell>
                  <TableCell>{at(version.decidedAt)}</TableCell>
                  <TableCell>
                    {messages.history.outcomes[version.outcome]}
                    {version.reasonText ? <Typography variant="body2">{version.reasonText}</Typography> : null}
                    {version.explanation ? (
                      <Typography variant="body2">{messages.decision.explanation(version.explanation)}</Typography>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {version.practitioner?.name ?? version.practitioner?.ref ?? messages.decision.unknownPractitioner}
                  </TableCell>
                  <TableCell>{messages.decision.sources[version.source]}</TableCell>
                  <TableCell>
                    {version.notification
                      ? messages.decision.notified(
                          at(version.notification.notifiedAt),
                          version.notification.notifiedBy,
                          messages.exception.methods[version.notification.method],
                          messages.exception.parties[version.notification.party],
                        )
                      : // Only a repeat must be explained to the patient (003): an accepted result or a withdrawal needs no notice.
                        version.outcome === 'overridden'
                        ? t.notNotified
                        : t.notNeeded}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Section>
  );
}

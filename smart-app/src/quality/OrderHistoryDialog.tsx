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
import { Loading } from '../app/Loading';
import { localTime } from '../consoles/format';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useResource } from '../consoles/useResource';
import { useLanguage } from '../i18n/language';
import type { QualityApi } from './quality-api';
import type { OrderDetail, OrderRow } from './quality-model';

type Card = OrderDetail['cards'][number];

interface OrderHistoryDialogProps {
  readonly api: QualityApi;
  readonly order: OrderRow;
  readonly onClose: () => void;
}

/** One order's every card (at selection, at signing) and every version of its decision: who, when, what, through which way. */
export function OrderHistoryDialog({ api, order, onClose }: OrderHistoryDialogProps) {
  const { language, messages } = useLanguage();
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
  const { messages } = useLanguage();
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
          <li key={candidate.resultId}>{t.candidate(candidate.institutionId, localTime(candidate.effectiveAt, 'YYYY-MM-DD'), candidate.ageDays, candidate.daysLeft)}</li>
        ))}
      </Typography>
      {card.history.length === 0 ? (
        <Typography variant="body2">{t.noDecision}</Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t.card(index, t.services[card.serviceId] ?? card.serviceId, at(card.createdAt))}>
            <TableHead>
              <TableRow>
                <TableCell scope="col">{t.columns.version}</TableCell>
                <TableCell scope="col">{t.columns.decidedAt}</TableCell>
                <TableCell scope="col">{t.columns.outcome}</TableCell>
                <TableCell scope="col">{t.columns.who}</TableCell>
                <TableCell scope="col">{t.columns.source}</TableCell>
                <TableCell scope="col">{t.columns.notification}</TableCell>
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
                    {version.explanation ? <Typography variant="body2">{messages.decision.explanation(version.explanation)}</Typography> : null}
                  </TableCell>
                  <TableCell>{version.practitioner?.name ?? version.practitioner?.ref ?? messages.decision.unknownPractitioner}</TableCell>
                  <TableCell>{messages.decision.sources[version.source]}</TableCell>
                  <TableCell>{version.notification ? t.notified(at(version.notification.notifiedAt), version.notification.notifiedBy) : t.notNotified}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Section>
  );
}

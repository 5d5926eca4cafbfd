import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import type { QuarantinedMessage } from '../../../server/contract/sources';
import { localTime } from '../consoles/format';
import { useQuarantineMessages } from './i18n/messages';

/** One quarantined message: when, from where, why; the message as it came opens below. */
export function WaitingMessage({ message }: { readonly message: QuarantinedMessage }) {
  const { messages } = useQuarantineMessages();
  const t = messages.quarantine;
  const summaryId = `quarantined-${message.id}`;
  return (
    <Accordion disableGutters variant="outlined">
      <AccordionSummary expandIcon={<ExpandMoreIcon />} id={summaryId} aria-controls={`${summaryId}-raw`}>
        <Box>
          <Typography component="h3" variant="subtitle2">
            {localTime(message.receivedAt, 'YYYY-MM-DD HH:mm:ss')} · {t.formats[message.format]} · {message.sourceId} ·{' '}
            {t.control} {message.controlId ?? t.noControl}
          </Typography>
          <Typography variant="body2">
            {t.reason}：{message.reason}
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails id={`${summaryId}-raw`}>
        <Typography variant="body2" color="text.secondary">
          {t.raw}
        </Typography>
        <Box
          component="pre"
          tabIndex={0}
          aria-label={t.raw}
          sx={{
            m: 0,
            p: 1,
            bgcolor: 'grey.100',
            overflowX: 'auto',
            fontSize: 12,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
          }}
        >
          {message.raw.replaceAll('\r', '\n')}
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}

/** The messages waiting in a quarantine, newest first, each openable as it came. */
export function WaitingMessages({ waiting }: { readonly waiting: readonly QuarantinedMessage[] }) {
  const { messages } = useQuarantineMessages();
  return (
    <Stack spacing={1}>
      <Typography color="text.secondary">{messages.quarantine.count(waiting.length)}</Typography>
      {waiting.map((message) => (
        <WaitingMessage key={message.id} message={message} />
      ))}
    </Stack>
  );
}

import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import dayjs from 'dayjs';
import { useId } from 'react';
import { useLanguage } from '../i18n/language';
import type { DecisionView } from './model';

/** Every version of the card's decision, newest first: who, when, what, and through which way. */
export function DecisionHistory({ history }: { readonly history: readonly DecisionView[] }) {
  const { messages } = useLanguage();
  const t = messages.history;
  const headingId = useId();
  if (history.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <Typography id={headingId} component="h2" variant="h6" gutterBottom>
        {t.heading}
      </Typography>
      {/* EHRs often show the app in a narrow side panel: the table scrolls, the page does not. */}
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-labelledby={headingId}>
          <TableHead>
            <TableRow>
              <TableCell scope="col">{t.columns.version}</TableCell>
              <TableCell scope="col">{t.columns.when}</TableCell>
              <TableCell scope="col">{t.columns.outcome}</TableCell>
              <TableCell scope="col">{t.columns.who}</TableCell>
              <TableCell scope="col">{t.columns.source}</TableCell>
              <TableCell scope="col">{t.columns.state}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {[...history].reverse().map((version) => (
              <TableRow key={version.version}>
                <TableCell>{version.version}</TableCell>
                <TableCell>{dayjs(version.recordedAt).format(messages.time.format)}</TableCell>
                <TableCell>
                  {t.outcomes[version.outcome]}
                  {version.reasonText ? <Typography variant="body2">{version.reasonText}</Typography> : null}
                </TableCell>
                <TableCell>
                  {version.practitioner?.name ?? version.practitioner?.ref ?? messages.decision.unknownPractitioner}
                </TableCell>
                <TableCell>{messages.decision.sources[version.source]}</TableCell>
                <TableCell>
                  {version.complete ? t.complete : t.incomplete}
                  {version.writeBack ? (
                    <Typography variant="body2">
                      {version.writeBack.status === 'written' ? t.written : t.refused}
                    </Typography>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </section>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { localTime } from '../consoles/format';
import { Section } from '../consoles/Section';
import type { AdminConsoleMessages as Messages } from './i18n/messages';
import { useAdminMessages } from './i18n/messages';
import type { DryRunReportView } from './admin-model';
import type { RuleNames } from './rule-words';

/** `window.expired+scope.region` → the words of each reason; a code without words shows as itself. */
function reasonWords(reason: string, messages: Messages): string {
  const words: Readonly<Record<string, string>> = messages.admin.dryRun.reasons;
  return reason
    .split('+')
    .map((code) => words[code] ?? code)
    .join(messages.admin.dryRun.joiner);
}

interface DryRunReportProps {
  readonly report: DryRunReportView;
  /** The draft changed after this report was made: it no longer describes what would be saved. */
  readonly stale: boolean;
  readonly names: RuleNames;
}

/** What the proposed rules would have done to the past days' prompts, and what such a replay cannot tell. */
export function DryRunReport({ report, stale, names }: DryRunReportProps) {
  const { messages } = useAdminMessages();
  const t = messages.admin.dryRun;
  const figures: readonly [string, number][] = [
    [t.evaluated, report.evaluated],
    [t.unchanged, report.unchanged],
    [t.wouldDisappear, report.wouldDisappear],
    [t.acceptedAmongDisappearing, report.acceptedAmongDisappearing],
    [t.indicatorChanges, report.indicatorChanges],
  ];
  const reasons = Object.entries(report.disappearReasons).sort(([, a], [, b]) => b - a);
  return (
    <Section level={3} heading={t.heading(report.days)}>
      {stale ? <Alert severity="warning">{t.stale}</Alert> : null}
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: { xs: 'repeat(2, 1fr)', md: 'repeat(5, 1fr)' }, gap: 1.5, m: 0 }}
      >
        {figures.map(([label, value]) => (
          <Box key={label} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 2, py: 1 }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" variant="h6" sx={{ m: 0 }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Box>
      {reasons.length > 0 ? (
        <>
          <Typography variant="subtitle2" component="h4">
            {t.reasonsHeading}
          </Typography>
          <Typography component="ul" variant="body2" sx={{ m: 0, pl: 3 }}>
            {reasons.map(([reason, count]) => (
              <li key={reason}>{t.reasonCount(reasonWords(reason, messages), count)}</li>
            ))}
          </Typography>
        </>
      ) : null}
      {report.samples.length > 0 ? (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t.samplesHeading}>
            <TableHead>
              <TableRow>
                {Object.values(t.sampleColumns).map((column) => (
                  <TableCell key={column} scope="col">
                    {column}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {report.samples.map((sample) => (
                <TableRow key={sample.promptId}>
                  <TableCell>{localTime(sample.createdAt, messages.time.format)}</TableCell>
                  <TableCell>{names.item(sample.itemCode)}</TableCell>
                  <TableCell>{sample.department ?? ''}</TableCell>
                  <TableCell>{sample.doctor ?? ''}</TableCell>
                  <TableCell>{reasonWords(sample.after, messages)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ) : null}
      <Alert severity="info">{t.limits}</Alert>
    </Section>
  );
}

import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { percent } from '../consoles/format';
import { Section } from '../consoles/Section';
import { useQualityMessages } from './i18n/messages';
import type { StatisticsView } from './quality-model';

/** Rows of the repeats table shown at once; the monthly report CSV lists them all. */
const REPEAT_ROWS = 20;

/**
 * The figures the policy texts ask for beside the rate: items recognised against the national targets
 * (004), repeat examinations of the same patient (003), exceptions with the patient informed (001).
 */
export const PolicyTargets = memo(function PolicyTargets({ statistics }: { readonly statistics: StatisticsView }) {
  const { language, messages } = useQualityMessages();
  const t = messages.quality.policy;
  const { recognisedItems, repeats, exceptions } = statistics;
  const targets = [
    [t.items.city, recognisedItems.targets.city],
    [t.items.province, recognisedItems.targets.province],
  ] as const;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, columnGap: 4 }}>
      <Section heading={t.items.heading}>
        <Typography variant="h5" component="p" sx={{ fontWeight: 600 }}>
          {t.items.count(recognisedItems.count)}
        </Typography>
        {targets.map(([label, target]) => (
          <Box key={label}>
            <Typography variant="body2">{t.items.target(label, target)}</Typography>
            <LinearProgress
              variant="determinate"
              value={Math.min(100, (recognisedItems.count / target) * 100)}
              aria-label={t.items.progress(label)}
            />
          </Box>
        ))}
        <Typography variant="body2" color="text.secondary">
          {t.items.source}
        </Typography>
      </Section>
      <Section heading={t.exceptions.heading}>
        <Typography variant="body1">
          {t.exceptions.share(exceptions.informed, exceptions.overridden, percent(exceptions.informedShare, language))}
        </Typography>
        {exceptions.explanationMissing > 0 ? (
          <Typography variant="body2">{t.exceptions.missing(exceptions.explanationMissing)}</Typography>
        ) : null}
      </Section>
      <Section heading={t.repeats.heading}>
        <Typography variant="body1">
          {t.repeats.summary(repeats.orders, repeats.patients, repeats.patientsWithMoreThanOne)}
        </Typography>
        {repeats.byPatientItem.length === 0 ? (
          <Typography variant="body2">{t.repeats.none}</Typography>
        ) : (
          <Table size="small" aria-label={t.repeats.heading}>
            <TableHead>
              <TableRow>
                <TableCell scope="col">{t.repeats.columns.patient}</TableCell>
                <TableCell scope="col">{t.repeats.columns.item}</TableCell>
                <TableCell scope="col" align="right">
                  {t.repeats.columns.count}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {repeats.byPatientItem.slice(0, REPEAT_ROWS).map((row) => (
                <TableRow key={`${row.patient}|${row.itemCode}`}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{row.patient}</TableCell>
                  <TableCell>{row.itemName}</TableCell>
                  <TableCell align="right">{row.count}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
    </Box>
  );
});

import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { memo } from 'react';
import { Section } from '../consoles/Section';
import { useQualityMessages } from './i18n/messages';
import type { Facets, ReasonCount } from './quality-model';

interface ReasonsChartProps {
  readonly reasons: readonly ReasonCount[];
  /** The reasons' words in the reader's language (the statistics carry codes and the EHR's display only). */
  readonly facets: Facets | null;
}

/**
 * The reasons given for repeating, as bars: counted as non-recognition in one colour, the two reasons
 * that do not count in another, never added together. The same numbers follow as a table. Not
 * animated, as the trend.
 */
export const ReasonsChart = memo(function ReasonsChart({ reasons, facets }: ReasonsChartProps) {
  const { messages } = useQualityMessages();
  const t = messages.quality.reasons;
  const words = new Map((facets?.reasons ?? []).map((reason) => [reason.code, reason.text]));
  const labelOf = (reason: ReasonCount) =>
    reason.code ? (words.get(reason.code) ?? reason.display ?? reason.code) : t.unknown;
  if (reasons.length === 0) {
    return (
      <Section heading={t.heading}>
        <Typography variant="body2">{t.empty}</Typography>
      </Section>
    );
  }
  return (
    <Section heading={t.heading}>
      <BarChart
        skipAnimation
        layout="horizontal"
        height={80 + 44 * reasons.length}
        yAxis={[{ scaleType: 'band', data: reasons.map(labelOf), width: 240, tickLabelStyle: { fontSize: 12 } }]}
        xAxis={[{ tickMinStep: 1 }]}
        series={[
          {
            id: 'counted',
            label: t.counted,
            stack: 'reason',
            data: reasons.map((reason) => (reason.counted ? reason.count : null)),
          },
          {
            id: 'not-counted',
            label: t.notCounted,
            stack: 'reason',
            data: reasons.map((reason) => (reason.counted ? null : reason.count)),
          },
        ]}
      />
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={t.heading}>
          <TableHead>
            <TableRow>
              <TableCell scope="col">{t.columns.reason}</TableCell>
              <TableCell scope="col" align="right">
                {t.columns.count}
              </TableCell>
              <TableCell scope="col">{t.columns.counted}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {reasons.map((reason) => (
              <TableRow key={`${reason.system ?? ''}|${reason.code ?? ''}`}>
                <TableCell>{labelOf(reason)}</TableCell>
                <TableCell align="right">{reason.count}</TableCell>
                <TableCell>{reason.counted ? t.counted : t.notCounted}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Section>
  );
});

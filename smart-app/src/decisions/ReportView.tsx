import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';
import { stackingTable } from '../shared/narrow-table';
import { useLanguage } from '../i18n/language';
import type { Messages } from '../i18n/zh-CN';
import type { Report } from './model';
import { typesetUnit } from '../../../server/contract/units';

type LabReport = Extract<Report, { kind: 'lab' }>;
type ImagingReport = Extract<Report, { kind: 'imaging' }>;
type FlagKind = keyof Messages['report']['flags'];

/** FHIR v3 ObservationInterpretation: H/HH high, L/LL low, A/AA abnormal, N normal. */
export function flagKind(flag: string | null): FlagKind | null {
  switch (flag) {
    case 'H':
    case 'HH':
      return 'high';
    case 'L':
    case 'LL':
      return 'low';
    case 'A':
    case 'AA':
      return 'abnormal';
    case 'N':
      return 'normal';
    default:
      return null;
  }
}

function LabTable({ report }: { readonly report: LabReport }) {
  const { messages } = useLanguage();
  const columns = messages.report.columns;
  return (
    // Stacks in a narrow EHR side panel; no value is ever split across lines.
    <Box sx={[{ overflowX: 'auto', mt: 1 }, stackingTable] as SxProps<Theme>}>
      <Table size="small">
        <caption style={{ captionSide: 'top', textAlign: 'left', padding: 0 }}>{report.title}</caption>
        <TableHead>
          <TableRow>
            <TableCell scope="col">{columns.name}</TableCell>
            <TableCell scope="col">{columns.value}</TableCell>
            <TableCell scope="col">{columns.unit}</TableCell>
            <TableCell scope="col">{columns.range}</TableCell>
            <TableCell scope="col">{columns.flag}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.values.map((value, index) => {
            const kind = flagKind(value.flag);
            // Marked by words and weight as well as colour, so it survives black-and-white print and colour blindness.
            const abnormal = kind !== null && kind !== 'normal';
            const emphasis = abnormal ? { color: 'error.main', fontWeight: 700 } : {};
            return (
              <TableRow key={`${value.name}-${index}`}>
                <TableCell component="th" scope="row">
                  {value.name}
                </TableCell>
                <TableCell sx={emphasis}>{value.value}</TableCell>
                <TableCell>{value.unit ? typesetUnit(value.unit) : ''}</TableCell>
                <TableCell data-label={value.referenceRange ? columns.range : undefined}>
                  {value.referenceRange ?? ''}
                </TableCell>
                <TableCell sx={emphasis}>{kind ? messages.report.flags[kind] : (value.flag ?? '')}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

function ImagingFindings({ report }: { readonly report: ImagingReport }) {
  const { messages } = useLanguage();
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="subtitle2" component="p">
        {report.title}
      </Typography>
      <Box component="dl" sx={{ m: 0, '& dt': { fontWeight: 600, mt: 1 }, '& dd': { ml: 0 } }}>
        <dt>{messages.report.findings}</dt>
        <dd>{report.findings ?? messages.report.empty}</dd>
      </Box>
      {/* The external doctor's conclusion is not recognised (001, 002: 不包括医师出具的诊断结论): apart, for reference only. */}
      {report.impression ? (
        <Box
          component="aside"
          aria-label={messages.report.impression}
          sx={{ mt: 1.5, p: 1, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'grey.50' }}
        >
          <Typography variant="subtitle2" component="h4">
            {messages.report.impression}
          </Typography>
          <Typography variant="caption" component="p" color="text.secondary">
            {messages.report.impressionNote}
          </Typography>
          <Typography component="p">{report.impression}</Typography>
        </Box>
      ) : null}
      {report.viewerUrl ? (
        <Link
          href={report.viewerUrl}
          target="_blank"
          rel="noopener noreferrer"
          sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, mt: 1 }}
        >
          {messages.report.viewImages}
          <OpenInNewIcon fontSize="small" aria-hidden />
        </Link>
      ) : null}
    </Box>
  );
}

/** The external report itself: the lab values, or the imaging findings and impression. */
export function ReportView({ report }: { readonly report: Report }) {
  return report.kind === 'lab' ? <LabTable report={report} /> : <ImagingFindings report={report} />;
}

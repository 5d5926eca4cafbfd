import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Section } from '../consoles/Section';
import { useAdminMessages } from './i18n/messages';
import type { MappingUpload } from './admin-model';

/** The server's answer to a check or an upload: saved or not, each refused row with why, and codes still unmapped. */
export function UploadReport({ answer }: { readonly answer: MappingUpload }) {
  const { messages } = useAdminMessages();
  const t = messages.admin.mappings.report;
  // A field is a CSV column name, or several joined by commas (a header lacking columns).
  const columnName = (field: string | null) =>
    field === null
      ? ''
      : field
          .split(',')
          .map((name) => t.fields[name] ?? name)
          .join(', ');
  return (
    <Section level={3} heading={t.heading}>
      <Alert severity={answer.saved ? 'success' : answer.refused.length > 0 ? 'error' : 'info'} role="status">
        {answer.saved
          ? t.saved(answer.accepted, answer.dropped)
          : answer.refused.length > 0
            ? t.notSaved(answer.accepted, answer.refused.length)
            : t.ready(answer.accepted, answer.dropped)}
      </Alert>
      {answer.refused.length > 0 ? (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t.refused(answer.refused.length)}>
            <TableHead>
              <TableRow>
                <TableCell scope="col">{t.columns.row}</TableCell>
                <TableCell scope="col">{t.columns.field}</TableCell>
                <TableCell scope="col">{t.columns.message}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {answer.refused.map((refusal) => (
                <TableRow key={`${refusal.row}|${refusal.field ?? ''}`}>
                  {/* Row 0 is the header; data rows count from 1, the spreadsheet's own numbers (header = 1) beside them. */}
                  <TableCell>{refusal.row === 0 ? t.header : t.rowCell(refusal.row)}</TableCell>
                  <TableCell>{columnName(refusal.field)}</TableCell>
                  <TableCell>{refusal.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ) : null}
      {answer.unmappedSeen.length > 0 ? (
        <>
          <Typography variant="subtitle2">{t.stillUnmapped(answer.unmappedSeen.length)}</Typography>
          <Typography component="ul" variant="body2" sx={{ m: 0, pl: 3 }}>
            {answer.unmappedSeen.map((code) => (
              <li key={`${code.system}|${code.code}`}>{code.display ? `${code.code} ${code.display}` : code.code}</li>
            ))}
          </Typography>
        </>
      ) : null}
    </Section>
  );
}

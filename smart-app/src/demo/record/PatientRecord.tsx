import RefreshIcon from '@mui/icons-material/Refresh';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { RecordReport } from '../ehr/fhir';
import { useDemoMessages } from '../i18n/messages';
import type { RecordState } from '../session/useChartSession';
import { TechnicalDetail } from '../../shared/TechnicalDetail';

function ReportEntry({ report }: { readonly report: RecordReport }) {
  const messages = useDemoMessages();
  const performer = report.performer?.[0]?.display;
  const values = (report.contained ?? []).flatMap((resource) => {
    if (resource.resourceType !== 'Observation') return [];
    const quantity = resource.valueQuantity;
    const shown =
      quantity?.value === undefined
        ? resource.valueString
        : [`${quantity.comparator ?? ''}${quantity.value}`, quantity.unit].filter(Boolean).join(' ');
    return shown ? [{ name: resource.code?.text, shown }] : [];
  });
  return (
    <ListItem divider alignItems="flex-start" aria-label={report.code?.text ?? report.id}>
      <ListItemText
        primary={report.code?.text ?? report.id}
        secondary={
          <>
            {[
              performer ? messages.record.performer(performer) : null,
              report.effectiveDateTime ? messages.record.effective(report.effectiveDateTime.slice(0, 10)) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
            {values.map((value, index) => (
              <Typography key={index} component="span" variant="body2" sx={{ display: 'block' }}>
                {value.name}: {value.shown}
              </Typography>
            ))}
            {report.conclusion && (
              <Typography component="span" variant="body2" sx={{ display: 'block', whiteSpace: 'pre-line' }}>
                {report.conclusion}
              </Typography>
            )}
          </>
        }
      />
    </ListItem>
  );
}

/** The patient's record in the demo EHR: the reports the SMART app wrote back after an acceptance. */
export function PatientRecord({ record, onRefresh }: { readonly record: RecordState; readonly onRefresh: () => void }) {
  const messages = useDemoMessages();
  return (
    <section aria-label={messages.record.heading}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mt: 3 }}>
        <Typography component="h2" variant="h6">
          {messages.record.heading}
        </Typography>
        <Button size="small" startIcon={<RefreshIcon />} onClick={onRefresh}>
          {messages.record.refresh}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {messages.record.help}
      </Typography>
      {record.problem && (
        <Alert severity="warning">
          {messages.record.loadFailed}
          <TechnicalDetail label={messages.technical} detail={record.problem} />
        </Alert>
      )}
      {record.reports.length === 0 ? (
        <Typography color="text.secondary" sx={{ mt: 1 }}>
          {messages.record.empty}
        </Typography>
      ) : (
        <List dense>
          {record.reports.map((report) => (
            <ReportEntry key={report.id} report={report} />
          ))}
        </List>
      )}
    </section>
  );
}

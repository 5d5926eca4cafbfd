import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { ACCESS_LOG_ENDPOINTS } from '../../../server/contract/access-log';
import { Section } from '../consoles/Section';
import { DateFilter } from '../quality/filter-controls';
import { accessLogQuery, type AccessLogFilters } from './access-log-query';
import { useAccessLogMessages } from './i18n/messages';

interface AccessLogFilterBarProps {
  readonly filters: AccessLogFilters;
  readonly onChange: (filters: AccessLogFilters) => void;
}

/** Period, endpoint and patient: each change shows the log's first page again. */
export function AccessLogFilterBar({ filters, onChange }: AccessLogFilterBarProps) {
  const { messages } = useAccessLogMessages();
  const t = messages.accessLog.filters;
  return (
    <Section heading={t.heading}>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
        <DateFilter label={t.from} value={filters.from ?? null} onCommit={(from) => onChange({ ...filters, from })} />
        <DateFilter label={t.to} value={filters.to ?? null} onCommit={(to) => onChange({ ...filters, to })} />
        <TextField
          select
          size="small"
          label={t.endpoint}
          value={filters.endpoint ?? ''}
          onChange={(event) =>
            onChange({ ...filters, endpoint: ACCESS_LOG_ENDPOINTS.find((endpoint) => endpoint === event.target.value) })
          }
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          sx={{ minWidth: 200 }}
        >
          <MenuItem value="">{t.all}</MenuItem>
          {ACCESS_LOG_ENDPOINTS.map((endpoint) => (
            <MenuItem key={endpoint} value={endpoint}>
              {messages.accessLog.endpoints[endpoint]}
            </MenuItem>
          ))}
        </TextField>
        <PatientFilter value={filters.patient} onCommit={(patient) => onChange({ ...filters, patient })} />
        <Button onClick={() => onChange({})}>{t.clear}</Button>
      </Stack>
    </Section>
  );
}

/** Taken on Enter or on leaving the field, not at every key: a national ID typed halfway finds nobody. */
function PatientFilter({
  value,
  onCommit,
}: {
  readonly value: string | undefined;
  readonly onCommit: (patient: string | undefined) => void;
}) {
  const { messages } = useAccessLogMessages();
  const t = messages.accessLog.filters;
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const invalid = !accessLogQuery({ patient: draft }, 1, undefined).success;
  const commit = () => {
    const patient = draft.trim() || undefined;
    if (!invalid && patient !== value) onCommit(patient);
  };
  return (
    <TextField
      size="small"
      label={t.patient}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
      error={invalid}
      helperText={invalid ? t.patientInvalid : t.patientHint}
      autoComplete="off"
      slotProps={{ inputLabel: { shrink: true } }}
      sx={{ width: 360 }}
    />
  );
}

import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DateTimePicker } from '@mui/x-date-pickers/DateTimePicker';
import { useLanguage } from '../../i18n/language';
import type { ExceptionValues, FieldErrors } from '../exception-input';
import { NOTIFICATION_METHODS, NOTIFIED_PARTIES } from '../model';
import { ChoiceField } from './ChoiceField';

/** How the patient was told (001: 充分告知患者或其家属): who, how, when and by whom. */
export function NotificationFields({
  values,
  errors,
  defaultNotifiedBy,
  onChange,
}: {
  readonly values: ExceptionValues;
  readonly errors: FieldErrors;
  readonly defaultNotifiedBy: string;
  readonly onChange: (patch: Partial<ExceptionValues>) => void;
}) {
  const t = useLanguage().messages.exception;
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {t.notification}
      </Typography>
      <Stack spacing={2}>
        <ChoiceField
          legend={t.party}
          name="party"
          row
          groups={{ first: NOTIFIED_PARTIES.map((party) => ({ value: party, label: t.parties[party] })) }}
          value={values.party}
          error={errors['notification.party']}
          onChange={(party) => onChange({ party })}
        />
        <ChoiceField
          legend={t.method}
          name="method"
          row
          groups={{ first: NOTIFICATION_METHODS.map((method) => ({ value: method, label: t.methods[method] })) }}
          value={values.method}
          error={errors['notification.method']}
          onChange={(method) => onChange({ method })}
        />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <DateTimePicker
            label={t.notifiedAt}
            value={values.notifiedAt}
            onChange={(notifiedAt) => onChange({ notifiedAt })}
            slotProps={{
              field: { clearable: true },
              textField: {
                required: true,
                error: Boolean(errors['notification.notifiedAt']),
                helperText: errors['notification.notifiedAt'],
              },
            }}
          />
          <TextField
            label={t.notifiedBy}
            name="notifiedBy"
            required
            value={values.notifiedBy ?? defaultNotifiedBy}
            onChange={(event) => onChange({ notifiedBy: event.target.value })}
            error={Boolean(errors['notification.notifiedBy'])}
            helperText={errors['notification.notifiedBy']}
          />
        </Stack>
      </Stack>
    </Box>
  );
}

import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useLanguage } from '../../i18n/language';

/** The explanation, with its length against the limit as the doctor types (over it in red). */
export function ExplanationField({
  value,
  required,
  maxLength,
  error,
  onChange,
}: {
  readonly value: string;
  readonly required: boolean;
  readonly maxLength: number;
  readonly error: string | undefined;
  readonly onChange: (explanation: string) => void;
}) {
  const t = useLanguage().messages.exception;
  const length = value.trim().length;
  const tooLong = length > maxLength;
  return (
    <TextField
      label={t.explanation}
      name="explanation"
      multiline
      minRows={2}
      fullWidth
      required={required}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={Boolean(error) || tooLong}
      helperText={
        <Box component="span" sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
          <span>{error ?? t.explanationHint}</span>
          <Box component="span" sx={tooLong ? { color: 'error.main', fontWeight: 700 } : undefined}>
            {t.counter(length, maxLength)}
          </Box>
        </Box>
      }
    />
  );
}

import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';

/**
 * A key or token Huren keeps only the hash of: shown this once, read-only, with what to do with it.
 * Closing it is the operator's word that it was handed over.
 */
export function SecretShownOnce({
  explanation,
  label,
  secret,
  onClose,
}: {
  readonly explanation: string;
  readonly label: string;
  readonly secret: string;
  readonly onClose: () => void;
}) {
  return (
    <Alert severity="warning" onClose={onClose}>
      <Typography>{explanation}</Typography>
      <TextField
        label={label}
        value={secret}
        slotProps={{ htmlInput: { readOnly: true } }}
        fullWidth
        size="small"
        sx={{ mt: 1, fontFamily: 'monospace' }}
      />
    </Alert>
  );
}

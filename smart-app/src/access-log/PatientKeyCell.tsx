import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import FilterAltIcon from '@mui/icons-material/FilterAlt';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useAccessLogMessages } from './i18n/messages';

/** The key's first characters: enough to tell patients apart on a page, short enough for a column. */
export const shortKey = (key: string) => `${key.slice(0, 10)}…`;

interface PatientKeyCellProps {
  readonly patientKey: string;
  readonly onCopied: () => void;
  readonly onOnly: (patientKey: string) => void;
}

/** A patient's key, shortened, with the whole key to copy and a filter to this patient's reads. */
export function PatientKeyCell({ patientKey, onCopied, onOnly }: PatientKeyCellProps) {
  const { messages } = useAccessLogMessages();
  const t = messages.accessLog;
  const short = shortKey(patientKey);
  return (
    <Stack direction="row" sx={{ alignItems: 'center', height: '100%' }}>
      <Typography component="span" variant="body2" title={patientKey} sx={{ fontFamily: 'monospace', flexGrow: 1 }}>
        {short}
      </Typography>
      <Tooltip title={t.copy(short)}>
        <IconButton
          size="small"
          aria-label={t.copy(short)}
          onClick={(event) => {
            event.stopPropagation();
            void navigator.clipboard.writeText(patientKey).then(onCopied);
          }}
        >
          <ContentCopyIcon fontSize="inherit" />
        </IconButton>
      </Tooltip>
      <Tooltip title={t.onlyPatient(short)}>
        <IconButton size="small" aria-label={t.onlyPatient(short)} onClick={() => onOnly(patientKey)}>
          <FilterAltIcon fontSize="inherit" />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}

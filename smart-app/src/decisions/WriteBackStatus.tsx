import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useLanguage } from '../i18n/language';
import type { DecisionView } from './model';
import type { WriteBackReport } from './prompt-api';
import { TechnicalDetail } from '../shared/TechnicalDetail';

interface WriteBackStatusProps {
  readonly decision: DecisionView;
  /** What the EHR answered but our server has not heard yet (its report failed). */
  readonly unreported: WriteBackReport | null;
  readonly canWrite: boolean;
  readonly busy: boolean;
  readonly onWrite: () => void;
  readonly onReport: () => void;
}

/** Whether the accepted result is in the EHR's record; when it is not, says why and offers to try again. */
export function WriteBackStatus({ decision, unreported, canWrite, busy, onWrite, onReport }: WriteBackStatusProps) {
  const { messages } = useLanguage();
  const t = messages.writeBack;
  const state = unreported ?? decision.writeBack;
  const writeButton = (label: string) =>
    canWrite ? (
      <Button color="inherit" size="small" disabled={busy} onClick={onWrite}>
        {label}
      </Button>
    ) : undefined;
  return (
    <Stack spacing={1}>
      {state === null ? (
        <Alert severity="info" action={writeButton(t.write)}>
          {t.notYet}
        </Alert>
      ) : state.status === 'written' ? (
        <Alert severity="success">
          {t.written}
          <TechnicalDetail label={messages.problems.technical} detail={state.detail} />
        </Alert>
      ) : (
        <Alert severity="error" action={writeButton(t.retry)}>
          <Typography component="p" sx={{ fontWeight: 700 }}>
            {t.refused}
          </Typography>
          {state.detail ? <Typography component="p">{t.reason(state.detail)}</Typography> : null}
        </Alert>
      )}
      {unreported ? (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" disabled={busy} onClick={onReport}>
              {t.retryReport}
            </Button>
          }
        >
          {t.unreported}
        </Alert>
      ) : null}
    </Stack>
  );
}

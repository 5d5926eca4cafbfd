import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useConsoleMessages } from './i18n/messages';
import type { ConsoleProblem } from './console-problems';
import { TechnicalDetail } from '../shared/TechnicalDetail';

/** What went wrong, in words, with the server's message small beneath; a retry where it can help. */
export function ProblemNotice({
  problem,
  onRetry,
}: {
  readonly problem: ConsoleProblem;
  readonly onRetry?: (() => void) | undefined;
}) {
  const { messages } = useConsoleMessages();
  const t = messages.consoles.problems;
  return (
    <Alert
      severity="error"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            {t.retry}
          </Button>
        ) : undefined
      }
    >
      <Typography component="p">{t.kinds[problem.kind]}</Typography>
      <TechnicalDetail label={t.technical} detail={problem.detail} />
    </Alert>
  );
}

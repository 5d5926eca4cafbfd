import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useLanguage } from '../i18n/language';
import { needsRelaunch, type Problem } from './problems';
import { TechnicalDetail } from './TechnicalDetail';

interface ProblemProps {
  readonly problem: Problem;
  /** Offered only where trying again can help (not when the card must be opened again). */
  readonly onRetry?: (() => void) | undefined;
}

/** What stopped the doctor and what to do, with the technical detail small beneath. */
export function ProblemAlert({ problem, onRetry }: ProblemProps) {
  const { messages } = useLanguage();
  const relaunch = needsRelaunch(problem.kind);
  return (
    <Alert
      severity="error"
      action={
        onRetry && !relaunch ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            {messages.problems.retry}
          </Button>
        ) : undefined
      }
    >
      <Typography component="p">{messages.problems.kinds[problem.kind]}</Typography>
      {relaunch ? <Typography component="p">{messages.problems.relaunch}</Typography> : null}
      <TechnicalDetail label={messages.problems.technical} detail={problem.detail} />
    </Alert>
  );
}

/** A whole page for a problem that leaves nothing else to show. */
export function ProblemScreen(props: ProblemProps) {
  const { messages } = useLanguage();
  return (
    <section aria-labelledby="problem-title">
      <Typography id="problem-title" component="h1" variant="h5" gutterBottom>
        {messages.problems.title}
      </Typography>
      <ProblemAlert {...props} />
    </section>
  );
}

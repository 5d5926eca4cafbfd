import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState, type FormEvent } from 'react';
import { useConsoleMessages } from './i18n/messages';
import { consoleProblemOf, type ConsoleProblem } from './console-problems';
import { ProblemNotice } from './ProblemNotice';
import type { ConsoleRole } from './session';

interface SignInFormProps {
  readonly role: ConsoleRole;
  /** Why the last session ended, when it did not end by signing out. */
  readonly expired: boolean;
  /** Checks the token with the server; rejects with the server's refusal. */
  readonly onSignIn: (token: string) => Promise<void>;
}

/** Sign-in with an API token. A refused token is said at the field; other trouble (network) beneath it. */
export function SignInForm({ role, expired, onSignIn }: SignInFormProps) {
  const { messages } = useConsoleMessages();
  const t = messages.consoles.signIn;
  const headingId = useId();
  const [token, setToken] = useState('');
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);
  const [empty, setEmpty] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = token.trim();
    setEmpty(candidate === '');
    setProblem(null);
    if (!candidate) return;
    setChecking(true);
    try {
      await onSignIn(candidate);
    } catch (error) {
      setProblem(consoleProblemOf(error));
      setChecking(false);
    }
  };

  const refusal =
    problem?.kind === 'unauthenticated'
      ? t.unauthenticated
      : problem?.kind === 'forbidden'
        ? t.forbidden(messages.consoles.roles[role])
        : null;
  return (
    <Stack component="section" aria-labelledby={headingId} spacing={2} sx={{ maxWidth: 520, mx: 'auto', mt: 4 }}>
      <Typography id={headingId} component="h1" variant="h5">
        {t.heading(messages.consoles.titles[role])}
      </Typography>
      {expired ? <Alert severity="warning">{t.expired}</Alert> : null}
      <Typography>{t.intro[role]}</Typography>
      <Stack component="form" spacing={2} noValidate onSubmit={submit}>
        <TextField
          label={t.token}
          type="password"
          autoComplete="off"
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
          error={empty || refusal !== null}
          helperText={empty ? t.required : (refusal ?? t.tokenHint[role])}
        />
        <Button type="submit" variant="contained" disabled={checking} sx={{ alignSelf: 'flex-start' }}>
          {checking ? t.checking : t.submit}
        </Button>
      </Stack>
      {problem && !refusal ? <ProblemNotice problem={problem} /> : null}
    </Stack>
  );
}

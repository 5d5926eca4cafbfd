import { QueryClientProvider } from '@tanstack/react-query';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { createQueryClient } from '../shared/queries';
import { useConsoleMessages } from './i18n/messages';
import { ConsoleFrame } from './ConsoleFrame';
import { ConsoleNavigation } from './ConsoleNavigation';
import { consoleApi, type ConsoleApi } from './console-api';
import { forgetToken, storedToken, storeToken, type ConsoleRole } from './session';
import { SignInForm } from './SignInForm';
import { useResource } from './useResource';
import { consoleSessionSchema } from '../../../server/contract/session';

interface ConsoleGateProps {
  readonly role: ConsoleRole;
  /** A request the console needs anyway, made with a new token before it is kept: a refusal keeps it out. */
  readonly probe: (api: ConsoleApi) => Promise<unknown>;
  readonly children: (api: ConsoleApi) => ReactNode;
}

/**
 * A console's frame, and inside it either the sign-in form or the console with its API client. The
 * session ends on sign-out, and on any 401 later (the token was revoked): then the form says why.
 */
export function ConsoleGate({ role, probe, children }: ConsoleGateProps) {
  const { language, messages } = useConsoleMessages();
  const [token, setToken] = useState(() => storedToken(role));
  const [expired, setExpired] = useState(false);
  const end = useCallback(
    (becauseExpired: boolean) => {
      forgetToken(role);
      setToken(null);
      setExpired(becauseExpired);
    },
    [role],
  );
  const api = useMemo(() => (token ? consoleApi(token, language, () => end(true)) : null), [token, language, end]);
  // What one token was shown is never shown to the next: each signed-in session has its own cache.
  const queries = useMemo(() => (token ? createQueryClient() : null), [token]);
  const signIn = async (candidate: string) => {
    // A refused token must not end a session (there is none): its 401 is the form's to show.
    await probe(consoleApi(candidate, language, () => undefined));
    storeToken(role, candidate);
    setExpired(false);
    setToken(candidate);
  };
  const session = useResource(`session ${token ?? ''}`, (signal) =>
    api
      ? api.get<unknown>('/api/session', {}, signal).then((answer) => consoleSessionSchema.parse(answer))
      : Promise.resolve(null),
  );
  // The hospital the token speaks for, in every console's header (its staff see whose figures these are).
  const hospital = session.value?.hospital?.name;
  return (
    <ConsoleFrame
      title={hospital ? `${messages.consoles.titles[role]} · ${hospital}` : messages.consoles.titles[role]}
      signOutLabel={messages.consoles.signOut}
      onSignOut={api ? () => end(false) : undefined}
      navigation={api ? <ConsoleNavigation role={role} /> : null}
    >
      {api && queries ? (
        <QueryClientProvider client={queries}>{children(api)}</QueryClientProvider>
      ) : (
        <SignInForm role={role} expired={expired} onSignIn={signIn} />
      )}
    </ConsoleFrame>
  );
}

import { useEffect, useState } from 'react';
import { Loading } from '../shared/Loading';
import { ProblemScreen } from '../shared/ProblemScreen';
import { problemOf, type Problem } from '../shared/problems';
import { useLanguage } from '../i18n/language';
import { completeLaunch, type SmartSession } from '../launch/smart';
import { CardWorkspace } from './CardWorkspace';
import { OpenPrompts } from './OpenPrompts';

type Loaded<T> = { readonly value: T } | { readonly problem: Problem } | null;

/** /app/: the SMART redirect URI. Completes the launch, then shows the card the EHR opened the app for. */
export function DecisionPage() {
  const { messages } = useLanguage();
  const [launch, setLaunch] = useState<Loaded<SmartSession>>(null);
  useEffect(() => {
    let current = true;
    completeLaunch().then(
      (session) => current && setLaunch({ value: session }),
      (error: unknown) => current && setLaunch({ problem: problemOf(error) }),
    );
    return () => {
      current = false;
    };
  }, []);
  if (!launch) return <Loading label={messages.launch.completing} />;
  if ('problem' in launch) return <ProblemScreen problem={launch.problem} />;
  const session = launch.value;
  return session.card ? (
    <CardWorkspace session={{ ...session, card: session.card }} />
  ) : (
    <OpenPrompts session={session} />
  );
}

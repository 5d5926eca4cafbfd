import { useEffect, useMemo, useState } from 'react';
import type { DecisionAnswer, DecisionInput } from '../../../server/contract/decisions';
import { Loading } from '../shared/Loading';
import { ProblemScreen } from '../shared/ProblemScreen';
import { problemOf, type Problem } from '../shared/problems';
import { useLanguage } from '../i18n/language';
import type { CardSession } from '../launch/smart';
import { DecisionScreen } from './DecisionScreen';
import type { PromptView } from './model';
import { promptApi } from './prompt-api';

type Loaded<T> = { readonly value: T } | { readonly problem: Problem } | null;

/**
 * Loads the card in the chosen language (again when it changes: reasons and item names come from the
 * server). `onDecided` hears of every decision saved (the HIS decision page tells its opener).
 */
export function CardWorkspace({
  session,
  onDecided,
}: {
  readonly session: CardSession;
  readonly onDecided?: (answer: DecisionAnswer) => void;
}) {
  const { language, messages } = useLanguage();
  const api = useMemo(() => {
    const base = promptApi(session.card, language, session.proof);
    if (!onDecided) return base;
    return {
      ...base,
      decide: async (input: DecisionInput) => {
        const answer = await base.decide(input);
        onDecided(answer);
        return answer;
      },
    };
  }, [session, language, onDecided]);
  const [view, setView] = useState<Loaded<PromptView>>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    api.view().then(
      (loaded) => current && setView({ value: loaded }),
      (error: unknown) => current && setView({ problem: problemOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, attempt]);
  const reload = () => setAttempt((count) => count + 1);
  if (!view) return <Loading label={messages.app.loading} />;
  if ('problem' in view) return <ProblemScreen problem={view.problem} onRetry={reload} />;
  return (
    <DecisionScreen
      session={session}
      api={api}
      view={view.value}
      onView={(update) => setView((loaded) => (loaded && 'value' in loaded ? { value: update(loaded.value) } : loaded))}
      onReload={reload}
    />
  );
}

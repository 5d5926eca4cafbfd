import Link from '@mui/material/Link';
import { useEffect, useState } from 'react';
import { Loading } from '../shared/Loading';
import { ProblemScreen } from '../shared/ProblemScreen';
import { problemOf, type Problem } from '../shared/problems';
import { useLanguage } from '../i18n/language';
import { beginLaunch } from './smart';

type LaunchState = { readonly authorizeUrl: string } | { readonly problem: Problem } | null;

/** /app/launch: the card's smart link lands here; on to the EHR's authorization server. */
export function LaunchPage() {
  const { messages } = useLanguage();
  const [state, setState] = useState<LaunchState>(null);
  useEffect(() => {
    let current = true;
    beginLaunch().then(
      (authorizeUrl) => {
        if (!current) return;
        setState({ authorizeUrl });
        // replace: Back from the authorization page must not start another launch.
        window.location.replace(authorizeUrl);
      },
      (error: unknown) => {
        if (current) setState({ problem: problemOf(error) });
      },
    );
    return () => {
      current = false;
    };
  }, []);
  if (state && 'problem' in state) return <ProblemScreen problem={state.problem} />;
  return (
    <Loading label={messages.launch.redirecting}>
      {state ? <Link href={state.authorizeUrl}>{messages.launch.continueLink}</Link> : null}
    </Loading>
  );
}

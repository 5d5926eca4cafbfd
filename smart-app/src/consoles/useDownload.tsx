import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { consoleProblemOf, type ConsoleProblem } from './console-problems';
import { ProblemNotice } from './ProblemNotice';

interface DownloadState {
  readonly busy: boolean;
  /** The name of the file last saved. */
  readonly saved: string | null;
  readonly problem: ConsoleProblem | null;
}

/** A download a button starts: busy while it runs, then the file's name, or what went wrong. */
export function useDownload(): DownloadState & { readonly start: (download: () => Promise<string>) => Promise<void> } {
  const [state, setState] = useState<DownloadState>({ busy: false, saved: null, problem: null });
  const start = async (download: () => Promise<string>) => {
    setState({ busy: true, saved: null, problem: null });
    try {
      setState({ busy: false, saved: await download(), problem: null });
    } catch (error) {
      setState({ busy: false, saved: null, problem: consoleProblemOf(error) });
    }
  };
  return { ...state, start };
}

/** Says the file was saved (read out politely), or shows the problem. */
export function DownloadOutcome({
  state,
  done,
}: {
  readonly state: DownloadState;
  readonly done: (name: string) => string;
}) {
  if (state.problem) return <ProblemNotice problem={state.problem} />;
  return (
    <Typography role="status" variant="body2" color="text.secondary">
      {state.saved ? done(state.saved) : ''}
    </Typography>
  );
}

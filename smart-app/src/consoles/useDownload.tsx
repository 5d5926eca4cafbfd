import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { consoleProblemOf, type ConsoleProblem } from './console-problems';
import { ProblemNotice } from './ProblemNotice';

interface DownloadState {
  readonly busy: boolean;
  /** The name of the file last saved. */
  readonly saved: string | null;
  readonly problem: ConsoleProblem | null;
}

/** A download a button starts (a TanStack Query mutation): busy while it runs, then the file's name, or what went wrong. */
export function useDownload(): DownloadState & { readonly start: (download: () => Promise<string>) => Promise<void> } {
  const mutation = useMutation({ mutationFn: (download: () => Promise<string>) => download() });
  return {
    busy: mutation.isPending,
    saved: mutation.data ?? null,
    problem: mutation.error ? consoleProblemOf(mutation.error) : null,
    // The outcome is shown from the state; the caller only waits for it.
    start: (download) =>
      mutation.mutateAsync(download).then(
        () => undefined,
        () => undefined,
      ),
  };
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

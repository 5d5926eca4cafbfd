import { useState } from 'react';
import { consoleProblemOf, type ConsoleProblem } from './console-problems';

/**
 * A form's sending: busy while the work runs, and the problem it ended in (cleared when it runs again).
 * `refuse` shows a problem found before anything is sent, at the field it names.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(consoleProblemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const refuse = (field: string, detail: string) => setProblem({ kind: 'invalid', field, detail });
  return { busy, problem, run, refuse };
}

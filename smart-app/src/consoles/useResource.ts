import { useCallback, useEffect, useState } from 'react';
import { consoleProblemOf, type ConsoleProblem } from './console-problems';

export interface Resource<T> {
  /** The last value loaded; kept while the next one loads, so tables and charts do not blank out. */
  readonly value: T | null;
  readonly loading: boolean;
  readonly problem: ConsoleProblem | null;
  readonly reload: () => void;
  /** Takes a value the server answered some other way (a PUT returns the new state). */
  readonly set: (value: T) => void;
}

/**
 * Loads `load` whenever `key` changes (a query string, say), abandoning the answer of a request
 * that a newer one has overtaken. `load` is read at the time `key` changes.
 */
export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ value: T | null; loading: boolean; problem: ConsoleProblem | null }>({
    value: null,
    loading: true,
    problem: null,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    load(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setState({ value, loading: false, problem: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState((previous) => ({ value: previous.value, loading: false, problem: consoleProblemOf(error) }));
      },
    );
    return () => controller.abort();
    // `load` changes identity on every render; `key` says when what it loads has changed.
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const set = useCallback((value: T) => setState({ value, loading: false, problem: null }), []);
  return { ...state, reload, set };
}

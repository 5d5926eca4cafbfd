import { useCallback, useRef, useState } from 'react';

/**
 * State that async work can read at the moment it runs (the ref) as well as render (the value): a
 * hook call must send the orders as they are when it is made, not as they were when it was scheduled.
 */
export function useMirroredState<T>(
  initial: T,
): readonly [T, { readonly current: T }, (change: (current: T) => T) => void] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const update = useCallback((change: (current: T) => T) => {
    ref.current = change(ref.current);
    setValue(ref.current);
  }, []);
  return [value, ref, update] as const;
}

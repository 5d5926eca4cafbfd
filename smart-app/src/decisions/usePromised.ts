import { useEffect, useState } from 'react';

/** A promise's value once it settles (the launch's reads of the EHR); undefined until then. */
export function usePromised<T>(promise: Promise<T>): T | undefined {
  const [settled, setSettled] = useState<{ readonly value: T } | null>(null);
  useEffect(() => {
    let current = true;
    void promise.then((value) => {
      if (current) setSettled({ value });
    });
    return () => {
      current = false;
    };
  }, [promise]);
  return settled?.value;
}

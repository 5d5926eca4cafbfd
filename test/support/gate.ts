/**
 * Something the test holds until it lets go: an EHR that has not answered yet, a lock still taken.
 * Ordering instead of the clock: whatever must not wait for it is proven not to by answering first.
 */
export interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

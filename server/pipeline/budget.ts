import { HttpError } from '../errors/http-error';

export class BudgetExceeded extends Error {
  constructor() {
    super('hook budget exceeded');
  }
}

/** Throws when the hook's answer has already gone out: work after this point must not be stored. */
export function ensureInBudget(signal: AbortSignal): void {
  if (signal.aborted) throw new BudgetExceeded();
}

export type Degradation = 'timeout' | 'failure';

/**
 * Order entry must never wait on us or see an error page: the work gets the budget, and when it runs
 * out, or fails in a way that is not a protocol answer (400, 412, …), the EHR gets `fallback` instead.
 * The work is told through its signal, so it can drop writes no one will see.
 */
export async function withinBudget<T>(
  budgetMs: number,
  work: (signal: AbortSignal) => Promise<T>,
  fallback: (reason: Degradation, error: unknown) => T,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(fallback('timeout', null));
    }, budgetMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    controller.abort();
    return fallback(error instanceof BudgetExceeded ? 'timeout' : 'failure', error);
  } finally {
    clearTimeout(timer);
  }
}

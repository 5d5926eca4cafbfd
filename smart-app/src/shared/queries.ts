import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from './http';

/** Worth one more try: the server or the network was down for a moment, or asked us to slow down. */
const TRANSIENT = new Set(['unreachable', 'unavailable', 'rate-limited']);

/**
 * How the app fetches (TanStack Query): every read is cached under its key, shown while a newer one
 * loads, and tried once more after a transient failure. Never refetched behind the user's back on
 * window focus: a console's table does not change while someone reads it.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 1 && error instanceof ApiProblem && TRANSIENT.has(error.code),
        retryDelay: 500,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
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
 * A console's read, through TanStack Query (app/queries.ts): loaded whenever `key` changes (a query
 * string, say), the request a newer one overtakes abandoned (its signal aborted), cached under the key.
 */
export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const client = useQueryClient();
  const queryKey = ['console', key];
  const query = useQuery({ queryKey, queryFn: ({ signal }) => load(signal), placeholderData: keepPreviousData });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const set = useCallback((value: T) => client.setQueryData(['console', key], value), [client, key]);
  return {
    value: query.data ?? null,
    loading: query.isFetching,
    problem: query.error ? consoleProblemOf(query.error) : null,
    reload,
    set,
  };
}

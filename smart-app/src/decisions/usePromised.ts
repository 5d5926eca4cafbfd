import { useQuery } from '@tanstack/react-query';

/**
 * What the launch read from the EHR (the user, the patient), once it arrives; undefined until then.
 * Through TanStack Query like every read of the app, under the launch's key: read once per page load.
 */
export function usePromised<T>(name: string, promise: Promise<T>): T | undefined {
  const query = useQuery({
    queryKey: ['launch', name],
    queryFn: () => promise,
    staleTime: Infinity,
    retry: false,
  });
  return query.data;
}

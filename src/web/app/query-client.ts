import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { apiGet, isApiError } from './api-client';
import { queryKeys } from './query-keys';

/**
 * One client for the whole app. A 401 "unauthenticated" on any call means the session ended: we
 * forget who is signed in, and the route guard sends the person to sign-in (and back afterwards).
 */
let appClient: QueryClient | null = null;

/**
 * Asks for an API answer before the page that shows it has loaded its code (the page's own query,
 * with the same key, then finds it there). Does nothing when a fresh answer is already known.
 */
export function prefetchApi(queryKey: readonly unknown[], path: string) {
  void appClient?.prefetchQuery({ queryKey, queryFn: () => apiGet(path), staleTime: 30_000 });
}

export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (isApiError(error) && error.status === 401 && error.code === 'unauthenticated') {
      client.setQueryData(queryKeys.me, null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => failures < 2 && (!isApiError(error) || error.status === 0 || error.status >= 502),
      },
      mutations: { retry: false },
    },
  });
  appClient = client;
  return client;
}

/** After signing in (or out, or switching organisation): drop everything that belonged to the old session. */
export function resetSessionData(client: QueryClient) {
  client.removeQueries({
    predicate: (query) => query.queryKey[0] !== queryKeys.config[0] && query.queryKey[0] !== queryKeys.me[0],
  });
}

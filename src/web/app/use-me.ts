import { useSuspenseQuery } from '@tanstack/react-query';
import type { Me, Session } from '../../contracts/auth.contract';
import type { Role } from '../../contracts/constants';
import { apiGet, isApiError } from './api-client';
import { queryKeys } from './query-keys';
import { hasAnyRole } from './roles';

/**
 * The signed-in person, or null when nobody is signed in. Asked of /api/v1/session, which answers 200
 * either way: a signed-out page logs no failed request in the browser's console.
 */
export async function fetchMe(): Promise<Me | null> {
  try {
    return (await apiGet<Session>('/api/v1/session')).me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useMe(): Me | null {
  return useSuspenseQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 60_000 }).data;
}

/** For pages behind the session guard: the guard has made sure someone is signed in. */
export function useSignedInMe(): Me {
  const me = useMe();
  if (!me) throw new Error('useSignedInMe used outside the session guard');
  return me;
}

export function useRoles(): Role[] {
  return useMe()?.member?.roles ?? [];
}

export function useHasRole(allowed: readonly Role[]): boolean {
  return hasAnyRole(useRoles(), allowed);
}

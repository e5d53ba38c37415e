import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Inbox, Setup, SetupStep } from '../../../contracts/home.contract';
import { apiGet, apiPut } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

/** What waits for me today; asked again when I come back to the home. */
export function useInbox(enabled = true) {
  return useQuery({
    queryKey: queryKeys.inbox,
    queryFn: () => apiGet<Inbox>('/api/v1/me/inbox'),
    enabled,
    refetchOnMount: 'always',
  });
}

export function useSetup(enabled = true) {
  return useQuery({
    queryKey: queryKeys.setup,
    queryFn: () => apiGet<Setup>('/api/v1/setup'),
    enabled,
    refetchOnMount: 'always',
  });
}

export function useSkipSetupStep() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { step: SetupStep; skipped: boolean }) => apiPut<Setup>('/api/v1/setup/skipped', body),
    onSuccess: (setup) => {
      client.setQueryData(queryKeys.setup, setup);
      void client.invalidateQueries({ queryKey: queryKeys.inbox });
    },
  });
}

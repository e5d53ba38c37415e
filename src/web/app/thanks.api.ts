import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateThanksBody, Thanks, ThanksPage } from '../../contracts/thanks.contract';
import { apiDelete, apiGet, apiPostOnce, queryString } from './api-client';
import { queryKeys } from './query-keys';

// Thanks between colleagues and teams: give, take back, a team's thanks (its feed) and those I received.

const PAGE_SIZE = '5';

function useThanksPages(queryKey: readonly unknown[], path: string, enabled = true) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) =>
      apiGet<ThanksPage>(`${path}${queryString({ limit: PAGE_SIZE, cursor: pageParam ?? undefined })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled,
  });
}

export function useTeamThanks(teamId: string | null) {
  return useThanksPages(
    queryKeys.teamThanks(teamId ?? ''),
    `/api/v1/teams/${encodeURIComponent(teamId ?? '')}/thanks`,
    !!teamId,
  );
}

export function useReceivedThanks() {
  return useThanksPages(queryKeys.receivedThanks, '/api/v1/thanks/received');
}

/** After thanks are given or taken back: every list of thanks and the chain's counts refetch. */
function useThanksChanged() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: queryKeys.thanks });
    void client.invalidateQueries({ queryKey: queryKeys.chain(undefined, undefined).slice(0, 2) });
  };
}

export function useGiveThanks() {
  const changed = useThanksChanged();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateThanksBody; idempotencyKey: string }) =>
      apiPostOnce<Thanks>('/api/v1/thanks', body, idempotencyKey),
    onSuccess: changed,
  });
}

export function useTakeBackThanks() {
  const changed = useThanksChanged();
  return useMutation({
    mutationFn: (thanksId: string) => apiDelete<void>(`/api/v1/thanks/${encodeURIComponent(thanksId)}`),
    onSuccess: changed,
  });
}

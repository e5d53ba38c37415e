import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Chain, putScanBody, Scan, TeamFigures } from '../../../contracts/promises.contract';
import { apiGet, apiPut, queryString } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

// The internal customer chain, a team's figures per month and the quarterly internal scan.

export type ScanRatingBody = z.input<typeof putScanBody>;

export function useChain(from: string, to: string) {
  return useQuery({
    queryKey: queryKeys.chain(from, to),
    queryFn: () => apiGet<Chain>(`/api/v1/chain${queryString({ from, to })}`),
    placeholderData: keepPreviousData,
  });
}

export function useTeamFigures(teamId: string | null, months: number) {
  return useQuery({
    queryKey: queryKeys.teamFigures(teamId ?? '', months),
    queryFn: () =>
      apiGet<TeamFigures>(`/api/v1/team-figures${queryString({ teamId: teamId ?? '', months: String(months) })}`),
    enabled: !!teamId,
    placeholderData: keepPreviousData,
  });
}

export function useScan(quarter: string) {
  return useQuery({
    queryKey: queryKeys.scan(quarter),
    queryFn: () => apiGet<Scan>(`/api/v1/internal-scan${queryString({ quarter })}`),
    placeholderData: keepPreviousData,
  });
}

/** My rating of a team we worked with; the answer is the whole scan of that quarter again. */
export function usePutScanRating() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ScanRatingBody) => apiPut<Scan>('/api/v1/internal-scan', body),
    onSuccess: (scan, body) => client.setQueryData(queryKeys.scan(body.quarter), scan),
  });
}

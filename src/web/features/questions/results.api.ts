import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Action,
  CampaignResults,
  createActionBody,
  Mirror,
  updateActionBody,
} from '../../../contracts/questions.contract';
import { apiGet, apiPatch, apiPost, isApiError, queryString } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

// The results of a closed campaign per group, the leadership mirror, and the actions that follow.

export type CreateActionBody = z.input<typeof createActionBody>;
export type UpdateActionBody = z.input<typeof updateActionBody>;

const campaignPath = (campaignId: string) => `/api/v1/campaigns/${encodeURIComponent(campaignId)}`;

/** A 404 (a group one may not see), a 400 (a key that is no group) or a 409 (not closed yet) will not change on a retry. */
const noRetryOn = (error: unknown) =>
  isApiError(error) && (error.status === 400 || error.status === 404 || error.status === 409);
const retry = (failures: number, error: unknown) =>
  !noRetryOn(error) && failures < 2 && (!isApiError(error) || error.status === 0 || error.status >= 502);

export function useCampaignResults(campaignId: string, group: string) {
  return useQuery({
    queryKey: queryKeys.results(campaignId, group),
    queryFn: () => apiGet<CampaignResults>(`${campaignPath(campaignId)}/results${queryString({ group })}`),
    placeholderData: keepPreviousData,
    retry,
  });
}

/** The CSV of every shown figure of the groups I may see (the browser sends the session cookie with the download). */
export function resultsCsvUrl(campaignId: string): string {
  return `${campaignPath(campaignId)}/results.csv`;
}

export function useMirror(campaignId: string) {
  return useQuery({
    queryKey: queryKeys.mirror(campaignId),
    queryFn: () => apiGet<Mirror>(`${campaignPath(campaignId)}/mirror`),
    retry,
  });
}

export function useCreateAction(campaignId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateActionBody) => apiPost<Action>(`${campaignPath(campaignId)}/actions`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.questions }),
  });
}

/** Done (with a note) or open again. */
export function useUpdateAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ actionId, body }: { actionId: string; body: UpdateActionBody }) =>
      apiPatch<Action>(`/api/v1/campaign-actions/${encodeURIComponent(actionId)}`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.questions }),
  });
}

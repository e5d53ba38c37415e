import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  answersBody,
  BankQuestion,
  CampaignDetail,
  CampaignSummary,
  createCampaignBody,
  mirrorBody,
  ownQuestionBody,
  participation,
  savedAnswers,
} from '../../../contracts/questions.contract';
import { apiDelete, apiGet, apiPost, apiPut } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

// Campaigns of core questions — the list, one campaign, answering it (anonymously), the
// manager's self-view for the mirror, the response per group, and the question bank. Results: results.api.ts.

export type CreateCampaignBody = z.input<typeof createCampaignBody>;
export type AnswersBody = z.input<typeof answersBody>;
export type MirrorBody = z.input<typeof mirrorBody>;
export type OwnQuestionBody = z.input<typeof ownQuestionBody>;
export type Participation = z.infer<typeof participation>;
export type SavedAnswers = z.infer<typeof savedAnswers>;

const campaignPath = (campaignId: string) => `/api/v1/campaigns/${encodeURIComponent(campaignId)}`;

export function useCampaigns() {
  return useQuery({
    queryKey: queryKeys.campaigns,
    queryFn: () => apiGet<{ items: CampaignSummary[] }>('/api/v1/campaigns'),
    select: (data) => data.items,
  });
}

export function useCampaign(campaignId: string) {
  return useQuery({
    queryKey: queryKeys.campaign(campaignId),
    queryFn: () => apiGet<CampaignDetail>(campaignPath(campaignId)),
  });
}

/** The response per group (leaders; managers see their own teams). Nothing to ask before it opens. */
export function useParticipation(campaignId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.participation(campaignId),
    queryFn: () => apiGet<Participation>(`${campaignPath(campaignId)}/participation`),
    enabled: options.enabled ?? true,
  });
}

/** The question bank with the organisation's own questions (directors and admins). */
export function useQuestionBank() {
  return useQuery({
    queryKey: queryKeys.questionBank,
    queryFn: () => apiGet<{ items: BankQuestion[] }>('/api/v1/questions/bank'),
    select: (data) => data.items,
  });
}

/** A write about campaigns: the changed campaign's page gets the answer, every questions query refetches. */
function useQuestionsChanged() {
  const client = useQueryClient();
  return (campaign?: CampaignDetail) => {
    if (campaign) client.setQueryData(queryKeys.campaign(campaign.id), campaign);
    void client.invalidateQueries({ queryKey: queryKeys.questions });
  };
}

export function useCreateCampaign() {
  const changed = useQuestionsChanged();
  return useMutation({
    mutationFn: (body: CreateCampaignBody) => apiPost<CampaignDetail>('/api/v1/campaigns', body),
    onSuccess: (campaign) => changed(campaign),
  });
}

/** Counts who a launch with this audience would ask now; nothing is saved. */
export function useAudienceSize() {
  return useMutation({
    mutationFn: (audience: CreateCampaignBody['audience']) =>
      apiPost<{ size: number }>('/api/v1/campaigns/audience-size', { audience }),
  });
}

/** Calls off a campaign that has not opened yet (it is deleted; its page then finds nothing). */
export function useCancelCampaign(campaignId: string) {
  const changed = useQuestionsChanged();
  return useMutation({
    mutationFn: () => apiDelete<void>(campaignPath(campaignId)),
    onSuccess: () => changed(),
  });
}

/** Directors close an open campaign now: the results are computed. */
export function useCloseCampaign(campaignId: string) {
  const changed = useQuestionsChanged();
  return useMutation({
    mutationFn: () => apiPost<CampaignDetail>(`${campaignPath(campaignId)}/close`),
    onSuccess: (campaign) => changed(campaign),
  });
}

/** Replaces all my answers (a question left out is skipped). */
export function useSaveAnswers(campaignId: string) {
  const changed = useQuestionsChanged();
  return useMutation({
    mutationFn: (body: AnswersBody) => apiPut<SavedAnswers>(`${campaignPath(campaignId)}/answers`, body),
    onSuccess: () => changed(),
  });
}

/** A manager's self-view for the leadership mirror, saved apart from the anonymous answers. */
export function useSaveMirror(campaignId: string) {
  const changed = useQuestionsChanged();
  return useMutation({
    mutationFn: (body: MirrorBody) => apiPut<SavedAnswers>(`${campaignPath(campaignId)}/mirror`, body),
    onSuccess: () => changed(),
  });
}

export function useAddOwnQuestion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OwnQuestionBody) => apiPost<BankQuestion>('/api/v1/questions/bank', body),
    onSuccess: (question) => {
      client.setQueryData<{ items: BankQuestion[] }>(queryKeys.questionBank, (bank) =>
        bank ? { items: [...bank.items, question] } : bank,
      );
      void client.invalidateQueries({ queryKey: queryKeys.questions });
    },
  });
}

/** The id of an own question in the bank ('own:<id>'), or null for one of the bank's own. */
export function ownQuestionId(key: string): string | null {
  return key.startsWith('own:') ? key.slice('own:'.length) : null;
}

/** Takes an own question out of the bank; campaigns that used it keep it. */
export function useRemoveOwnQuestion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (key: string) =>
      apiDelete<void>(`/api/v1/questions/bank/${encodeURIComponent(ownQuestionId(key) ?? key)}`),
    onSuccess: (_, key) => {
      client.setQueryData<{ items: BankQuestion[] }>(queryKeys.questionBank, (bank) =>
        bank ? { items: bank.items.filter((q) => q.key !== key) } : bank,
      );
      void client.invalidateQueries({ queryKey: queryKeys.questions });
    },
  });
}

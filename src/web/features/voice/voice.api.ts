import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createTouchpointBody,
  Followup,
  FollowupDetail,
  FollowupDueDay,
  followupList,
  reactionList,
  Touchpoint,
  touchpointList,
  updateTouchpointBody,
  VoiceSettings,
} from '../../../contracts/voice.contract';
import { apiDelete, apiGet, apiPatch, apiPost, apiPut, queryString } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

// The customer's own voice — touchpoints with their QR codes, what customers said, and the follow-up
// of a very negative reaction. The reaction link of an extra or a promise is in app/voice-links.ts.

export type ReactionList = z.infer<typeof reactionList>;
export type FollowupList = z.infer<typeof followupList>;
export type CreateTouchpointBody = z.input<typeof createTouchpointBody>;
export type UpdateTouchpointBody = z.input<typeof updateTouchpointBody>;
export type VoiceScope = 'mine' | 'team' | 'all';
export type FollowupState = 'open' | 'closed';

export interface ReactionFilters {
  scope: VoiceScope;
  from?: string | undefined;
  to?: string | undefined;
  touchpointId?: string | undefined;
}

export interface CloseFollowupInput {
  followupId: string;
  outcome: Exclude<Followup['status'], 'open'>;
  note: string | null;
}

/** Touchpoints with their links (managers, directors, admins). */
export function useTouchpoints(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.touchpoints,
    queryFn: () => apiGet<z.infer<typeof touchpointList>>('/api/v1/touchpoints'),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
  });
}

/** What customers said in a period; `enabled: false` (a period that cannot be asked for) keeps the last answer on screen. */
export function useCustomerReactions(filters: ReactionFilters, options: { enabled?: boolean } = {}) {
  const params = { scope: filters.scope, from: filters.from, to: filters.to, touchpointId: filters.touchpointId };
  return useQuery({
    enabled: options.enabled ?? true,
    queryKey: queryKeys.customerReactions(params),
    queryFn: () => apiGet<ReactionList>(`/api/v1/customer-reactions${queryString(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function useFollowups(state: FollowupState) {
  return useQuery({
    queryKey: queryKeys.voiceFollowups(state),
    queryFn: () => apiGet<FollowupList>(`/api/v1/voice-followups${queryString({ state })}`),
    select: (data) => data.items,
  });
}

/** After any write of this module every voice query refetches (lists, counts, links). */
function useVoiceChanged() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: queryKeys.voice });
}

export function useCreateTouchpoint() {
  const changed = useVoiceChanged();
  return useMutation({
    mutationFn: (body: CreateTouchpointBody) => apiPost<Touchpoint>('/api/v1/touchpoints', body),
    onSuccess: changed,
  });
}

/** Rename, reassign, archive or unarchive a touchpoint, or give it a new link (the old one stops working). */
export function useUpdateTouchpoint() {
  const changed = useVoiceChanged();
  return useMutation({
    mutationFn: ({ touchpointId, ...body }: UpdateTouchpointBody & { touchpointId: string }) =>
      apiPatch<Touchpoint>(`/api/v1/touchpoints/${encodeURIComponent(touchpointId)}`, body),
    onSuccess: changed,
  });
}

export function useCloseFollowup() {
  const changed = useVoiceChanged();
  return useMutation({
    mutationFn: ({ followupId, outcome, note }: CloseFollowupInput) =>
      apiPost<FollowupDetail>(`/api/v1/voice-followups/${encodeURIComponent(followupId)}/close`, { outcome, note }),
    onSuccess: changed,
  });
}

/** One follow-up with its conversation with the customer, whether mail can go, and who it may be given to. */
export function useFollowup(followupId: string) {
  return useQuery({
    queryKey: queryKeys.voiceFollowup(followupId),
    queryFn: () => apiGet<FollowupDetail>(`/api/v1/voice-followups/${encodeURIComponent(followupId)}`),
  });
}

/** Gives the follow-up to a person of its team (null: back to the team's managers). */
export function useAssignFollowup() {
  const changed = useVoiceChanged();
  return useMutation({
    mutationFn: ({ followupId, memberId }: { followupId: string; memberId: string | null }) =>
      apiPut<FollowupDetail>(`/api/v1/voice-followups/${encodeURIComponent(followupId)}/assignee`, { memberId }),
    onSuccess: changed,
  });
}

/** Writes to the customer by e-mail; the mail holds the link to their reply page. */
export function useWriteToCustomer() {
  const changed = useVoiceChanged();
  return useMutation({
    mutationFn: ({ followupId, text }: { followupId: string; text: string }) =>
      apiPost<FollowupDetail>(`/api/v1/voice-followups/${encodeURIComponent(followupId)}/messages`, { text }),
    onSuccess: changed,
  });
}

/** The days a follow-up has per very negative score (the administrator sets them). */
export function useVoiceSettings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.voiceSettings,
    queryFn: () => apiGet<VoiceSettings>('/api/v1/voice-settings'),
    enabled: options.enabled ?? true,
  });
}

export function useSaveVoiceSettings() {
  const changed = useVoiceChanged();
  return useMutation({
    mutationFn: (followupDueDays: FollowupDueDay[]) =>
      apiPut<VoiceSettings>('/api/v1/voice-settings', { followupDueDays }),
    onSuccess: changed,
  });
}

/** Erases the contact details a customer left; the reaction itself stays. */
export function useEraseContact() {
  const changed = useVoiceChanged();
  return useMutation({
    mutationFn: (reactionId: string) =>
      apiDelete<null>(`/api/v1/customer-reactions/${encodeURIComponent(reactionId)}/contact`),
    onSuccess: changed,
  });
}

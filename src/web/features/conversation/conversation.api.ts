import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConversationNote, ConversationView } from '../../../contracts/learning.contract';
import { apiGet, apiPost, queryString } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

// The manager's conversation view and its notes (the organisation's setting for per-member figures is
// the organisation page's: organization/learning-settings.api.ts).

const teamPath = (teamId: string) => `/api/v1/teams/${encodeURIComponent(teamId)}/conversation`;

export function useConversation(teamId: string | null, from: string, to: string) {
  return useQuery({
    queryKey: queryKeys.conversation(teamId ?? '', from, to),
    queryFn: () => apiGet<ConversationView>(`${teamPath(teamId ?? '')}${queryString({ from, to })}`),
    enabled: !!teamId && !!from && !!to && from <= to,
    placeholderData: keepPreviousData,
  });
}

export function useNotes(teamId: string, memberId: string) {
  return useQuery({
    queryKey: queryKeys.conversationNotes(teamId, memberId),
    queryFn: () => apiGet<{ items: ConversationNote[] }>(`${teamPath(teamId)}/notes${queryString({ memberId })}`),
    select: (data) => data.items,
  });
}

export function useAddNote(teamId: string, memberId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => apiPost<ConversationNote>(`${teamPath(teamId)}/notes`, { memberId, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.conversationNotes(teamId, memberId) }),
  });
}

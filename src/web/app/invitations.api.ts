import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateInvitationBody, Invitation } from '../../contracts/org.contract';
import { apiDelete, apiGet, apiPost } from './api-client';
import { queryKeys } from './query-keys';

export function useInvitations() {
  return useQuery({
    queryKey: queryKeys.invitations,
    queryFn: () => apiGet<{ items: Invitation[] }>('/api/v1/invitations'),
    select: (data) => data.items,
  });
}

export function useCreateInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitationBody) => apiPost<Invitation>('/api/v1/invitations', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.invitations }),
  });
}

export function useResendInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      apiPost<Invitation>(`/api/v1/invitations/${encodeURIComponent(invitationId)}/resend`),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.invitations }),
  });
}

export function useRevokeInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => apiDelete<void>(`/api/v1/invitations/${encodeURIComponent(invitationId)}`),
    onSuccess: (_nothing, invitationId) => {
      // Gone from the list at once; the refetch confirms.
      client.setQueryData<{ items: Invitation[] }>(queryKeys.invitations, (data) =>
        data ? { items: data.items.filter((i) => i.id !== invitationId) } : data,
      );
      void client.invalidateQueries({ queryKey: queryKeys.invitations });
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactionRequestState, SendReactionRequestBody } from '../../contracts/reaction-requests.contract';
import { apiGet, apiPost } from './api-client';
import { queryKeys } from './query-keys';
import type { LinkSubject } from './voice-links';

// Asking the customer of an extra or a delivered promise for a reaction by e-mail (once): on the
// extra's and the promise's pages.

const requestPath = (subject: LinkSubject, id: string) =>
  `/api/v1/${subject === 'extra' ? 'extras' : 'promises'}/${encodeURIComponent(id)}/reaction-request`;

/** Whether the customer was asked, and whether they may be (mail set up, the promise delivered). */
export function useReactionRequest(subject: LinkSubject, id: string) {
  return useQuery({
    queryKey: queryKeys.reactionRequest(subject, id),
    queryFn: () => apiGet<ReactionRequestState>(requestPath(subject, id)),
    retry: false,
  });
}

export function useSendReactionRequest(subject: LinkSubject, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SendReactionRequestBody) => apiPost<ReactionRequestState>(requestPath(subject, id), body),
    onSuccess: (state) => client.setQueryData(queryKeys.reactionRequest(subject, id), state),
    // A refusal (sent meanwhile by a colleague) shows the state as it now is.
    onError: () => void client.invalidateQueries({ queryKey: queryKeys.reactionRequest(subject, id) }),
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Me } from '../../contracts/auth.contract';
import { apiPost } from './api-client';
import { forgetLastKnown } from './last-known';
import { resetSessionData } from './query-client';
import { queryKeys } from './query-keys';
import { goToSignIn } from './sign-in-page';

/** Call with the Me a sign-in, sign-up or accepted invitation answered with. */
export function useStartSession() {
  const client = useQueryClient();
  return (me: Me) => {
    resetSessionData(client);
    client.setQueryData(queryKeys.me, me);
  };
}

export function useSignOut() {
  return useMutation({
    mutationFn: () => apiPost<void>('/api/v1/auth/sign-out'),
    // Signed out or not (an ended session answers 401), this browser forgets the session: the page
    // itself goes, for the server's sign-in page.
    onSettled: () => {
      forgetLastKnown();
      goToSignIn();
    },
  });
}

export function useSwitchOrganization() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (organizationId: string) => apiPost<Me>('/api/v1/me/organization', { organizationId }),
    onSuccess: (me) => {
      resetSessionData(client);
      client.setQueryData(queryKeys.me, me);
      navigate('/');
    },
  });
}

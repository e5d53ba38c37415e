import { Anchor, Loader, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Me } from '../../../contracts/auth.contract';
import { ApiError, apiPost } from '../../app/api-client';
import { useStartSession } from '../../app/use-session-actions';
import { ProblemAlert } from '../../components/problem-alert.component';
import { AuthLayout } from './auth.layout';
import { readFragmentToken } from './fragment-token';

/** The link from the sign-up mail (/sign-up/confirm#token=…): creates the organisation and signs in. */
export function ConfirmSignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const startSession = useStartSession();
  const [token] = useState(readFragmentToken);
  const confirm = useMutation({
    mutationFn: (value: string) => apiPost<Me>('/api/v1/auth/sign-up/confirm', { token: value }),
    onSuccess: (me) => {
      startSession(me);
      navigate('/', { replace: true });
    },
  });
  // The link works once: send it once, also when an effect runs twice.
  const sent = useRef(false);
  const { mutate } = confirm;
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    mutate(token);
  }, [token, mutate]);

  const error = token ? confirm.error : new ApiError({ status: 400, code: 'invalid_token', title: '' });
  return (
    <AuthLayout title={t('auth.signUpConfirm.title')}>
      {error ? (
        <Stack>
          <ProblemAlert error={error} />
          <Anchor component={Link} to="/sign-up">
            {t('auth.signUpConfirm.requestNew')}
          </Anchor>
        </Stack>
      ) : (
        <Stack align="center">
          <Loader aria-hidden />
          <Text role="status">{t('auth.signUpConfirm.working')}</Text>
        </Stack>
      )}
    </AuthLayout>
  );
}

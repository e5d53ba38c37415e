import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, apiPost, isApiError } from '../../app/api-client';
import { applyFieldErrors } from '../../app/problem';
import { goToSignIn, signInAddress } from '../../app/sign-in-page';
import { MIN_PASSWORD_LENGTH, newPassword } from '../../app/validators';
import { PasswordField } from '../../components/password-field.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { AuthLayout } from './auth.layout';
import { readFragmentToken } from './fragment-token';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [token] = useState(readFragmentToken);
  const form = useForm({ initialValues: { password: '' }, validate: { password: newPassword(t) } });
  const reset = useMutation({
    mutationFn: (password: string) => apiPost<void>('/api/v1/auth/password/reset', { token, password }),
    onSuccess: () => goToSignIn(undefined, { notice: 'reset' }),
    onError: (error) => applyFieldErrors(form, t, error),
  });
  const tokenRefused = isApiError(reset.error) && reset.error.code === 'invalid_token';

  if (!token) {
    return (
      <AuthLayout title={t('auth.reset.title')}>
        <Stack>
          <ProblemAlert error={new ApiError({ status: 400, code: 'invalid_token', title: '' })} />
          <Anchor component={Link} to="/forgot-password">
            {t('auth.reset.requestNew')}
          </Anchor>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('auth.reset.title')}>
      <form noValidate onSubmit={form.onSubmit((values) => reset.mutate(values.password))}>
        <Stack>
          <ProblemAlert error={reset.error} />
          {tokenRefused && (
            <Anchor component={Link} to="/forgot-password">
              {t('auth.reset.requestNew')}
            </Anchor>
          )}
          <PasswordField
            label={t('auth.reset.newPassword')}
            description={t('auth.passwordHint', { count: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            autoFocus
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={reset.isPending} fullWidth>
            {t('auth.reset.submit')}
          </Button>
          <Text size="sm" ta="center">
            <Anchor href={signInAddress()}>{t('auth.backToSignIn')}</Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}

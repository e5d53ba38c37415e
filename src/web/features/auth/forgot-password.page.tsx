import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../contracts/constants';
import { apiPost } from '../../app/api-client';
import { currentLanguage } from '../../app/i18n';
import { applyFieldErrors } from '../../app/problem';
import { signInAddress } from '../../app/sign-in-page';
import { emailAddress } from '../../app/validators';
import { ProblemAlert } from '../../components/problem-alert.component';
import { AuthLayout } from './auth.layout';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { email: '' }, validate: { email: emailAddress(t) } });
  const request = useMutation({
    mutationFn: (body: { email: string; language: Language }) =>
      apiPost<{ ok: true }>('/api/v1/auth/password/forgot', body),
    onError: (error) => applyFieldErrors(form, t, error),
  });

  return (
    <AuthLayout title={t('auth.forgot.title')}>
      {request.isSuccess ? (
        <Stack>
          <Alert color="green" role="status">
            {t('auth.forgot.sent')}
          </Alert>
          <Anchor href={signInAddress()}>{t('auth.backToSignIn')}</Anchor>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            request.mutate({ email: values.email.trim(), language: currentLanguage() }),
          )}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              {t('auth.forgot.intro')}
            </Text>
            <ProblemAlert error={request.error} />
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="email"
              inputMode="email"
              autoFocus
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('auth.forgot.submit')}
            </Button>
            <Anchor href={signInAddress()} size="sm" ta="center">
              {t('auth.backToSignIn')}
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

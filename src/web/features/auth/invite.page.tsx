import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AcceptInvitationBody, InvitationPreview, Me } from '../../../contracts/auth.contract';
import { ApiError, apiPost } from '../../app/api-client';
import { currentLanguage } from '../../app/i18n';
import { applyFieldErrors } from '../../app/problem';
import { signInAddress } from '../../app/sign-in-page';
import { useStartSession } from '../../app/use-session-actions';
import { filledPassword, MIN_PASSWORD_LENGTH, newPassword, requiredText } from '../../app/validators';
import { LanguageField } from '../../components/language-field.component';
import { PageLoader } from '../../components/page-loader.component';
import { PasswordField } from '../../components/password-field.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { AuthLayout } from './auth.layout';
import { readFragmentToken } from './fragment-token';

/** /invite#token=…: see which organisation invites you, then join it with a new or your existing account. */
export function InvitePage() {
  const { t } = useTranslation();
  const [token] = useState(readFragmentToken);
  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => apiPost<InvitationPreview>('/api/v1/auth/invitations/preview', { token }),
    enabled: !!token,
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

  if (!token || preview.error) {
    return (
      <AuthLayout title={t('auth.invite.title')}>
        <Stack>
          <ProblemAlert error={preview.error ?? new ApiError({ status: 400, code: 'invalid_token', title: '' })} />
          <Anchor href={signInAddress()}>{t('auth.backToSignIn')}</Anchor>
        </Stack>
      </AuthLayout>
    );
  }
  if (!preview.data) {
    return (
      <AuthLayout title={t('auth.invite.title')}>
        <PageLoader />
      </AuthLayout>
    );
  }
  return <AcceptInvitationForm token={token} preview={preview.data} />;
}

function AcceptInvitationForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const startSession = useStartSession();
  const isNew = !preview.existingAccount;
  const form = useForm({
    initialValues: { name: preview.name, password: '' },
    validate: {
      name: (value: string) => (isNew ? requiredText(t)(value) : null),
      password: isNew ? newPassword(t) : filledPassword(t),
    },
  });
  const accept = useMutation({
    mutationFn: (body: AcceptInvitationBody) => apiPost<Me>('/api/v1/auth/invitations/accept', body),
    onSuccess: (me) => {
      startSession(me);
      navigate('/', { replace: true });
    },
    onError: (error) => applyFieldErrors(form, t, error),
  });
  const submit = form.onSubmit((values) =>
    accept.mutate(
      isNew
        ? { token, name: values.name.trim(), password: values.password, language: currentLanguage() }
        : { token, password: values.password },
    ),
  );

  return (
    <AuthLayout title={t('auth.invite.title')}>
      <form noValidate onSubmit={submit}>
        <Stack>
          <Alert color="blue" variant="light">
            <Text size="sm">{t('auth.invite.intro', { organization: preview.organizationName })}</Text>
            <Text size="sm" fw={600} mt={4}>
              {preview.email}
            </Text>
          </Alert>
          <Text size="sm" c="dimmed">
            {isNew ? t('auth.invite.newAccount') : t('auth.invite.existingAccount')}
          </Text>
          <ProblemAlert error={accept.error} />
          {isNew ? (
            <>
              <TextInput label={t('auth.yourName')} autoComplete="name" {...form.getInputProps('name')} />
              <PasswordField
                label={t('auth.choosePassword')}
                description={t('auth.passwordHint', { count: MIN_PASSWORD_LENGTH })}
                autoComplete="new-password"
                {...form.getInputProps('password')}
              />
              <LanguageField label={t('auth.invite.language')} />
            </>
          ) : (
            <>
              <input type="email" name="username" value={preview.email} autoComplete="username" readOnly hidden />
              <PasswordField
                label={t('auth.password')}
                autoComplete="current-password"
                autoFocus
                {...form.getInputProps('password')}
              />
              <Anchor component={Link} to="/forgot-password" size="sm">
                {t('auth.signIn.forgot')}
              </Anchor>
            </>
          )}
          <Button type="submit" loading={accept.isPending} fullWidth>
            {isNew ? t('auth.invite.submitNew') : t('auth.invite.submitExisting')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

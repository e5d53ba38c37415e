import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SignUpBody } from '../../../contracts/auth.contract';
import { ApiError, apiPost } from '../../app/api-client';
import { currentLanguage } from '../../app/i18n';
import { applyFieldErrors } from '../../app/problem';
import { signInAddress } from '../../app/sign-in-page';
import { useConfig } from '../../app/use-config';
import { emailAddress, MIN_PASSWORD_LENGTH, newPassword, requiredText } from '../../app/validators';
import { LanguageField } from '../../components/language-field.component';
import { PasswordField } from '../../components/password-field.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { AuthLayout } from './auth.layout';

type SignUpValues = Omit<SignUpBody, 'language'>;

export function SignUpPage() {
  const { t } = useTranslation();
  const config = useConfig();
  const form = useForm<SignUpValues>({
    initialValues: { organizationName: '', name: '', email: '', password: '' },
    validate: {
      organizationName: requiredText(t),
      name: requiredText(t),
      email: emailAddress(t),
      password: newPassword(t),
    },
  });
  const signUp = useMutation({
    // The answer is the same for every address; the link to go on comes by e-mail.
    mutationFn: (body: SignUpBody) => apiPost<{ ok: true }>('/api/v1/auth/sign-up', body),
    onError: (error) => applyFieldErrors(form, t, error),
  });

  if (!config.signUpEnabled) {
    return (
      <AuthLayout title={t('auth.signUp.title')}>
        <Stack>
          <ProblemAlert error={new ApiError({ status: 403, code: 'signup_disabled', title: '' })} />
          <Anchor href={signInAddress()}>{t('auth.backToSignIn')}</Anchor>
        </Stack>
      </AuthLayout>
    );
  }

  if (signUp.isSuccess) {
    return (
      <AuthLayout title={t('auth.signUp.title')}>
        <Stack>
          <Alert color="green" role="status">
            {t(config.mailDelivers ? 'auth.signUp.sent' : 'auth.signUp.sentToLog', { email: signUp.variables.email })}
          </Alert>
          <Anchor href={signInAddress()}>{t('auth.backToSignIn')}</Anchor>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('auth.signUp.title')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          signUp.mutate({
            organizationName: values.organizationName.trim(),
            name: values.name.trim(),
            email: values.email.trim(),
            password: values.password,
            language: currentLanguage(),
          }),
        )}
      >
        <Stack>
          {config.emptyInstance && (
            <Alert color="blue" variant="light" role="note">
              {t('auth.signUp.firstOrganization')}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t('auth.signUp.intro')}
          </Text>
          <ProblemAlert error={signUp.error} />
          <TextInput
            label={t('auth.signUp.organizationName')}
            autoComplete="organization"
            autoFocus
            {...form.getInputProps('organizationName')}
          />
          <TextInput label={t('auth.yourName')} autoComplete="name" {...form.getInputProps('name')} />
          <TextInput
            label={t('auth.email')}
            type="email"
            inputMode="email"
            autoComplete="email"
            {...form.getInputProps('email')}
          />
          <PasswordField
            label={t('auth.choosePassword')}
            description={t('auth.passwordHint', { count: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <LanguageField label={t('auth.signUp.language')} />
          <Button type="submit" loading={signUp.isPending} fullWidth>
            {t('auth.signUp.submit')}
          </Button>
          <Text size="sm" ta="center">
            {t('auth.signUp.haveAccount')} <Anchor href={signInAddress()}>{t('auth.signUp.toSignIn')}</Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}

import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Me, SignInBody } from '../../../contracts/auth.contract';
import { apiPost } from '../../app/api-client';
import { fieldErrorsOf } from '../../app/problem';
import { useConfig } from '../../app/use-config';
import { useStartSession } from '../../app/use-session-actions';
import { emailAddress, filledPassword } from '../../app/validators';
import { PasswordField } from '../../components/password-field.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { AuthLayout } from './auth.layout';

export interface SignInNotice {
  notice?: 'passwordReset';
}

type Field = keyof SignInBody;

/** The first page most people see: kept small (plain state instead of a form library). */
export function SignInPage() {
  const { t } = useTranslation();
  const config = useConfig();
  const location = useLocation();
  const startSession = useStartSession();
  const notice = (location.state as SignInNotice | null)?.notice;
  const [values, setValues] = useState<SignInBody>({ email: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const signIn = useMutation({
    mutationFn: (body: SignInBody) => apiPost<Me>('/api/v1/auth/sign-in', body),
    // The guard around this page then sends the person on (to ?next= or Home).
    onSuccess: startSession,
    onError: (error) => setErrors(fieldErrorsOf(t, error)),
  });

  const change = (field: Field) => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = { email: emailAddress(t)(values.email), password: filledPassword(t)(values.password) };
    if (found.email || found.password) {
      setErrors({ ...(found.email ? { email: found.email } : {}), ...(found.password ? { password: found.password } : {}) });
      return;
    }
    signIn.mutate({ email: values.email.trim(), password: values.password });
  };

  return (
    <AuthLayout title={t('auth.signIn.title')}>
      <form noValidate onSubmit={submit}>
        <Stack>
          {notice === 'passwordReset' && !signIn.error && (
            <Alert color="green" role="status">
              {t('auth.reset.done')}
            </Alert>
          )}
          <ProblemAlert error={signIn.error} />
          <TextInput
            label={t('auth.email')}
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            autoFocus
            value={values.email}
            onChange={change('email')}
            error={errors.email}
          />
          <PasswordField
            label={t('auth.password')}
            name="password"
            autoComplete="current-password"
            value={values.password}
            onChange={change('password')}
            error={errors.password}
          />
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('auth.signIn.forgot')}
            </Anchor>
          </Group>
          <Button type="submit" loading={signIn.isPending} fullWidth>
            {t('auth.signIn.submit')}
          </Button>
          {config.signUpEnabled && (
            <Text size="sm" ta="center">
              {t('auth.signIn.noAccount')}{' '}
              <Anchor component={Link} to="/sign-up">
                {t('auth.signIn.toSignUp')}
              </Anchor>
            </Text>
          )}
        </Stack>
      </form>
    </AuthLayout>
  );
}

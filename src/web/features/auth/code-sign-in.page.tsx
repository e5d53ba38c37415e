import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../contracts/auth.contract';
import { apiPost } from '../../app/api-client';
import { signInAddress } from '../../app/sign-in-page';
import { ProblemAlert } from '../../components/problem-alert.component';
import { AuthLayout } from './auth.layout';

/** The code from a scanned card: it travels in the fragment (#code=...), never to a server log. */
function codeFromFragment(): string {
  const match = /(?:^#|&)code=([A-Za-z0-9-]+)/.exec(window.location.hash);
  return match?.[1] ?? '';
}

/** Sign in with a personal sign-in code (a printed card); the phone then stays signed in. */
export function CodeSignInPage() {
  const { t } = useTranslation();
  const [code, setCode] = useState(codeFromFragment);
  const signIn = useMutation({
    mutationFn: (value: string) => apiPost<Me>('/api/v1/auth/code-sign-in', { code: value }),
    onSuccess: () => {
      // The code leaves the address bar and the history; the app starts afresh as the person.
      window.location.replace('/');
    },
  });
  return (
    <AuthLayout title={t('workforce.codeSignIn.title')}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (code.trim()) signIn.mutate(code.trim());
        }}
      >
        <Stack>
          <Text size="sm">{t('workforce.codeSignIn.intro')}</Text>
          <ProblemAlert error={signIn.error} />
          <TextInput
            label={t('workforce.codeSignIn.code')}
            description={t('workforce.codeSignIn.codeHelp')}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            required
            autoFocus={!code}
            styles={{ input: { fontFamily: 'monospace', letterSpacing: 1 } }}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            {t('workforce.codeSignIn.submit')}
          </Button>
          <Anchor href={signInAddress()} size="sm" ta="center">
            {t('workforce.codeSignIn.withPassword')}
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}

import { Alert, Button } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { safeNextPath } from '../../app/route-guards';
import { goToSignIn, signInAddress } from '../../app/sign-in-page';
import { AuthLayout } from './auth.layout';

const TRIED_KEY = 'klantwerk.signInTried';

/** Sent to the server's sign-in page within the last few seconds, and back here: it did not answer. */
function triedJustNow(): boolean {
  try {
    const tried = Number(window.sessionStorage.getItem(TRIED_KEY));
    window.sessionStorage.setItem(TRIED_KEY, String(Date.now()));
    return Date.now() - tried < 10_000;
  } catch {
    return false;
  }
}

/**
 * What the app shows at /sign-in: normally nothing, as it hands over to the server's sign-in page at
 * once. This page only stays when that page cannot be reached (no connection: the phone's service
 * worker answered with the app instead), and then says so instead of trying again and again.
 */
export function SignInElsewherePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [stuck, setStuck] = useState(false);
  useEffect(() => {
    if (navigator.onLine && !triedJustNow()) goToSignIn(next);
    else setStuck(true);
  }, [next]);
  if (!stuck) return null;
  return (
    <AuthLayout title={t('auth.signIn.title')}>
      <Alert color="yellow" title={t('offline.signInTitle')} mb="md">
        {t('offline.signInText')}
      </Alert>
      <Button component="a" href={signInAddress(next)} fullWidth>
        {t('offline.signInRetry')}
      </Button>
    </AuthLayout>
  );
}

import { Alert, type MantineSpacing } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConfig } from '../app/use-config';

/** Shown where links and QR codes are made or set up, while APP_URL still points at localhost (the server says so). */
export function AppUrlWarning({ mb }: { mb?: MantineSpacing }) {
  const { t } = useTranslation();
  const config = useConfig();
  if (!config.appUrlLocal) return null;
  return (
    <Alert color="yellow" variant="light" role="note" mb={mb}>
      {t('common.appUrlLocal')}
    </Alert>
  );
}

import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useSetup } from './home.api';
import { SetupChecklist } from './setup-checklist.component';

/** "Eerste stappen": the first-run checklist, also once it is finished (the home then no longer shows it). */
export function SetupPage() {
  const { t } = useTranslation();
  const setup = useSetup();
  return (
    <>
      <PageHeader title={t('nav.setup')} description={t('home.setup.intro')} />
      <Stack maw={720}>
        {setup.error ? (
          <ProblemAlert error={setup.error} />
        ) : !setup.data ? (
          <PageLoader />
        ) : (
          <SetupChecklist setup={setup.data} />
        )}
        {setup.data?.finished && (
          <Button component={Link} to="/extras/new" size="lg">
            {t('nav.logExtra')}
          </Button>
        )}
      </Stack>
    </>
  );
}

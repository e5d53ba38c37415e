import { Button, Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../contracts/org.contract';
import { isLanguage } from '../../app/i18n';
import { useOrganization, useUpdateOrganization } from '../../app/organization.api';
import { applyFieldErrors } from '../../app/problem';
import { requiredText } from '../../app/validators';
import { AppUrlWarning } from '../../components/app-url-warning.component';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { CoreQuestionsSettingsSection } from './core-questions-settings.section';
import { LearningSettingsSection } from './learning-settings.section';
import { PrivacySettingsSection } from './privacy-settings.section';
import { SsoSettingsSection } from './sso-settings.section';

export function OrganizationPage() {
  const { t } = useTranslation();
  const organization = useOrganization();
  return (
    <>
      <PageHeader title={t('organization.title')} />
      <AppUrlWarning mb="md" />
      {organization.error ? (
        <ProblemAlert error={organization.error} />
      ) : !organization.data ? (
        <PageLoader />
      ) : (
        <>
          <OrganizationForm organization={organization.data} />
          <LearningSettingsSection />
          <CoreQuestionsSettingsSection organization={organization.data} />
          <PrivacySettingsSection organization={organization.data} />
          <SsoSettingsSection />
        </>
      )}
    </>
  );
}

function timeZoneOptions(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

function OrganizationForm({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const update = useUpdateOrganization();
  const zones = useMemo(() => timeZoneOptions(organization.timeZone), [organization.timeZone]);
  const form = useForm({
    initialValues: {
      name: organization.name,
      defaultLanguage: organization.defaultLanguage as string,
      timeZone: organization.timeZone,
    },
    validate: {
      name: requiredText(t),
      timeZone: (value: string) => (value ? null : t('validation.required')),
    },
  });
  const submit = form.onSubmit((values) => {
    if (!isLanguage(values.defaultLanguage)) return;
    update.mutate(
      { name: values.name.trim(), defaultLanguage: values.defaultLanguage, timeZone: values.timeZone },
      {
        onSuccess: (saved) => {
          form.setValues({ name: saved.name, defaultLanguage: saved.defaultLanguage, timeZone: saved.timeZone });
          form.resetDirty();
          notifySuccess(t('common.saved'));
        },
        onError: (error) => applyFieldErrors(form, t, error),
      },
    );
  });

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={640}>
      <form noValidate onSubmit={submit}>
        <Stack>
          <ProblemAlert error={update.error} />
          <TextInput label={t('organization.name')} maxLength={120} {...form.getInputProps('name')} />
          <Select
            label={t('organization.defaultLanguage')}
            description={t('organization.defaultLanguageHint')}
            data={[
              { value: 'nl', label: 'Nederlands' },
              { value: 'en', label: 'English' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('defaultLanguage')}
          />
          <Select
            label={t('organization.timeZone')}
            data={zones}
            searchable
            allowDeselect={false}
            limit={100}
            nothingFoundMessage={t('organization.noTimeZone')}
            {...form.getInputProps('timeZone')}
          />
          <TextInput
            label={t('organization.currency')}
            description={t('organization.currencyHint')}
            value="EUR (€)"
            readOnly
            variant="filled"
          />
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

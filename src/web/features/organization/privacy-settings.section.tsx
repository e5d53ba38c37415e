import { NumberInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CONTACT_KEEP_DAYS } from '../../../contracts/constants';
import type { Organization } from '../../../contracts/org.contract';
import { applyFieldErrors } from '../../app/problem';
import { notifySuccess } from '../../components/notify';
import { useUpdateOrganization } from './organization.api';
import { SettingsSection } from './settings-section.component';

// Privacy: how long the organisation keeps what customers leave of themselves. Saved through the
// organisation's own update; the hourly sweep on the server applies it.

const isKeepDays = (value: number | string) => typeof value === 'number' && Number.isInteger(value) && value >= CONTACT_KEEP_DAYS.min && value <= CONTACT_KEEP_DAYS.max;

export function PrivacySettingsSection({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const update = useUpdateOrganization();
  const form = useForm<{ contactKeepDays: number | string }>({
    initialValues: { contactKeepDays: organization.contactKeepDays },
    validate: { contactKeepDays: (v) => (isKeepDays(v) ? null : t('organization.privacy.range', CONTACT_KEEP_DAYS)) },
  });
  const submit = form.onSubmit((values) => {
    update.mutate(
      { contactKeepDays: Number(values.contactKeepDays) },
      {
        onSuccess: (saved) => {
          form.setValues({ contactKeepDays: saved.contactKeepDays });
          form.resetDirty({ contactKeepDays: saved.contactKeepDays });
          notifySuccess(t('common.saved'));
        },
        onError: (error) => applyFieldErrors(form, t, error),
      },
    );
  });

  return (
    <SettingsSection
      id="privacy-settings"
      title={t('organization.privacy.title')}
      intro={t('organization.privacy.intro')}
      error={update.error}
      saving={update.isPending}
      onSubmit={submit}
    >
      <NumberInput
        label={t('organization.privacy.contactKeepDays')}
        description={t('organization.privacy.contactKeepDaysHint')}
        min={CONTACT_KEEP_DAYS.min}
        max={CONTACT_KEEP_DAYS.max}
        step={1}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="none"
        suffix={` ${t('organization.privacy.days')}`}
        styles={{ wrapper: { maxWidth: 180 } }}
        {...form.getInputProps('contactKeepDays')}
      />
    </SettingsSection>
  );
}

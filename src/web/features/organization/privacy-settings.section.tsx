import { NumberInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CONTACT_KEEP_DAYS, CUSTOMER_KEEP_DAYS, VIEW_LOG_KEEP_DAYS } from '../../../contracts/constants';
import type { Organization } from '../../../contracts/org.contract';
import { useUpdateOrganization } from '../../app/organization.api';
import { applyFieldErrors } from '../../app/problem';
import { notifySuccess } from '../../components/notify';
import { SettingsSection } from './settings-section.component';

// Privacy: how long the organisation keeps what customers leave of themselves — contact details left
// with a reaction, and customers' names in promises and extras — and how long a member can read back
// who looked at their per-member figures. Saved through the organisation's own update; the hourly sweep
// on the server applies it.

type Range = { readonly min: number; readonly max: number };
type Values = { contactKeepDays: number | string; customerKeepDays: number | string; viewLogKeepDays: number | string };

const inRange = (value: number | string, range: Range) =>
  typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
const initial = (o: Organization): Values => ({
  contactKeepDays: o.contactKeepDays,
  customerKeepDays: o.customerKeepDays,
  viewLogKeepDays: o.viewLogKeepDays,
});

export function PrivacySettingsSection({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const update = useUpdateOrganization();
  const form = useForm<Values>({
    initialValues: initial(organization),
    validate: {
      contactKeepDays: (v) =>
        inRange(v, CONTACT_KEEP_DAYS) ? null : t('organization.privacy.range', CONTACT_KEEP_DAYS),
      customerKeepDays: (v) =>
        inRange(v, CUSTOMER_KEEP_DAYS) ? null : t('organization.privacy.range', CUSTOMER_KEEP_DAYS),
      viewLogKeepDays: (v) =>
        inRange(v, VIEW_LOG_KEEP_DAYS) ? null : t('organization.privacy.range', VIEW_LOG_KEEP_DAYS),
    },
  });
  const submit = form.onSubmit((values) => {
    update.mutate(
      {
        contactKeepDays: Number(values.contactKeepDays),
        customerKeepDays: Number(values.customerKeepDays),
        viewLogKeepDays: Number(values.viewLogKeepDays),
      },
      {
        onSuccess: (saved) => {
          form.setValues(initial(saved));
          form.resetDirty(initial(saved));
          notifySuccess(t('common.saved'));
        },
        onError: (error) => applyFieldErrors(form, t, error),
      },
    );
  });
  const days = (range: Range) =>
    ({
      ...range,
      step: 1,
      allowDecimal: false,
      allowNegative: false,
      clampBehavior: 'none',
      suffix: ` ${t('organization.privacy.days')}`,
      styles: { wrapper: { maxWidth: 180 } },
    }) as const;

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
        {...days(CONTACT_KEEP_DAYS)}
        {...form.getInputProps('contactKeepDays')}
      />
      <NumberInput
        label={t('organization.privacy.customerKeepDays')}
        description={t('organization.privacy.customerKeepDaysHint')}
        {...days(CUSTOMER_KEEP_DAYS)}
        {...form.getInputProps('customerKeepDays')}
      />
      <NumberInput
        label={t('organization.privacy.viewLogKeepDays')}
        description={t('organization.privacy.viewLogKeepDaysHint')}
        {...days(VIEW_LOG_KEEP_DAYS)}
        {...form.getInputProps('viewLogKeepDays')}
      />
    </SettingsSection>
  );
}

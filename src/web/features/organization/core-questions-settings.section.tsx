import { NumberInput, Radio, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { RESULTS_VISIBILITY, type ResultsVisibility } from '../../../contracts/constants';
import type { Organization } from '../../../contracts/org.contract';
import { useUpdateOrganization } from '../../app/organization.api';
import { applyFieldErrors } from '../../app/problem';
import { queryKeys } from '../../app/query-keys';
import { notifySuccess } from '../../components/notify';
import { SettingsSection } from './settings-section.component';

// Core questions: the smallest group whose results are shown, the same for open answers,
// and what members see of results. Saved through the organisation's own update.

const LIMITS = { min: 3, max: 50 };
const WHOLE_NUMBER_3_TO_50 = {
  ...LIMITS,
  step: 1,
  allowDecimal: false,
  allowNegative: false,
  clampBehavior: 'none',
  styles: { wrapper: { maxWidth: 160 } },
} as const;

interface Values {
  resultsMinGroup: number | string;
  resultsMinTexts: number | string;
  resultsVisibility: ResultsVisibility;
}

function visibilityLabel(t: TFunction, value: ResultsVisibility): { label: string; hint: string } {
  switch (value) {
    case 'none':
      return {
        label: t('organization.coreQuestions.visibilityOptions.none'),
        hint: t('organization.coreQuestions.visibilityOptions.noneHint'),
      };
    case 'organisation':
      return {
        label: t('organization.coreQuestions.visibilityOptions.organisation'),
        hint: t('organization.coreQuestions.visibilityOptions.organisationHint'),
      };
    case 'own_groups':
      return {
        label: t('organization.coreQuestions.visibilityOptions.own_groups'),
        hint: t('organization.coreQuestions.visibilityOptions.own_groupsHint'),
      };
  }
}

const isThreshold = (value: number | string) =>
  typeof value === 'number' && Number.isInteger(value) && value >= LIMITS.min && value <= LIMITS.max;

export function CoreQuestionsSettingsSection({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const update = useUpdateOrganization();
  const initial = (o: Organization): Values => ({
    resultsMinGroup: o.resultsMinGroup,
    resultsMinTexts: o.resultsMinTexts,
    resultsVisibility: o.resultsVisibility,
  });
  const form = useForm<Values>({
    initialValues: initial(organization),
    validate: {
      resultsMinGroup: (v) => (isThreshold(v) ? null : t('organization.coreQuestions.range')),
      resultsMinTexts: (v) => (isThreshold(v) ? null : t('organization.coreQuestions.range')),
    },
  });
  const submit = form.onSubmit((values) => {
    update.mutate(
      {
        resultsMinGroup: Number(values.resultsMinGroup),
        resultsMinTexts: Number(values.resultsMinTexts),
        resultsVisibility: values.resultsVisibility,
      },
      {
        onSuccess: (saved) => {
          form.setValues(initial(saved));
          form.resetDirty(initial(saved));
          // Open campaigns follow the organisation's thresholds; who sees which results may have changed.
          void client.invalidateQueries({ queryKey: queryKeys.questions });
          notifySuccess(t('common.saved'));
        },
        onError: (error) => applyFieldErrors(form, t, error),
      },
    );
  });

  return (
    <SettingsSection
      id="core-questions-settings"
      title={t('organization.coreQuestions.title')}
      intro={t('organization.coreQuestions.intro')}
      error={update.error}
      saving={update.isPending}
      onSubmit={submit}
    >
      <NumberInput
        label={t('organization.coreQuestions.minGroup')}
        description={t('organization.coreQuestions.minGroupHint')}
        {...WHOLE_NUMBER_3_TO_50}
        {...form.getInputProps('resultsMinGroup')}
      />
      <NumberInput
        label={t('organization.coreQuestions.minTexts')}
        description={t('organization.coreQuestions.minTextsHint')}
        {...WHOLE_NUMBER_3_TO_50}
        {...form.getInputProps('resultsMinTexts')}
      />
      <Radio.Group
        label={t('organization.coreQuestions.visibility')}
        description={t('organization.coreQuestions.visibilityHint')}
        {...form.getInputProps('resultsVisibility')}
      >
        <Stack gap="sm" mt="xs">
          {RESULTS_VISIBILITY.map((value) => {
            const { label, hint } = visibilityLabel(t, value);
            return <Radio key={value} value={value} label={label} description={hint} />;
          })}
        </Stack>
      </Radio.Group>
    </SettingsSection>
  );
}

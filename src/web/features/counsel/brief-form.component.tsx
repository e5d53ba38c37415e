import { Alert, Box, Button, Group, NativeSelect, Radio, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Need } from '../../../contracts/counsel.contract';
import { isLanguage } from '../../app/i18n';
import { useDays } from '../../app/use-days';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import {
  BRIEF_LIMITS,
  type BriefFormValues,
  type BriefProblem,
  checkBrief,
  NO_NEED,
  needChoices,
  willBeFlagged,
} from './brief-form';

function problemText(t: TFunction, problem: BriefProblem): string {
  switch (problem) {
    case 'required':
      return t('validation.required');
    case 'too_big':
      return t('validation.too_big');
    case 'choose_need':
      return t('counsel.brief.chooseNeed');
    case 'amount':
      return t('counsel.brief.amount');
    case 'amount_too_big':
      return t('counsel.brief.amountTooBig');
    case 'date':
      return t('validation.invalid_format');
    case 'in_the_past':
      return t('counsel.brief.inThePast');
  }
}

interface BriefFormProps {
  initialValues: BriefFormValues;
  needs: readonly Need[] | undefined;
  submitLabel: string;
  saving: boolean;
  /** A refusal that is not about one field. */
  error: unknown;
  onSubmit: (values: BriefFormValues, form: { setErrors: (errors: Record<string, string>) => void }) => void;
  onCancel?: () => void;
}

/**
 * The one-page brief as a form: what kind of proposal, its title, the need it serves (recognised ones
 * first; none is allowed, but flagged for the director), the proposal, its effect on customers and on
 * staff, the cost in euros with a note, the risks, and the day a decision is wanted by.
 */
export function BriefForm({ initialValues, needs, submitLabel, saving, error, onSubmit, onCancel }: BriefFormProps) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const phone = useIsPhone();
  const days = useDays();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<BriefFormValues>({
    initialValues,
    validate: (values) => {
      const problems = checkBrief(values, {
        language,
        today: days.today,
        initialDecisionWantedBy: initialValues.decisionWantedBy,
      });
      return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, problemText(t, problem)]));
    },
  });

  // A need from the address (or one that went away meanwhile) that is not in the register: choose again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the needs arrive: afterwards the choice is the person's
  useEffect(() => {
    const chosen = form.values.need;
    if (needs && chosen && chosen !== NO_NEED && !needs.some((n) => n.id === chosen)) form.setFieldValue('need', '');
    // Only when the needs arrive: afterwards the choice is the person's.
  }, [needs]);

  /** After a refused submit: bring the first field with an error into view (the brief is long on a phone). */
  const showFirstError = () =>
    window.setTimeout(() => {
      const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .mantine-InputWrapper-error');
      field?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      if (field?.matches('input, textarea, select')) field.focus({ preventScroll: true });
    }, 50);

  const { recognised, others } = needChoices(needs ?? []);
  const flagged = willBeFlagged(form.values.need, needs);
  const needData = [
    { value: '', label: needs ? t('counsel.brief.chooseNeedOption') : t('common.loading') },
    ...(recognised.length
      ? [{ group: t('counsel.brief.recognisedNeeds'), items: recognised.map((n) => ({ value: n.id, label: n.what })) }]
      : []),
    ...(others.length
      ? [{ group: t('counsel.brief.otherNeeds'), items: others.map((n) => ({ value: n.id, label: n.what })) }]
      : []),
    { value: NO_NEED, label: t('counsel.brief.noNeedOption') },
  ];

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(
        (values) =>
          onSubmit(values, {
            setErrors: (errors) => {
              form.setErrors(errors);
              if (Object.keys(errors).length) showFirstError();
            },
          }),
        showFirstError,
      )}
    >
      <Stack gap="md">
        <ProblemAlert error={error} />

        <Radio.Group label={t('counsel.brief.kind')} withAsterisk {...form.getInputProps('kind')}>
          <Stack gap="xs" mt={6}>
            <Radio value="improve" label={t('counsel.kind.improve')} description={t('counsel.kind.improveHint')} />
            <Radio value="new" label={t('counsel.kind.new')} description={t('counsel.kind.newHint')} />
          </Stack>
        </Radio.Group>

        <TextInput
          label={t('counsel.brief.title')}
          placeholder={t('counsel.brief.titlePlaceholder')}
          withAsterisk
          maxLength={BRIEF_LIMITS.title}
          {...form.getInputProps('title')}
        />

        <Stack gap={6}>
          <NativeSelect
            label={t('counsel.brief.need')}
            description={t('counsel.brief.needHint')}
            withAsterisk
            data={needData}
            {...form.getInputProps('need')}
          />
          {flagged && (
            <Alert color="orange" variant="light" p="sm" title={t('counsel.flaggedTitle')}>
              {form.values.need === NO_NEED ? t('counsel.brief.flagNoNeed') : t('counsel.brief.flagUnrecognised')}
            </Alert>
          )}
        </Stack>

        <Textarea
          label={t('counsel.brief.proposal')}
          description={t('counsel.brief.proposalHint')}
          withAsterisk
          autosize
          minRows={4}
          maxRows={14}
          maxLength={BRIEF_LIMITS.proposal}
          {...form.getInputProps('proposal')}
        />
        <Textarea
          label={t('counsel.brief.effectCustomers')}
          description={t('counsel.brief.effectCustomersHint')}
          withAsterisk
          autosize
          minRows={3}
          maxRows={10}
          maxLength={BRIEF_LIMITS.effectCustomers}
          {...form.getInputProps('effectCustomers')}
        />
        <Textarea
          label={t('counsel.brief.effectStaff')}
          description={t('counsel.brief.effectStaffHint')}
          withAsterisk
          autosize
          minRows={3}
          maxRows={10}
          maxLength={BRIEF_LIMITS.effectStaff}
          {...form.getInputProps('effectStaff')}
        />

        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t('counsel.brief.costInput')}
            description={t('counsel.brief.costHint')}
            inputMode="decimal"
            autoComplete="off"
            leftSection="€"
            placeholder={language === 'nl' ? '0,00' : '0.00'}
            {...form.getInputProps('cost')}
          />
          <TextInput
            type="date"
            label={t('counsel.brief.decisionWantedBy')}
            description={t('counsel.brief.decisionWantedByHint')}
            min={days.today}
            {...form.getInputProps('decisionWantedBy')}
          />
        </SimpleGrid>
        <TextInput
          label={t('counsel.brief.costNote')}
          placeholder={t('counsel.brief.costNotePlaceholder')}
          maxLength={BRIEF_LIMITS.costNote}
          {...form.getInputProps('costNote')}
        />

        <Textarea
          label={t('counsel.brief.risks')}
          description={t('counsel.brief.risksHint')}
          withAsterisk
          autosize
          minRows={3}
          maxRows={10}
          maxLength={BRIEF_LIMITS.risks}
          {...form.getInputProps('risks')}
        />

        <Box
          style={
            phone
              ? {
                  position: 'sticky',
                  bottom: 0,
                  background: 'var(--mantine-color-body)',
                  padding: '8px 0 12px',
                  zIndex: 2,
                }
              : undefined
          }
        >
          <Group gap="sm" justify={onCancel ? 'flex-end' : 'flex-start'} grow={phone}>
            {onCancel && (
              <Button variant="default" size={phone ? 'md' : 'lg'} onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            )}
            <Button type="submit" size={phone ? 'md' : 'lg'} loading={saving} color={flagged ? 'orange' : undefined}>
              {submitLabel}
            </Button>
          </Group>
        </Box>
      </Stack>
    </form>
  );
}

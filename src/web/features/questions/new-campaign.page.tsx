import { Box, Button, Checkbox, Group, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useOrganization } from '../../app/organization.api';
import { useTeams } from '../../app/teams.api';
import { useDays } from '../../app/use-days';
import { ConfirmModal } from '../../components/confirm.modal';
import { Modal } from '../../components/modal.component';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { AnswerForm } from './answer-form.component';
import { BankPicker } from './bank-picker.component';
import {
  AUDIENCE_ROLES,
  type CampaignFormValues,
  campaignFormErrors,
  emptyCampaign,
  moveLastDay,
  nextRoundOn,
  previewCampaign,
  REMINDER_OPTIONS,
  reminderFits,
  TITLE_MAX,
  toCreateBody,
  validateCampaign,
} from './campaign-form';
import { useAudienceSize, useCreateCampaign, useQuestionBank } from './questions.api';

/** Directors and admins launch a campaign: title, days, who is asked, reminders, the questions. */
export function NewCampaignPage() {
  const { t } = useTranslation();
  return (
    <Box maw={760}>
      <PageHeader title={t('questions.new.title')} description={t('questions.new.intro')} />
      <NewCampaignForm />
    </Box>
  );
}

function NewCampaignForm() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const days = useDays();
  const bank = useQuestionBank();
  const create = useCreateCampaign();
  const audienceSize = useAudienceSize();
  const organization = useOrganization();
  /** The number of people asked, once counted: the launch waits for the director's yes. */
  const [confirming, setConfirming] = useState<number | null>(null);
  const [previewing, setPreviewing] = useState(false);

  const form = useForm<CampaignFormValues>({
    initialValues: emptyCampaign(days.today),
    validate: (values) =>
      Object.fromEntries(Object.entries(validateCampaign(values, days.today)).map(([field, key]) => [field, t(key)])),
  });
  const values = form.values;
  const opensToday = values.opensOn === days.today;

  const launch = () => {
    create.mutate(toCreateBody(values, bank.data ?? []), {
      onSuccess: (campaign) => {
        setConfirming(null);
        notifySuccess(campaign.status === 'open' ? t('questions.new.openedNow') : t('questions.new.scheduled'));
        navigate(`/questions/${campaign.id}`);
      },
      onError: (error) => {
        setConfirming(null);
        form.setErrors(campaignFormErrors(t, error));
        scrollToFirstError();
      },
    });
  };

  // A valid form first counts who would be asked; the launch itself waits for the confirmation.
  const submit = form.onSubmit(
    (values) => {
      audienceSize.mutate(toCreateBody(values, bank.data ?? []).audience, {
        onSuccess: ({ size }) => setConfirming(size),
        onError: (error) => form.setErrors(campaignFormErrors(t, error)),
      });
    },
    () => scrollToFirstError(),
  );
  const next = nextRoundOn(values);

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="lg">
        <ProblemAlert error={create.error} />

        <TextInput
          label={t('questions.new.name')}
          placeholder={t('questions.new.namePlaceholder')}
          withAsterisk
          maxLength={TITLE_MAX}
          {...form.getInputProps('title')}
        />

        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            type="date"
            label={t('questions.new.opensOn')}
            description={opensToday ? t('questions.new.opensToday') : t('questions.new.opensLater')}
            withAsterisk
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            min={days.today}
            {...form.getInputProps('opensOn')}
            onChange={(event) => {
              const day = event.currentTarget.value;
              form.setFieldValue('closesOn', moveLastDay(form.values, day));
              form.setFieldValue('opensOn', day);
              form.clearFieldError('closesOn');
            }}
          />
          <TextInput
            type="date"
            label={t('questions.new.closesOn')}
            description={t('questions.new.closesOnHint')}
            withAsterisk
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            min={values.opensOn || days.today}
            {...form.getInputProps('closesOn')}
          />
        </SimpleGrid>

        <AudienceFields form={form} />

        <Checkbox.Group
          size="md"
          label={t('questions.new.reminders')}
          description={t('questions.new.remindersHint')}
          value={values.reminderDays.filter((d) => reminderFits(Number(d), values.opensOn, values.closesOn))}
          onChange={(reminderDays) => form.setFieldValue('reminderDays', reminderDays)}
          error={form.errors.reminderDays}
        >
          <Stack gap="xs" mt={8}>
            {REMINDER_OPTIONS.map((daysBefore) => {
              const fits = reminderFits(daysBefore, values.opensOn, values.closesOn);
              const label =
                daysBefore === 0
                  ? t('questions.new.reminderOnLastDay')
                  : t('questions.new.reminderBefore', { count: daysBefore });
              const on = /^\d{4}-\d{2}-\d{2}$/.test(values.closesOn)
                ? days.day(days.addDays(values.closesOn, -daysBefore))
                : '';
              return (
                <Checkbox
                  key={daysBefore}
                  value={String(daysBefore)}
                  disabled={!fits}
                  size="md"
                  label={
                    <>
                      {label}{' '}
                      {on && (
                        <Text span size="sm" c="dimmed">
                          {t('questions.new.reminderDate', { day: on })}
                        </Text>
                      )}
                    </>
                  }
                />
              );
            })}
          </Stack>
        </Checkbox.Group>

        <Radio.Group
          size="md"
          label={t('questions.new.repeat')}
          description={next ? t('questions.new.repeatNext', { day: days.day(next) }) : t('questions.new.repeatHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          value={values.repeat}
          onChange={(repeat) => {
            form.setFieldValue('repeat', repeat === 'monthly' || repeat === 'quarterly' ? repeat : 'none');
            form.clearFieldError('repeat');
          }}
          error={form.errors.repeat}
        >
          <Group gap="lg" mt={8}>
            <Radio value="none" label={t('questions.new.repeatNone')} size="md" />
            <Radio value="monthly" label={t('questions.new.repeatMonthly')} size="md" />
            <Radio value="quarterly" label={t('questions.new.repeatQuarterly')} size="md" />
          </Group>
        </Radio.Group>

        <BankPicker
          value={values.questionKeys}
          onChange={(keys) => {
            form.setFieldValue('questionKeys', keys);
            form.clearFieldError('questionKeys');
          }}
          error={form.errors.questionKeys}
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
          <Group gap="sm">
            <Button type="submit" size="lg" fullWidth={phone} loading={audienceSize.isPending || create.isPending}>
              {opensToday ? t('questions.new.submitNow') : t('questions.new.submitLater')}
            </Button>
            <Button
              variant="default"
              size="lg"
              fullWidth={phone}
              disabled={values.questionKeys.length === 0 || !bank.data}
              onClick={() => setPreviewing(true)}
            >
              {t('questions.preview.open')}
            </Button>
            {!phone && (
              <Button component={Link} to="/questions" variant="default" size="lg">
                {t('questions.new.cancel')}
              </Button>
            )}
          </Group>
        </Box>
      </Stack>

      <ConfirmModal
        opened={confirming !== null}
        title={t('questions.new.confirmTitle', { count: confirming ?? 0 })}
        message={[
          opensToday
            ? t('questions.new.confirmNow', { count: confirming ?? 0 })
            : t('questions.new.confirmLater', { count: confirming ?? 0, day: days.day(values.opensOn) }),
          next ? t('questions.new.confirmRepeat', { day: days.day(next) }) : '',
        ]
          .filter(Boolean)
          .join(' ')}
        confirmLabel={opensToday ? t('questions.new.submitNow') : t('questions.new.submitLater')}
        color="blue"
        loading={create.isPending}
        error={create.error}
        onConfirm={launch}
        onClose={() => setConfirming(null)}
      />

      <Modal
        opened={previewing}
        onClose={() => setPreviewing(false)}
        title={t('questions.preview.title')}
        size="lg"
        fullScreen={phone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {previewing && bank.data && (
          <AnswerForm
            preview
            campaign={previewCampaign(
              values,
              bank.data,
              organization.data?.resultsMinGroup ?? 5,
              organization.data?.resultsMinTexts ?? 5,
            )}
          />
        )}
      </Modal>
    </form>
  );
}

type CampaignForm = UseFormReturnType<CampaignFormValues>;

/** Everyone, or the chosen teams and/or roles (anyone in a chosen team or with a chosen role is asked). */
function AudienceFields({ form }: { form: CampaignForm }) {
  const { t } = useTranslation();
  const chosen = form.values.audience === 'chosen';
  const teams = useTeams({ enabled: chosen });
  const audienceError = form.errors.teamIds ?? form.errors.roles;
  const clearAudienceError = () => {
    form.clearFieldError('teamIds');
    form.clearFieldError('roles');
  };
  return (
    <Stack gap="sm">
      <Radio.Group
        size="md"
        label={t('questions.new.audience')}
        description={t('questions.new.audienceHint')}
        withAsterisk
        value={form.values.audience}
        onChange={(audience) => {
          form.setFieldValue('audience', audience === 'chosen' ? 'chosen' : 'all');
          clearAudienceError();
        }}
      >
        <Stack gap="xs" mt={8}>
          <Radio value="all" label={t('questions.new.audienceAll')} size="md" />
          <Radio value="chosen" label={t('questions.new.audienceChosen')} size="md" />
        </Stack>
      </Radio.Group>

      {chosen && (
        <Stack gap="sm" pl={{ base: 0, xs: 'xl' }}>
          <Text size="sm" c="dimmed">
            {t('questions.new.audienceChosenHint')}
          </Text>
          <Checkbox.Group
            size="md"
            label={t('questions.new.teams')}
            value={form.values.teamIds}
            onChange={(teamIds) => {
              form.setFieldValue('teamIds', teamIds);
              clearAudienceError();
            }}
          >
            {teams.error ? (
              <ProblemAlert error={teams.error} />
            ) : !teams.data ? (
              <Text size="sm" c="dimmed" mt={6}>
                {t('common.loading')}
              </Text>
            ) : teams.data.length === 0 ? (
              <Text size="sm" c="dimmed" mt={6}>
                {t('questions.new.noTeams')}
              </Text>
            ) : (
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm" mt={8}>
                {teams.data.map((team) => (
                  <Checkbox key={team.id} value={team.id} label={team.name} size="md" />
                ))}
              </SimpleGrid>
            )}
          </Checkbox.Group>
          <Checkbox.Group
            size="md"
            label={t('questions.new.roles')}
            value={form.values.roles}
            onChange={(roles) => {
              form.setFieldValue('roles', roles);
              clearAudienceError();
            }}
            error={audienceError}
          >
            <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="sm" verticalSpacing="sm" mt={8}>
              {AUDIENCE_ROLES.map((role) => (
                <Checkbox key={role} value={role} label={t(`roles.${role}`)} size="md" />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </Stack>
      )}
    </Stack>
  );
}

/** After a refused submit: bring the first field with an error into view (the form is long on a phone). */
function scrollToFirstError() {
  window.setTimeout(() => {
    const field = document.querySelector<HTMLElement>('[aria-invalid="true"], .mantine-InputWrapper-error');
    field?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (field?.matches('input, textarea, select')) field.focus({ preventScroll: true });
  }, 50);
}

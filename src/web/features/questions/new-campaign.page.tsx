import { Box, Button, Checkbox, Group, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useTeams } from '../../app/teams.api';
import { useDays } from '../../app/use-days';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { BankPicker } from './bank-picker.component';
import {
  AUDIENCE_ROLES,
  type CampaignFormValues,
  campaignFormErrors,
  emptyCampaign,
  moveLastDay,
  REMINDER_OPTIONS,
  reminderFits,
  TITLE_MAX,
  toCreateBody,
  validateCampaign,
} from './campaign-form';
import { useCreateCampaign, useQuestionBank } from './questions.api';

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

  const form = useForm<CampaignFormValues>({
    initialValues: emptyCampaign(days.today),
    validate: (values) =>
      Object.fromEntries(Object.entries(validateCampaign(values, days.today)).map(([field, key]) => [field, t(key)])),
  });
  const values = form.values;
  const opensToday = values.opensOn === days.today;

  const submit = form.onSubmit(
    (values) => {
      create.mutate(toCreateBody(values, bank.data ?? []), {
        onSuccess: (campaign) => {
          notifySuccess(campaign.status === 'open' ? t('questions.new.openedNow') : t('questions.new.scheduled'));
          navigate(`/questions/${campaign.id}`);
        },
        onError: (error) => {
          form.setErrors(campaignFormErrors(t, error));
          scrollToFirstError();
        },
      });
    },
    () => scrollToFirstError(),
  );

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
            <Button type="submit" size="lg" fullWidth={phone} loading={create.isPending}>
              {opensToday ? t('questions.new.submitNow') : t('questions.new.submitLater')}
            </Button>
            {!phone && (
              <Button component={Link} to="/questions" variant="default" size="lg">
                {t('questions.new.cancel')}
              </Button>
            )}
          </Group>
        </Box>
      </Stack>
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

import { Alert, Checkbox, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { PromiseDetail } from '../../../contracts/promises.contract';
import { useTeams } from '../../app/teams.api';
import { isDay, useDays } from '../../app/use-days';
import { useSignedInMe } from '../../app/use-me';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { useConfirmDelivery } from './promises.api';

interface DeliveryValues {
  deliveredOn: string;
  withFollowUp: boolean;
  followUp: { teamId: string; what: string; dueDate: string };
}

/** The customer has it: kept when every hand-off was on time and it came by the day. Optionally plan the follow-up. */
export function DeliveryModal({
  promise,
  opened,
  onClose,
}: {
  promise: PromiseDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const days = useDays();
  const teams = useTeams({ enabled: opened });
  const deliver = useConfirmDelivery(promise.id);
  const defaultTeam = promise.makerTeam?.id ?? me.member?.teams[0]?.id ?? promise.ownerTeam.id;
  const form = useForm<DeliveryValues>({
    initialValues: {
      deliveredOn: days.today,
      withFollowUp: true,
      followUp: {
        teamId: defaultTeam,
        what: t('promises.delivery.followUpDefault'),
        dueDate: days.addDays(days.today, 7),
      },
    },
    validate: {
      deliveredOn: (v) =>
        !isDay(v) ? t('validation.required') : v > days.today ? t('promises.fieldErrors.in_the_future') : null,
      followUp: {
        teamId: (v, all) => (all.withFollowUp && !v ? t('validation.required') : null),
        what: (v, all) =>
          !all.withFollowUp
            ? null
            : !v.trim()
              ? t('validation.required')
              : v.trim().length > 300
                ? t('validation.too_big')
                : null,
        dueDate: (v, all) =>
          !all.withFollowUp
            ? null
            : !isDay(v)
              ? t('validation.required')
              : v < all.deliveredOn
                ? t('promises.fieldErrors.before_delivery')
                : null,
      },
    },
  });
  const { close, succeeded, failed } = useFormModalActions(form, deliver, onClose);
  const submit = () => {
    if (form.validate().hasErrors) return;
    const v = form.values;
    deliver.mutate(
      {
        deliveredOn: v.deliveredOn,
        followUp: v.withFollowUp
          ? { teamId: v.followUp.teamId, what: v.followUp.what.trim(), dueDate: v.followUp.dueDate }
          : null,
      },
      {
        onSuccess: () => succeeded(t('promises.delivery.done')),
        onError: failed,
      },
    );
  };
  // The server refuses until every hand-off is done (steps_not_done): say so before the person tries.
  const stepsOpen = promise.steps.some((step) => step.kind === 'handoff' && !step.done);
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  if (!teamOptions.some((o) => o.value === form.values.followUp.teamId) && form.values.followUp.teamId) {
    const known = [promise.makerTeam, promise.ownerTeam, ...(me.member?.teams ?? [])].find(
      (team) => team?.id === form.values.followUp.teamId,
    );
    if (known) teamOptions.unshift({ value: known.id, label: known.name });
  }
  return (
    <FormModal
      opened={opened}
      title={t('promises.delivery.title')}
      submitLabel={t('promises.delivery.submit')}
      saving={deliver.isPending}
      error={deliver.error}
      onSubmit={submit}
      onClose={close}
    >
      <Text size="sm">{t('promises.delivery.intro', { day: days.day(promise.dueDate) })}</Text>
      {stepsOpen && !deliver.error && (
        <Alert color="yellow" p="xs">
          <Text size="sm">{t('errors.steps_not_done')}</Text>
        </Alert>
      )}
      <TextInput
        type="date"
        label={t('promises.delivery.deliveredOn')}
        withAsterisk
        max={days.today}
        {...form.getInputProps('deliveredOn')}
      />
      <Checkbox
        label={t('promises.delivery.withFollowUp')}
        description={t('promises.delivery.withFollowUpHint')}
        {...form.getInputProps('withFollowUp', { type: 'checkbox' })}
      />
      {form.values.withFollowUp && (
        <Stack gap="sm">
          <NativeSelect
            label={t('promises.delivery.followUpTeam')}
            withAsterisk
            data={teamOptions}
            {...form.getInputProps('followUp.teamId')}
          />
          <TextInput
            label={t('promises.delivery.followUpWhat')}
            withAsterisk
            maxLength={300}
            {...form.getInputProps('followUp.what')}
          />
          <TextInput
            type="date"
            label={t('promises.delivery.followUpDay')}
            withAsterisk
            min={form.values.deliveredOn}
            {...form.getInputProps('followUp.dueDate')}
          />
        </Stack>
      )}
    </FormModal>
  );
}

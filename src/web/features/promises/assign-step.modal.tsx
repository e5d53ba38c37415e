import { NativeSelect, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useTeam } from '../../app/teams.api';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { useSetStepOwner } from './promises.api';
import type { StepModalProps } from './step-modal-props';

/** The team's manager gives a step to one of the team's members, or hands it back to the team. */
export function AssignStepModal({ promiseId, step, opened, onClose }: StepModalProps) {
  const { t } = useTranslation();
  const setOwner = useSetStepOwner(promiseId);
  const team = useTeam(step.team.id);
  const form = useForm({ initialValues: { memberId: step.owner?.id ?? '' } });
  const { close, succeeded, failed } = useFormModalActions(form, setOwner, onClose);
  const submit = () => {
    const memberId = form.values.memberId || null;
    setOwner.mutate(
      { stepId: step.id, memberId },
      {
        onSuccess: () => succeeded(memberId ? t('promises.handoff.assigned') : t('promises.handoff.handedBack')),
        onError: failed,
      },
    );
  };
  return (
    <FormModal
      opened={opened}
      title={t('promises.handoff.assignTitle')}
      submitLabel={t('promises.handoff.assignSubmit')}
      saving={setOwner.isPending}
      error={setOwner.error ?? team.error}
      onSubmit={submit}
      onClose={close}
    >
      <Text size="sm">{t('promises.handoff.assignIntro', { what: step.what, team: step.team.name })}</Text>
      <NativeSelect
        label={t('promises.handoff.assignTo')}
        data-autofocus
        disabled={!team.data}
        data={[
          { value: '', label: t('promises.handoff.nobody', { team: step.team.name }) },
          ...(team.data?.members ?? []).map((member) => ({ value: member.id, label: member.name })),
        ]}
        {...form.getInputProps('memberId')}
      />
    </FormModal>
  );
}

import { Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TeamDetail } from '../../../contracts/org.contract';
import { applyFieldErrors } from '../../app/problem';
import { requiredText } from '../../app/validators';
import { FreshDialog, ModalForm } from '../../components/form-modal.component';

export interface TeamFormValues {
  name: string;
  description: string;
}

/** Create a team, or rename and describe one. */
export function TeamFormModal({
  opened,
  title,
  submitLabel,
  initialValues,
  mutation,
  onSaved,
  onClose,
}: {
  opened: boolean;
  title: string;
  submitLabel: string;
  initialValues: TeamFormValues;
  mutation: UseMutationResult<TeamDetail, Error, TeamFormValues>;
  onSaved: (team: TeamDetail) => void;
  onClose: () => void;
}) {
  return (
    <FreshDialog opened={opened} onClose={onClose} title={title}>
      <TeamForm
        submitLabel={submitLabel}
        initialValues={initialValues}
        mutation={mutation}
        onSaved={onSaved}
        onCancel={onClose}
      />
    </FreshDialog>
  );
}

function TeamForm({
  submitLabel,
  initialValues,
  mutation,
  onSaved,
  onCancel,
}: {
  submitLabel: string;
  initialValues: TeamFormValues;
  mutation: UseMutationResult<TeamDetail, Error, TeamFormValues>;
  onSaved: (team: TeamDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<TeamFormValues>({ initialValues, validate: { name: requiredText(t) } });
  const submit = form.onSubmit((values) =>
    mutation.mutate(
      { name: values.name.trim(), description: values.description.trim() },
      { onSuccess: onSaved, onError: (error) => applyFieldErrors(form, t, error) },
    ),
  );
  return (
    <ModalForm
      submitLabel={submitLabel}
      saving={mutation.isPending}
      error={mutation.error}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <TextInput label={t('teams.name')} data-autofocus maxLength={80} {...form.getInputProps('name')} />
      <Textarea
        label={t('teams.description')}
        autosize
        minRows={2}
        maxLength={500}
        {...form.getInputProps('description')}
      />
    </ModalForm>
  );
}

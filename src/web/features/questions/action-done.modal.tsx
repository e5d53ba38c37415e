import { Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Action } from '../../../contracts/questions.contract';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { useUpdateAction } from './results.api';

/** An action is done: with a note of what was done, for whoever looks at the next campaign. */
export function ActionDoneModal({ action, opened, onClose }: { action: Action; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateAction();
  const form = useForm({
    initialValues: { doneNote: action.doneNote ?? '' },
    validate: { doneNote: (v: string) => (v.trim().length > 1000 ? t('validation.too_big') : null) },
  });
  const { close, succeeded, failed } = useFormModalActions(form, update, onClose);
  const submit = () => {
    if (form.validate().hasErrors) return;
    const note = form.values.doneNote.trim();
    update.mutate(
      { actionId: action.id, body: { done: true, doneNote: note || null } },
      { onSuccess: () => succeeded(t('questions.actions.doneForm.done')), onError: failed },
    );
  };
  return (
    <FormModal
      opened={opened}
      title={t('questions.actions.doneForm.title')}
      submitLabel={t('questions.actions.doneForm.submit')}
      saving={update.isPending}
      error={update.error}
      onSubmit={submit}
      onClose={close}
    >
      <Text size="sm" fw={500} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {action.what}
      </Text>
      <Textarea
        label={t('questions.actions.doneForm.note')}
        description={t('questions.actions.doneForm.noteHint')}
        autosize
        minRows={3}
        maxLength={1000}
        data-autofocus
        {...form.getInputProps('doneNote')}
      />
    </FormModal>
  );
}

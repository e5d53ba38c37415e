import { Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ScoreButtons } from '../../components/extra-fields.component';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { useCompleteStep } from './promises.api';
import type { StepModalProps } from './step-modal-props';

/** The follow-up after delivery: how did it land with the customer? Saving it closes the step. */
export function CustomerReactionModal({ promiseId, step, opened, onClose }: StepModalProps) {
  const { t } = useTranslation();
  const complete = useCompleteStep(promiseId);
  const form = useForm<{ reactionScore: number | null; reactionText: string }>({
    initialValues: { reactionScore: null, reactionText: '' },
    validate: { reactionText: (v) => (v.trim().length > 2000 ? t('validation.too_big') : null) },
  });
  const { close, succeeded, failed } = useFormModalActions(form, complete, onClose);
  const submit = () => {
    if (form.validate().hasErrors) return;
    complete.mutate(
      {
        stepId: step.id,
        reactionText: form.values.reactionText.trim() || undefined,
        reactionScore: form.values.reactionScore ?? undefined,
      },
      {
        onSuccess: () => succeeded(t('promises.reaction.done')),
        onError: failed,
      },
    );
  };
  return (
    <FormModal
      opened={opened}
      title={t('promises.reaction.title')}
      submitLabel={t('promises.reaction.submit')}
      saving={complete.isPending}
      error={complete.error}
      onSubmit={submit}
      onClose={close}
    >
      <Text size="sm">{step.what}</Text>
      <ScoreButtons
        label={t('promises.reaction.score')}
        value={form.values.reactionScore}
        onChange={(score) => form.setFieldValue('reactionScore', score)}
      />
      <Textarea
        label={t('promises.reaction.text')}
        autosize
        minRows={3}
        maxRows={8}
        maxLength={2000}
        {...form.getInputProps('reactionText')}
      />
    </FormModal>
  );
}

import { Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { useSendBackStep } from './promises.api';
import type { StepModalProps } from './step-modal-props';

/** The work this step depends on was not right: it goes back to the team before, with the reason. */
export function SendBackModal({ promiseId, step, opened, onClose }: StepModalProps) {
  const { t } = useTranslation();
  const sendBack = useSendBackStep(promiseId);
  const form = useForm({
    initialValues: { reason: '' },
    validate: {
      reason: (v) =>
        !v.trim() ? t('promises.sendBack.reasonRequired') : v.trim().length > 1000 ? t('validation.too_big') : null,
    },
  });
  const { close, succeeded, failed } = useFormModalActions(form, sendBack, onClose);
  const submit = () => {
    if (form.validate().hasErrors) return;
    sendBack.mutate(
      { stepId: step.id, reason: form.values.reason.trim() },
      {
        onSuccess: () => succeeded(t('promises.sendBack.done')),
        onError: failed,
      },
    );
  };
  return (
    <FormModal
      opened={opened}
      title={t('promises.sendBack.title')}
      submitLabel={t('promises.sendBack.submit')}
      saving={sendBack.isPending}
      error={sendBack.error}
      onSubmit={submit}
      onClose={close}
    >
      <Text size="sm">{t('promises.sendBack.intro', { what: step.what })}</Text>
      <Textarea
        label={t('promises.sendBack.reason')}
        withAsterisk
        autosize
        minRows={3}
        maxRows={8}
        maxLength={1000}
        data-autofocus
        {...form.getInputProps('reason')}
      />
    </FormModal>
  );
}

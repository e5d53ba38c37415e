import { Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { PromiseDetail } from '../../../contracts/promises.contract';
import { isDay, useDays } from '../../app/use-days';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { useRenegotiate } from './promises.api';

/** A new day agreed with the customer; the old one stays in the history and the open hand-offs move along. */
export function RenegotiateModal({
  promise,
  opened,
  onClose,
}: {
  promise: PromiseDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const days = useDays();
  const renegotiate = useRenegotiate(promise.id);
  const form = useForm({
    initialValues: { dueDate: '', reason: '' },
    validate: {
      dueDate: (v) =>
        !isDay(v)
          ? t('validation.required')
          : v < days.today
            ? t('promises.fieldErrors.in_the_past')
            : v === promise.dueDate
              ? t('promises.fieldErrors.unchanged')
              : null,
      reason: (v) =>
        !v.trim() ? t('promises.renegotiate.reasonRequired') : v.trim().length > 1000 ? t('validation.too_big') : null,
    },
  });
  const { close, succeeded, failed } = useFormModalActions(form, renegotiate, onClose);
  const submit = () => {
    if (form.validate().hasErrors) return;
    renegotiate.mutate(
      { dueDate: form.values.dueDate, reason: form.values.reason.trim() },
      {
        onSuccess: () => succeeded(t('promises.renegotiate.done')),
        onError: failed,
      },
    );
  };
  return (
    <FormModal
      opened={opened}
      title={t('promises.renegotiate.title')}
      submitLabel={t('promises.renegotiate.submit')}
      saving={renegotiate.isPending}
      error={renegotiate.error}
      onSubmit={submit}
      onClose={close}
    >
      <Text size="sm">{t('promises.renegotiate.intro', { day: days.day(promise.dueDate) })}</Text>
      <TextInput
        type="date"
        label={t('promises.renegotiate.newDay')}
        withAsterisk
        min={days.today}
        {...form.getInputProps('dueDate')}
      />
      <Textarea
        label={t('promises.renegotiate.reason')}
        withAsterisk
        autosize
        minRows={2}
        maxRows={6}
        maxLength={1000}
        {...form.getInputProps('reason')}
      />
    </FormModal>
  );
}

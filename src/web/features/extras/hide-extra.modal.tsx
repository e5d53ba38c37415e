import { Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../app/problem';
import { requiredText } from '../../app/validators';
import { FreshDialog, ModalForm } from '../../components/form-modal.component';
import { notifySuccess } from '../../components/notify';
import { useHideExtra } from './extras.api';

/** A manager or director takes an extra out of the team feed, saying why (it can be shown again). */
export function HideExtraModal({
  extraId,
  opened,
  onClose,
}: {
  extraId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FreshDialog opened={opened} onClose={onClose} title={t('extras.hide.title')} centered fullScreenOnPhone={false}>
      <HideForm extraId={extraId} onDone={onClose} />
    </FreshDialog>
  );
}

function HideForm({ extraId, onDone }: { extraId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const hide = useHideExtra(extraId);
  const form = useForm({ initialValues: { reason: '' }, validate: { reason: requiredText(t) } });
  const submit = form.onSubmit((values) =>
    hide.mutate(values.reason.trim(), {
      onSuccess: () => {
        notifySuccess(t('extras.hide.done'));
        onDone();
      },
      onError: (error) => applyFieldErrors(form, t, error),
    }),
  );
  return (
    <ModalForm
      submitLabel={t('extras.hide.submit')}
      saving={hide.isPending}
      error={hide.error}
      intro={<Text size="sm">{t('extras.hide.text')}</Text>}
      onSubmit={submit}
      onCancel={onDone}
    >
      <Textarea
        label={t('extras.hide.reason')}
        autosize
        minRows={2}
        maxLength={500}
        data-autofocus
        {...form.getInputProps('reason')}
      />
    </ModalForm>
  );
}

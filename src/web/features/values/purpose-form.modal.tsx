import { Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Purpose } from '../../../contracts/values.contract';
import { applyFieldErrors } from '../../app/problem';
import { requiredText } from '../../app/validators';
import { useUpdatePurpose } from '../../app/values.api';
import { FormActions } from '../../components/form-actions.component';
import { FreshDialog } from '../../components/form-modal.component';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';

/** The purpose and the offer profile's words (what we offer, to whom): director and admin. */
export function PurposeFormModal({
  purpose,
  opened,
  onClose,
}: {
  purpose: Purpose;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FreshDialog opened={opened} onClose={onClose} title={t('values.purpose.editTitle')}>
      <PurposeForm purpose={purpose} onDone={onClose} />
    </FreshDialog>
  );
}

function PurposeForm({ purpose, onDone }: { purpose: Purpose; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdatePurpose();
  const form = useForm({
    initialValues: { purpose: purpose.purpose, offerSummary: purpose.offerSummary, audience: purpose.audience },
    validate: { purpose: requiredText(t) },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        update.mutate(
          {
            purpose: values.purpose.trim(),
            offerSummary: values.offerSummary.trim(),
            audience: values.audience.trim(),
          },
          {
            onSuccess: () => {
              notifySuccess(t('common.saved'));
              onDone();
            },
            onError: (error) => applyFieldErrors(form, t, error),
          },
        ),
      )}
    >
      <Stack>
        <ProblemAlert error={update.error} />
        <Textarea
          label={t('values.purpose.purpose')}
          description={t('values.purpose.purposeHint')}
          autosize
          minRows={3}
          maxLength={1000}
          data-autofocus
          {...form.getInputProps('purpose')}
        />
        <Textarea
          label={t('values.offer.summary')}
          autosize
          minRows={3}
          maxLength={1000}
          {...form.getInputProps('offerSummary')}
        />
        <Textarea
          label={t('values.offer.audience')}
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('audience')}
        />
        <FormActions onCancel={onDone} saving={update.isPending} />
      </Stack>
    </form>
  );
}

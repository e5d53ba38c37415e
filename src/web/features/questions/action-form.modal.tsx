import { Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { isDay, useDays } from '../../app/use-days';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { useCreateAction } from './results.api';

interface ActionValues {
  what: string;
  ownerName: string;
  dueOn: string;
}

/** How long a new action gets by default. */
const DEFAULT_DAYS = 30;

/** An action on a result: what, who (a name) and by when; for one question, or for the group as a whole. */
export function ActionFormModal({
  campaignId,
  groupKey,
  groupName,
  question,
  opened,
  onClose,
}: {
  campaignId: string;
  groupKey: string;
  groupName: string;
  /** The question it follows from, or null for the group as a whole. */
  question: { id: string; text: string } | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const days = useDays();
  const create = useCreateAction(campaignId);
  const form = useForm<ActionValues>({
    initialValues: { what: '', ownerName: '', dueOn: days.addDays(days.today, DEFAULT_DAYS) },
    validate: {
      what: (v) => (!v.trim() ? t('validation.required') : v.trim().length > 500 ? t('validation.too_big') : null),
      ownerName: (v) => (v.trim().length > 120 ? t('validation.too_big') : null),
      dueOn: (v) =>
        !isDay(v) ? t('validation.required') : v < days.today ? t('questions.actions.form.notBefore') : null,
    },
  });
  const { close, succeeded, failed } = useFormModalActions(form, create, onClose);
  const submit = () => {
    if (form.validate().hasErrors) return;
    const v = form.values;
    create.mutate(
      {
        questionId: question?.id ?? null,
        groupKey,
        what: v.what.trim(),
        ownerName: v.ownerName.trim(),
        ownerMemberId: null,
        dueOn: v.dueOn,
      },
      { onSuccess: () => succeeded(t('questions.actions.form.created')), onError: failed },
    );
  };
  return (
    <FormModal
      opened={opened}
      title={t('questions.actions.form.title')}
      submitLabel={t('questions.actions.form.submit')}
      saving={create.isPending}
      error={create.error}
      onSubmit={submit}
      onClose={close}
    >
      <div>
        <Text size="sm">{t('questions.actions.form.forGroup', { group: groupName })}</Text>
        {question && (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('questions.actions.form.forQuestion', { question: question.text })}
          </Text>
        )}
      </div>
      <Textarea
        label={t('questions.actions.form.what')}
        description={t('questions.actions.form.whatHint')}
        withAsterisk
        autosize
        minRows={2}
        maxLength={500}
        data-autofocus
        {...form.getInputProps('what')}
      />
      <TextInput
        label={t('questions.actions.form.who')}
        description={t('questions.actions.form.whoHint')}
        maxLength={120}
        {...form.getInputProps('ownerName')}
      />
      <TextInput
        type="date"
        label={t('questions.actions.form.due')}
        withAsterisk
        min={days.today}
        {...form.getInputProps('dueOn')}
      />
    </FormModal>
  );
}

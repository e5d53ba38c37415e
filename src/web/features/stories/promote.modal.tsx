import { Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Story } from '../../../contracts/learning.contract';
import { applyFieldErrors } from '../../app/problem';
import { usePromote } from '../../app/stories.api';
import { FreshDialog, ModalForm } from '../../components/form-modal.component';
import { notifySuccess } from '../../components/notify';

/** A manager puts a story forward for the whole organisation, with a line on why it is a good example. */
export function PromoteModal({ story, opened, onClose }: { story: Story; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FreshDialog opened={opened} onClose={onClose} title={t('bestPractices.promoteTitle')} centered>
      <PromoteForm story={story} onDone={onClose} />
    </FreshDialog>
  );
}

function PromoteForm({ story, onDone }: { story: Story; onDone: () => void }) {
  const { t } = useTranslation();
  const promote = usePromote(story.id);
  const form = useForm({
    initialValues: { why: '' },
    validate: {
      why: (v) => (v.trim() ? (v.trim().length > 300 ? t('validation.too_big') : null) : t('validation.required')),
    },
  });
  const submit = form.onSubmit((values) =>
    promote.mutate(values.why.trim(), {
      onSuccess: () => {
        notifySuccess(t('bestPractices.promoted', { name: story.author.name }));
        onDone();
      },
      onError: (error) => applyFieldErrors(form, t, error),
    }),
  );
  return (
    <ModalForm
      submitLabel={t('bestPractices.promote')}
      saving={promote.isPending}
      error={promote.error}
      intro={
        <>
          <Text size="sm">{t('bestPractices.promoteText', { name: story.author.name })}</Text>
          <Text size="sm" c="dimmed" fs="italic" lineClamp={3}>
            {story.occasion} → {story.action}
          </Text>
        </>
      }
      onSubmit={submit}
      onCancel={onDone}
    >
      <Textarea
        label={t('bestPractices.whyLabel')}
        placeholder={t('bestPractices.whyPlaceholder')}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={300}
        data-autofocus
        {...form.getInputProps('why')}
      />
    </ModalForm>
  );
}

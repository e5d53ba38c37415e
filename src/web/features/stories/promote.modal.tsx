import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Story } from '../../../contracts/learning.contract';
import { applyFieldErrors } from '../../app/problem';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { usePromote } from './stories.api';

/** A manager puts a story forward for the whole organisation, with a line on why it is a good example. */
export function PromoteModal({ story, opened, onClose }: { story: Story; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('bestPractices.promoteTitle')}
      fullScreen={phone}
      size="lg"
      centered
    >
      {opened && <PromoteForm story={story} onDone={onClose} />}
    </Modal>
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
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        promote.mutate(values.why.trim(), {
          onSuccess: () => {
            notifySuccess(t('bestPractices.promoted', { name: story.author.name }));
            onDone();
          },
          onError: (error) => applyFieldErrors(form, t, error),
        }),
      )}
    >
      <Stack>
        <Text size="sm">{t('bestPractices.promoteText', { name: story.author.name })}</Text>
        <Text size="sm" c="dimmed" fs="italic" lineClamp={3}>
          {story.occasion} → {story.action}
        </Text>
        <ProblemAlert error={promote.error} />
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={promote.isPending}>
            {t('bestPractices.promote')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

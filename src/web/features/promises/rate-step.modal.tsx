import { Input, SegmentedControl, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { useRateStep } from './promises.api';
import type { StepModalProps } from './step-modal-props';

const SCORES = ['1', '2', '3', '4', '5'];

/** The receiving team rates the service it got with this hand-off (once). */
export function RateStepModal({ promiseId, step, opened, onClose }: StepModalProps) {
  const { t } = useTranslation();
  const id = useId();
  const rate = useRateStep(promiseId);
  const form = useForm({
    initialValues: { score: '', comment: '' },
    validate: {
      score: (v) => (SCORES.includes(v) ? null : t('promises.rate.scoreRequired')),
      comment: (v) => (v.trim().length > 1000 ? t('validation.too_big') : null),
    },
  });
  const { close, succeeded, failed } = useFormModalActions(form, rate, onClose);
  const submit = () => {
    if (form.validate().hasErrors) return;
    rate.mutate(
      { stepId: step.id, score: Number(form.values.score), comment: form.values.comment.trim() || undefined },
      {
        onSuccess: () => succeeded(t('promises.rate.done')),
        onError: failed,
      },
    );
  };
  return (
    <FormModal
      opened={opened}
      title={t('promises.rate.title')}
      submitLabel={t('promises.rate.submit')}
      saving={rate.isPending}
      error={rate.error}
      onSubmit={submit}
      onClose={close}
    >
      <Text size="sm">{t('promises.rate.intro', { team: step.team.name, what: step.what })}</Text>
      <Input.Wrapper
        label={t('promises.rate.score')}
        description={t('promises.rate.scoreHint')}
        labelElement="div"
        id={id}
        withAsterisk
        error={form.errors.score}
      >
        <SegmentedControl
          fullWidth
          mt={6}
          aria-labelledby={`${id}-label`}
          value={form.values.score}
          onChange={(score) => form.setFieldValue('score', score)}
          data={SCORES}
        />
      </Input.Wrapper>
      <Textarea
        label={t('promises.rate.comment')}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={1000}
        {...form.getInputProps('comment')}
      />
    </FormModal>
  );
}

import { Paper, Stack, Text, Textarea } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuidelineBreachDto } from '../../../contracts/promises.contract';
import { BreachList } from './promise-badges.component';

interface GuidelineBreachesProps {
  breaches: GuidelineBreachDto[];
  /** The server asked for a reason the check had not shown (the profile changed meanwhile). */
  serverWantsReason: boolean;
  reasonRef: Ref<HTMLTextAreaElement>;
  /** The reason field's props from the form. */
  reasonProps: GetInputPropsReturnType;
}

/** Before saving: what this promise breaks in the offer profile, and why it is promised all the same. */
export function GuidelineBreaches({ breaches, serverWantsReason, reasonRef, reasonProps }: GuidelineBreachesProps) {
  const { t } = useTranslation();
  return (
    <Paper
      p="sm"
      radius="md"
      bg="yellow.0"
      style={{ border: '1px solid var(--mantine-color-yellow-4)' }}
      aria-live="polite"
    >
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('promises.form.breachesTitle')}
        </Text>
        {breaches.length > 0 ? (
          <BreachList breaches={breaches} />
        ) : (
          serverWantsReason && <Text size="sm">{t('errors.guideline_reason_required')}</Text>
        )}
        <Text size="sm">{t('promises.form.breachesText')}</Text>
        <Textarea
          ref={reasonRef}
          label={t('promises.form.breachReason')}
          withAsterisk
          autosize
          minRows={2}
          maxRows={6}
          maxLength={1000}
          {...reasonProps}
        />
      </Stack>
    </Paper>
  );
}

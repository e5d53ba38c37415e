import { Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReactionScore } from '../../../contracts/constants';
import { ScoreButtons } from '../../components/extra-fields.component';
import { FormActions } from '../../components/form-actions.component';
import { FreshDialog } from '../../components/form-modal.component';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { type ExtraDetail, usePutReaction } from './extras.api';

/** The customer may react the next day: the author adds or changes the reaction at any time (kept in the history). */
export function ReactionModal({
  extra,
  opened,
  onClose,
}: {
  extra: ExtraDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FreshDialog opened={opened} onClose={onClose} title={t('extras.detail.reactionTitle')}>
      <ReactionForm extra={extra} onDone={onClose} />
    </FreshDialog>
  );
}

function ReactionForm({ extra, onDone }: { extra: ExtraDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const put = usePutReaction(extra.id);
  const [score, setScore] = useState<number | null>(extra.reactionScore);
  const [text, setText] = useState(extra.reactionText ?? '');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        put.mutate(
          { reactionScore: (score as ReactionScore | null) ?? null, reactionText: text.trim() || null },
          {
            onSuccess: () => {
              notifySuccess(t('common.saved'));
              onDone();
            },
          },
        );
      }}
    >
      <Stack>
        <ProblemAlert error={put.error} />
        <ScoreButtons label={t('extras.form.reactionScore')} value={score} onChange={setScore} />
        <Textarea
          label={t('extras.form.reactionText')}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={1000}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <FormActions onCancel={onDone} saving={put.isPending} />
      </Stack>
    </form>
  );
}

import { Alert, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Followup } from '../../../contracts/voice.contract';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { ScoreBadge } from './reaction-card.component';
import { useCloseFollowup } from './voice.api';
import { closeNoteError, FOLLOWUP_OUTCOMES, type FollowupOutcome, NOTE_MAX } from './voice-model';

const OUTCOME_KEY = {
  resolved: 'Resolved',
  not_reachable: 'NotReachable',
  not_resolved: 'NotResolved',
  not_our_customer: 'NotOurs',
} as const;

/**
 * Closes a follow-up with its outcome: resolved, not reachable, not resolved (a note is welcome, not
 * needed), or not our customer — the request did not fit the offer profile, which is a fine reason to
 * decline on purpose; then the why is asked. The button that opened it chose the first outcome.
 */
export function CloseFollowupModal({
  followup,
  outcome: firstOutcome,
  opened,
  onClose,
}: {
  followup: Followup;
  outcome: FollowupOutcome;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const closeFollowup = useCloseFollowup();
  const [outcome, setOutcome] = useState<FollowupOutcome>(firstOutcome);
  const key = OUTCOME_KEY[outcome];
  const form = useForm({
    initialValues: { note: '' },
    validate: {
      note: (value) => {
        const key = closeNoteError(outcome, value);
        return key ? t(key) : null;
      },
    },
  });
  const { close, succeeded, failed } = useFormModalActions(form, closeFollowup, onClose);
  const notOurs = outcome === 'not_our_customer';
  const submit = () => {
    if (form.validate().hasErrors) return;
    closeFollowup.mutate(
      { followupId: followup.id, outcome, note: form.values.note.trim() || null },
      {
        onSuccess: () => succeeded(t(`voice.close.done${key}`)),
        onError: failed,
      },
    );
  };
  return (
    <FormModal
      opened={opened}
      title={t(`voice.close.title${key}`)}
      submitLabel={t(`voice.close.submit${key}`)}
      saving={closeFollowup.isPending}
      error={closeFollowup.error}
      onSubmit={submit}
      onClose={close}
    >
      <ScoreBadge reaction={followup.reaction} />
      {followup.reaction.comment && (
        <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {followup.reaction.comment}
        </Text>
      )}
      <Radio.Group
        label={t('voice.close.outcome')}
        value={outcome}
        onChange={(value) => setOutcome(value as FollowupOutcome)}
      >
        <Stack gap={6} mt={4}>
          {FOLLOWUP_OUTCOMES.map((o) => (
            <Radio key={o} value={o} label={t(`voice.followups.outcome${OUTCOME_KEY[o]}`)} />
          ))}
        </Stack>
      </Radio.Group>
      {notOurs ? (
        <Alert color="blue" variant="light" title={t('voice.close.notOursTitle')}>
          <Text size="sm">{t('voice.close.notOursText')}</Text>
        </Alert>
      ) : (
        outcome === 'resolved' && <Text size="sm">{t('voice.close.resolvedText')}</Text>
      )}
      <Textarea
        label={notOurs ? t('voice.close.reason') : t('voice.close.note')}
        description={notOurs ? t('voice.close.reasonHint') : t('voice.close.noteHint')}
        withAsterisk={notOurs}
        autosize
        minRows={3}
        maxRows={8}
        maxLength={NOTE_MAX}
        data-autofocus
        {...form.getInputProps('note')}
      />
    </FormModal>
  );
}

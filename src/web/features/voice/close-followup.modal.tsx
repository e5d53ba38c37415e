import { Alert, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Followup } from '../../../contracts/voice.contract';
import { FormModal, useFormModalActions } from '../../components/form-modal.component';
import { ScoreBadge } from './reaction-card.component';
import { useCloseFollowup } from './voice.api';
import { closeNoteError, type FollowupOutcome, NOTE_MAX } from './voice-model';

/**
 * Closes a follow-up: resolved (a note is welcome, not needed), or not our customer — the request
 * did not fit the offer profile, which is a fine reason to decline on purpose; then the why is asked.
 */
export function CloseFollowupModal({
  followup,
  outcome,
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
        onSuccess: () => succeeded(notOurs ? t('voice.close.doneNotOurs') : t('voice.close.doneResolved')),
        onError: failed,
      },
    );
  };
  return (
    <FormModal
      opened={opened}
      title={notOurs ? t('voice.close.titleNotOurs') : t('voice.close.titleResolved')}
      submitLabel={notOurs ? t('voice.close.submitNotOurs') : t('voice.close.submitResolved')}
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
      {notOurs ? (
        <Alert color="blue" variant="light" title={t('voice.close.notOursTitle')}>
          <Text size="sm">{t('voice.close.notOursText')}</Text>
        </Alert>
      ) : (
        <Text size="sm">{t('voice.close.resolvedText')}</Text>
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

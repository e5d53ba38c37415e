import { Alert, Button, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowupDetail, FollowupMessage } from '../../../contracts/voice.contract';
import { useFormat } from '../../app/use-format';
import { useHasRole } from '../../app/use-me';
import { Modal } from '../../components/modal.component';
import { notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { ScoreBadge } from './reaction-card.component';
import { useAssignFollowup, useFollowup, useWriteToCustomer } from './voice.api';

const MESSAGE_MAX = 4000;
const TEAM = '';

/**
 * One follow-up's conversation with the customer: who it is given to (leaders choose a person of the
 * team), the messages both ways (the automatic first answer, what the team wrote, the customer's
 * replies through their reply page), and a box to write to the customer by e-mail, or why that cannot
 * be done here (mail not set up, no address, closed).
 */
export function FollowupConversationModal({ followupId, onClose }: { followupId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const followup = useFollowup(followupId);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('voice.conversation.title')}
      fullScreen={phone}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {followup.error ? (
        <ProblemAlert error={followup.error} />
      ) : !followup.data ? (
        <PageLoader />
      ) : (
        <Conversation followup={followup.data} />
      )}
    </Modal>
  );
}

function Conversation({ followup }: { followup: FollowupDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <ScoreBadge reaction={followup.reaction} />
      {followup.reaction.comment && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {followup.reaction.comment}
        </Text>
      )}
      <Assignee followup={followup} />
      <Stack gap="xs" component="section" aria-label={t('voice.conversation.messages')}>
        <Text fw={600} size="sm" component="h3" m={0}>
          {t('voice.conversation.messages')}
        </Text>
        {followup.conversation.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('voice.conversation.none')}
          </Text>
        ) : (
          followup.conversation.map((m) => <Message key={m.id} message={m} />)
        )}
      </Stack>
      <Write followup={followup} />
    </Stack>
  );
}

function Message({ message }: { message: FollowupMessage }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fromCustomer = message.kind === 'from_customer';
  const who = fromCustomer
    ? t('voice.conversation.customer')
    : message.kind === 'first_answer'
      ? t('voice.conversation.firstAnswer')
      : (message.authorName ?? t('voice.followups.someone'));
  return (
    <Paper
      p="sm"
      radius="md"
      withBorder
      bg={fromCustomer ? 'blue.0' : undefined}
      ml={fromCustomer ? 0 : 'lg'}
      mr={fromCustomer ? 'lg' : 0}
    >
      <Text size="xs" c="dimmed">
        {who} · {format.date(message.at, true)}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {message.body ?? t('voice.conversation.erased')}
      </Text>
    </Paper>
  );
}

/** Leaders give the follow-up to a person of the team; the others see who has it. */
function Assignee({ followup }: { followup: FollowupDetail }) {
  const { t } = useTranslation();
  const leads = useHasRole(['manager', 'director', 'admin']);
  const assign = useAssignFollowup();
  const current = followup.assignee?.id ?? TEAM;
  if (!leads || followup.status !== 'open')
    return (
      <Text size="sm">
        {followup.assignee
          ? t('voice.conversation.givenTo', { name: followup.assignee.name })
          : t('voice.conversation.givenToTeam')}
      </Text>
    );
  return (
    <Stack gap={4}>
      <Select
        label={t('voice.conversation.assignee')}
        value={current}
        allowDeselect={false}
        disabled={assign.isPending}
        data={[
          { value: TEAM, label: t('voice.conversation.teamManagers') },
          ...followup.assignees.map((a) => ({
            value: a.id,
            label: a.manager ? t('voice.conversation.manager', { name: a.name }) : a.name,
          })),
        ]}
        onChange={(value) =>
          assign.mutate(
            { followupId: followup.id, memberId: value || null },
            { onSuccess: () => notifySuccess(t('voice.conversation.assigned')) },
          )
        }
      />
      <ProblemAlert error={assign.error} />
    </Stack>
  );
}

/** Writing to the customer: only when mail can go; otherwise why not. */
function Write({ followup }: { followup: FollowupDetail }) {
  const { t } = useTranslation();
  const write = useWriteToCustomer();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (followup.mail !== 'ready')
    return (
      <Alert color={followup.mail === 'closed' ? 'gray' : 'yellow'} variant="light">
        <Text size="sm">{t(`voice.conversation.cannot.${followup.mail}`)}</Text>
      </Alert>
    );
  const send = () => {
    const trimmed = text.trim();
    if (!trimmed) return setError(t('voice.conversation.empty'));
    if (trimmed.length > MESSAGE_MAX) return setError(t('validation.too_big'));
    setError(null);
    write.mutate(
      { followupId: followup.id, text: trimmed },
      {
        onSuccess: () => {
          setText('');
          notifySuccess(t('voice.conversation.sent', { email: followup.reaction.contact?.email ?? '' }));
        },
      },
    );
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Stack gap="xs">
        <ProblemAlert error={write.error} />
        <Textarea
          label={t('voice.conversation.write', { email: followup.reaction.contact?.email ?? '' })}
          description={t('voice.conversation.writeHint')}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={MESSAGE_MAX}
          value={text}
          error={error}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={write.isPending}>
            {t('voice.conversation.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

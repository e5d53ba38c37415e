import { Badge, Button, Card, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Followup } from '../../../contracts/voice.contract';
import { useDays } from '../../app/use-days';
import { useFormat } from '../../app/use-format';
import { useHasRole } from '../../app/use-me';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { CloseFollowupModal } from './close-followup.modal';
import { FollowupConversationModal } from './followup-conversation.modal';
import { FollowupDueDaysCard } from './followup-due-days.component';
import { ContactDetails, ReactionAbout, ReactionComment, ScoreBadge } from './reaction-card.component';
import { type FollowupState, useFollowups } from './voice.api';
import { dueState, dueText, type FollowupOutcome } from './voice-model';

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

/**
 * The follow-ups of very negative reactions, for the managers of the team (directors: all) and the
 * person one is given to. Open ones soonest first, late ones marked; the conversation with the
 * customer by e-mail; close one with its outcome. Administrators set the days per score below.
 */
export function FollowupsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const state: FollowupState = params.get('state') === 'closed' ? 'closed' : 'open';
  const followups = useFollowups(state);
  const items = followups.data ?? [];
  const admin = useHasRole(['admin']);

  return (
    <Stack gap="md" maw={860}>
      <PageHeader title={t('voice.followups.title')} description={t('voice.followups.intro')} />
      <SegmentedControl
        fullWidth={phone}
        size={phone ? 'xs' : 'sm'}
        aria-label={t('voice.followups.state')}
        value={state}
        onChange={(value) => setParams(value === 'closed' ? { state: 'closed' } : {}, { replace: true })}
        data={[
          { value: 'open', label: t('voice.followups.open') },
          { value: 'closed', label: t('voice.followups.closed') },
        ]}
        style={{ alignSelf: phone ? 'stretch' : 'flex-start' }}
      />
      {followups.error ? (
        <ProblemAlert error={followups.error} />
      ) : !followups.data ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed" py="md">
          {state === 'open' ? t('voice.followups.noneOpen') : t('voice.followups.noneClosed')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" style={listStyle}>
          {items.map((followup) => (
            <li key={followup.id}>
              {state === 'open' ? <OpenFollowup followup={followup} /> : <ClosedFollowup followup={followup} />}
            </li>
          ))}
        </Stack>
      )}
      {admin && <FollowupDueDaysCard />}
    </Stack>
  );
}

/** Who has it, how many messages, whether the customer replied, and the button to the conversation. */
function ConversationLine({ followup }: { followup: Followup }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Group justify="space-between" gap="xs" align="center">
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {followup.assignee
            ? t('voice.conversation.givenTo', { name: followup.assignee.name })
            : t('voice.conversation.givenToTeam')}
        </Text>
        {followup.customerReplied && (
          <Badge color="blue" variant="light" size="sm" tt="none">
            {t('voice.conversation.replied')}
          </Badge>
        )}
      </Group>
      <Button
        variant="light"
        size="xs"
        onClick={() => setOpen(true)}
        aria-label={t('voice.conversation.openLabel', { about: followup.reaction.about })}
      >
        {t('voice.conversation.open', { count: followup.messages })}
      </Button>
      {open && <FollowupConversationModal followupId={followup.id} onClose={() => setOpen(false)} />}
    </Group>
  );
}

/** The day to follow up by, the team, and the reaction with the customer's contact details if left. */
function OpenFollowup({ followup }: { followup: Followup }) {
  const { t } = useTranslation();
  const days = useDays();
  const format = useFormat();
  const [closing, setClosing] = useState<FollowupOutcome | null>(null);
  const due = dueState(followup, days.today);
  const late = due.state === 'late';
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      style={late ? { borderColor: 'var(--mantine-color-red-5)', borderLeftWidth: 4 } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="center">
          <Group gap="xs">
            {late && (
              <Badge color="red" variant="filled" size="sm" tt="none">
                {t('voice.followups.late')}
              </Badge>
            )}
            <Text size="sm" fw={600} c={late ? 'red.8' : undefined}>
              {dueText(t, due, days.day(followup.dueOn))}
            </Text>
          </Group>
          {followup.teamName && (
            <Text size="sm" c="dimmed">
              {followup.teamName}
            </Text>
          )}
        </Group>
        <Group justify="space-between" gap="xs" align="center">
          <ScoreBadge reaction={followup.reaction} />
          <Text size="xs" c="dimmed">
            {format.date(followup.reaction.at, true)}
          </Text>
        </Group>
        <ReactionComment comment={followup.reaction.comment} />
        <ReactionAbout reaction={followup.reaction} />
        {followup.reaction.contact ? (
          <ContactDetails reactionId={followup.reaction.id} contact={followup.reaction.contact} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('voice.followups.noContact')}
          </Text>
        )}
        <ConversationLine followup={followup} />
        <Group gap="sm" mt={4}>
          <Button
            color="green"
            onClick={() => setClosing('resolved')}
            aria-label={t('voice.followups.resolveLabel', { about: followup.reaction.about })}
          >
            {t('voice.followups.resolve')}
          </Button>
          <Button
            variant="default"
            onClick={() => setClosing('not_our_customer')}
            aria-label={t('voice.followups.notOursLabel', { about: followup.reaction.about })}
          >
            {t('voice.followups.notOurs')}
          </Button>
          <Button
            variant="default"
            onClick={() => setClosing('not_reachable')}
            aria-label={t('voice.followups.otherOutcomeLabel', { about: followup.reaction.about })}
          >
            {t('voice.followups.otherOutcome')}
          </Button>
        </Group>
      </Stack>
      {closing && <CloseFollowupModal followup={followup} outcome={closing} opened onClose={() => setClosing(null)} />}
    </Card>
  );
}

/** How it was closed, the note, who closed it and when; the reaction below. */
function ClosedFollowup({ followup }: { followup: Followup }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notOurs = followup.status === 'not_our_customer';
  const outcomeKey = (
    {
      resolved: 'voice.followups.outcomeResolved',
      not_reachable: 'voice.followups.outcomeNotReachable',
      not_resolved: 'voice.followups.outcomeNotResolved',
      not_our_customer: 'voice.followups.outcomeNotOurs',
      open: 'voice.followups.open',
    } as const
  )[followup.status];
  return (
    <Card withBorder padding="md" radius="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="center">
          <Badge color={followup.status === 'resolved' ? 'green' : 'gray'} variant="light" size="md" tt="none">
            {t(outcomeKey)}
          </Badge>
          {followup.teamName && (
            <Text size="sm" c="dimmed">
              {followup.teamName}
            </Text>
          )}
        </Group>
        {followup.note && (
          <Paper p="sm" radius="md" bg="gray.0">
            <Text size="xs" fw={700} c="dimmed" tt="uppercase">
              {notOurs ? t('voice.followups.reason') : t('voice.followups.note')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {followup.note}
            </Text>
          </Paper>
        )}
        <Text size="xs" c="dimmed">
          {followup.closedAt
            ? t('voice.followups.closedBy', {
                name: followup.closedByName ?? t('voice.followups.someone'),
                date: format.date(followup.closedAt, true),
              })
            : t('voice.followups.closedByNoDate', { name: followup.closedByName ?? t('voice.followups.someone') })}
        </Text>
        <ScoreBadge reaction={followup.reaction} />
        <ReactionComment comment={followup.reaction.comment} />
        <ReactionAbout reaction={followup.reaction} />
        <ContactDetails reactionId={followup.reaction.id} contact={followup.reaction.contact} />
        {followup.messages > 0 && <ConversationLine followup={followup} />}
      </Stack>
    </Card>
  );
}

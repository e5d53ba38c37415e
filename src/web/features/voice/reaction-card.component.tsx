import { Anchor, Badge, Button, Card, Group, Paper, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomerReaction } from '../../../contracts/voice.contract';
import { SCORE_COLORS } from '../../app/extra-labels';
import { useOrganization } from '../../app/organization.api';
import { useFormat } from '../../app/use-format';
import { scoreText } from '../../app/voice-scores';
import { ConfirmModal } from '../../components/confirm.modal';
import { ScoreFace } from '../../components/extra-fields.component';
import { notifySuccess } from '../../components/notify';
import { useEraseContact } from './voice.api';
import { fivePointFace, subjectLabel, subjectPath } from './voice-model';

/** The score on its own scale ("2 van 5", "3 van 10") with a face; a very negative one is marked. */
export function ScoreBadge({ reaction }: { reaction: Pick<CustomerReaction, 'scale' | 'score' | 'veryNegative'> }) {
  const { t } = useTranslation();
  const face = fivePointFace(reaction.scale, reaction.score);
  return (
    <Group gap={8} wrap="nowrap">
      <ScoreFace score={face} size={32} />
      <Text fw={700} size="lg" c={`${SCORE_COLORS[face] ?? 'gray'}.9`} style={{ whiteSpace: 'nowrap' }}>
        {scoreText(t, reaction.scale, reaction.score)}
      </Text>
      {reaction.veryNegative && (
        <Badge color="red" variant="filled" size="sm" tt="none">
          {t('voice.reactions.veryNegative')}
        </Badge>
      )}
    </Group>
  );
}

/** What the reaction is about: the extra or the promise (a link to it), or the touchpoint. */
export function ReactionAbout({ reaction }: { reaction: CustomerReaction }) {
  const { t } = useTranslation();
  const path = subjectPath(reaction);
  const about = reaction.about || '—';
  return (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      <Text span size="sm" c="dimmed">
        {subjectLabel(t, reaction.subject)}:{' '}
      </Text>
      {path ? (
        <Anchor component={Link} to={path} size="sm">
          {about}
        </Anchor>
      ) : (
        about
      )}
      {reaction.teamName && (
        <Text span size="sm" c="dimmed">
          {' '}
          · {t('voice.reactions.team', { team: reaction.teamName })}
        </Text>
      )}
    </Text>
  );
}

/**
 * Only there when the customer chose to leave them, and only shown by the server to whoever follows up
 * (the team's manager, directors, admins, the person it is given to); the leaders may erase them at once
 * (the server says so per reaction); the server erases them anyway
 * when the organisation's retention has passed, unless the follow-up is still open.
 */
export function ContactDetails({ reactionId, contact }: { reactionId: string; contact: CustomerReaction['contact'] }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const erase = useEraseContact();
  const keepDays = useOrganization().data?.contactKeepDays;
  if (!contact) return null;
  return (
    <Paper p="sm" radius="md" bg="blue.0">
      <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {t('voice.contact.title')}
        </Text>
        {contact.erasable && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => setConfirming(true)}
            aria-label={t('voice.contact.eraseLabel', { name: contact.name ?? contact.email ?? contact.phone ?? '' })}
          >
            {t('voice.contact.erase')}
          </Button>
        )}
      </Group>
      <Stack gap={2} mt={4}>
        {contact.name && <Text size="sm">{contact.name}</Text>}
        {contact.email && (
          <Anchor
            href={`mailto:${contact.email}`}
            size="sm"
            style={{ overflowWrap: 'anywhere' }}
            aria-label={t('voice.contact.mail', { email: contact.email })}
          >
            {contact.email}
          </Anchor>
        )}
        {contact.phone && (
          <Anchor
            href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}
            size="sm"
            aria-label={t('voice.contact.call', { phone: contact.phone })}
          >
            {contact.phone}
          </Anchor>
        )}
      </Stack>
      {keepDays !== undefined && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('voice.contact.kept', { days: keepDays })}
        </Text>
      )}
      <ConfirmModal
        opened={confirming}
        title={t('voice.contact.eraseTitle')}
        message={t('voice.contact.eraseText')}
        confirmLabel={t('voice.contact.eraseConfirm')}
        loading={erase.isPending}
        error={erase.error}
        onConfirm={() =>
          erase.mutate(reactionId, {
            onSuccess: () => {
              setConfirming(false);
              notifySuccess(t('voice.contact.erased'));
            },
          })
        }
        onClose={() => {
          setConfirming(false);
          erase.reset();
        }}
      />
    </Paper>
  );
}

/** The customer's words, or a quiet line when they left none. */
export function ReactionComment({ comment }: { comment: string | null }) {
  const { t } = useTranslation();
  if (!comment) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t('voice.reactions.noComment')}
      </Text>
    );
  }
  return (
    <Text
      component="blockquote"
      m={0}
      pl="sm"
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', borderLeft: '3px solid var(--mantine-color-gray-3)' }}
    >
      {comment}
    </Text>
  );
}

/** One reaction as a card: score, comment, what it is about, the team, contact details when present. */
export function ReactionCard({ reaction, footer }: { reaction: CustomerReaction; footer?: ReactNode }) {
  const format = useFormat();
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      style={reaction.veryNegative ? { borderColor: 'var(--mantine-color-red-4)', borderLeftWidth: 4 } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="center">
          <ScoreBadge reaction={reaction} />
          <Text size="xs" c="dimmed">
            {format.date(reaction.at, true)}
          </Text>
        </Group>
        <ReactionComment comment={reaction.comment} />
        <ReactionAbout reaction={reaction} />
        <ContactDetails reactionId={reaction.id} contact={reaction.contact} />
        {footer}
      </Stack>
    </Card>
  );
}

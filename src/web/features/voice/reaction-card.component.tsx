import { Anchor, Badge, Card, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomerReaction } from '../../../contracts/voice.contract';
import { useFormat } from '../../app/use-format';
import { ScoreFace } from '../extras/extra-fields.component';
import { SCORE_COLORS } from '../extras/extra-labels';
import { fivePointFace, scoreText, subjectLabel, subjectPath } from './voice-model';

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

/** Only there when the customer chose to leave them, and only shown to leaders by the server. */
export function ContactDetails({ contact }: { contact: CustomerReaction['contact'] }) {
  const { t } = useTranslation();
  if (!contact) return null;
  return (
    <Paper p="sm" radius="md" bg="blue.0">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {t('voice.contact.title')}
      </Text>
      <Stack gap={2} mt={4}>
        {contact.name && <Text size="sm">{contact.name}</Text>}
        {contact.email && (
          <Anchor href={`mailto:${contact.email}`} size="sm" style={{ overflowWrap: 'anywhere' }} aria-label={t('voice.contact.mail', { email: contact.email })}>
            {contact.email}
          </Anchor>
        )}
        {contact.phone && (
          <Anchor href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} size="sm" aria-label={t('voice.contact.call', { phone: contact.phone })}>
            {contact.phone}
          </Anchor>
        )}
      </Stack>
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
    <Text component="blockquote" m={0} pl="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', borderLeft: '3px solid var(--mantine-color-gray-3)' }}>
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
        <ContactDetails contact={reaction.contact} />
        {footer}
      </Stack>
    </Card>
  );
}

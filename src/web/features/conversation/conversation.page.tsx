import {
  Alert,
  Anchor,
  Box,
  Button,
  Card,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ConversationView, Figures } from '../../../contracts/learning.contract';
import { kindLabel } from '../../app/extra-labels';
import { addDays, localDay } from '../../app/format';
import { useFormat } from '../../app/use-format';
import { useSignedInMe } from '../../app/use-me';
import { ScoreFace } from '../../components/extra-fields.component';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useAddNote, useConversation, useNotes } from './conversation.api';

// The manager's conversation starter: what the team gave and how customers reacted, side by side, in
// name order. Never a ranking, never a colour for "too little".

type Preset = 'thisWeek' | 'lastWeek' | 'last4Weeks' | 'custom';
type Story = ConversationView['team']['stories'][number];

const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7));

function periodOf(preset: Preset, today: string, custom: { from: string; to: string }) {
  const monday = mondayOf(today);
  if (preset === 'thisWeek') return { from: monday, to: today };
  if (preset === 'lastWeek') return { from: addDays(monday, -7), to: addDays(monday, -1) };
  if (preset === 'last4Weeks') return { from: addDays(today, -27), to: today };
  return custom;
}

export function ConversationPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const timeZone = me.activeOrganization?.timeZone ?? 'Europe/Amsterdam';
  const today = localDay(new Date(), timeZone);
  const managed = (me.member?.teams ?? []).filter((team) => team.isManager);
  const [params, setParams] = useSearchParams();
  const requested = params.get('team');
  const teamId = managed.some((team) => team.id === requested) ? requested : (managed[0]?.id ?? null);
  const [preset, setPreset] = useState<Preset>('last4Weeks');
  const [custom, setCustom] = useState({ from: addDays(today, -27), to: today });
  const period = periodOf(preset, today, custom);
  const view = useConversation(teamId, period.from, period.to);

  return (
    <Box maw={960}>
      <PageHeader title={t('conversation.title')} description={t('conversation.intro')} />
      {managed.length === 0 ? (
        <Text c="dimmed">{t('conversation.noTeam')}</Text>
      ) : (
        <Stack gap="lg">
          <Group align="flex-end" gap="md" wrap="wrap">
            {managed.length > 1 && teamId && (
              <NativeSelect
                label={t('conversation.team')}
                value={teamId}
                onChange={(event) => setParams({ team: event.currentTarget.value }, { replace: true })}
                data={managed.map((team) => ({ value: team.id, label: team.name }))}
              />
            )}
            <NativeSelect
              label={t('conversation.period')}
              value={preset}
              onChange={(event) => setPreset(event.currentTarget.value as Preset)}
              data={(['thisWeek', 'lastWeek', 'last4Weeks', 'custom'] as const).map((value) => ({
                value,
                label: t(`conversation.presets.${value}`),
              }))}
            />
            {preset === 'custom' && (
              <Group gap="xs">
                <TextInput
                  type="date"
                  label={t('conversation.from')}
                  value={custom.from}
                  max={custom.to}
                  onChange={(e) => setCustom((c) => ({ ...c, from: e.currentTarget.value }))}
                />
                <TextInput
                  type="date"
                  label={t('conversation.to')}
                  value={custom.to}
                  min={custom.from}
                  max={today}
                  onChange={(e) => setCustom((c) => ({ ...c, to: e.currentTarget.value }))}
                />
              </Group>
            )}
          </Group>

          {view.error ? (
            <ProblemAlert error={view.error} />
          ) : !view.data ? (
            <PageLoader />
          ) : (
            <ConversationBody view={view.data} />
          )}
        </Stack>
      )}
    </Box>
  );
}

function ConversationBody({ view }: { view: ConversationView }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('conversation.teamTitle', { count: view.team.members })}
          </Title>
          <FiguresText figures={view.team} />
          <Questions />
          <StoryList stories={view.team.stories} />
        </Stack>
      </Paper>

      {view.members === null ? (
        <Alert color="gray" variant="light" title={t('conversation.comparisonOffTitle')}>
          {t('conversation.comparisonOffText')}
        </Alert>
      ) : (
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('conversation.membersTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('conversation.membersIntro')}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {view.members.map((entry) => (
              <Card
                key={entry.member.id}
                withBorder
                radius="md"
                padding="md"
                component="article"
                aria-label={entry.member.name}
              >
                <Stack gap="sm">
                  <Title order={3} size="h5">
                    {entry.member.name}
                  </Title>
                  <FiguresText figures={entry} name={entry.member.name} />
                  <StoryList stories={entry.stories} />
                  <Notes teamId={view.teamId} memberId={entry.member.id} name={entry.member.name} />
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}

/** The figures as a sentence: what was given and how customers reacted, beside each other. */
function FiguresText({ figures, name }: { figures: Figures; name?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (figures.extras === 0)
    return <Text size="sm">{name ? t('conversation.noneOf', { name }) : t('conversation.noneTeam')}</Text>;
  const given = t('conversation.given', {
    count: figures.extras,
    money: format.money(figures.costCents / 100),
    minutes: format.number(figures.minutes),
  });
  return (
    <Stack gap={2}>
      <Text size="sm">
        {name ? t('conversation.memberGave', { name, given }) : t('conversation.teamGave', { given })}
      </Text>
      {figures.averageReaction !== null && (
        <Text size="sm">
          {t('conversation.reacted', {
            count: figures.reactions,
            average: format.number(Math.round(figures.averageReaction * 10) / 10),
          })}
        </Text>
      )}
      {figures.mandateShare !== null && (
        <Text size="sm" c="dimmed">
          {t('conversation.mandateShare', { share: format.number(Math.round(figures.mandateShare * 100)) })}
        </Text>
      )}
    </Stack>
  );
}

function Questions() {
  const { t } = useTranslation();
  return (
    <Box>
      <Text size="sm" fw={600}>
        {t('conversation.questionsTitle')}
      </Text>
      <List size="sm" spacing={2}>
        <List.Item>{t('conversation.questions.touched')}</List.Item>
        <List.Item>{t('conversation.questions.again')}</List.Item>
        <List.Item>{t('conversation.questions.room')}</List.Item>
      </List>
    </Box>
  );
}

const SHOWN = 5;

/** Occasions with the customer's reaction beside them. */
function StoryList({ stories }: { stories: Story[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [all, setAll] = useState(false);
  if (stories.length === 0) return null;
  const shown = all ? stories : stories.slice(0, SHOWN);
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {t('conversation.storiesTitle')}
      </Text>
      {shown.map((story) => (
        <Group key={story.extraId} gap="sm" wrap="nowrap" align="flex-start">
          {story.reactionScore ? <ScoreFace score={story.reactionScore} size={22} /> : <Box w={22} />}
          <Box style={{ minWidth: 0 }}>
            <Text size="sm">
              {story.occasion} → {story.action}
            </Text>
            <Text size="xs" c="dimmed">
              {[
                format.date(story.occurredAt),
                kindLabel(t, story.kind),
                format.money(story.costCents / 100),
                story.reactionText,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Box>
        </Group>
      ))}
      {stories.length > SHOWN && (
        <Anchor component="button" type="button" size="sm" onClick={() => setAll((v) => !v)}>
          {all ? t('conversation.showFewer') : t('conversation.showAll', { count: stories.length })}
        </Anchor>
      )}
    </Stack>
  );
}

/** The manager's own notes of conversations with this member; the member reads them too. */
function Notes({ teamId, memberId, name }: { teamId: string; memberId: string; name: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notes = useNotes(teamId, memberId);
  const add = useAddNote(teamId, memberId);
  const [body, setBody] = useState('');
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {t('conversation.notesTitle')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('conversation.notesPrivacy', { name })}
      </Text>
      {notes.data?.map((note) => (
        <Paper key={note.id} p="xs" bg="gray.0" radius="sm">
          <Text size="xs" c="dimmed">
            {format.date(note.createdAt, true)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {note.body}
          </Text>
        </Paper>
      ))}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!body.trim()) return;
          add.mutate(body.trim(), { onSuccess: () => setBody('') });
        }}
      >
        <Stack gap={6}>
          <ProblemAlert error={add.error} />
          <Textarea
            label={t('conversation.noteLabel', { name })}
            autosize
            minRows={2}
            maxLength={4000}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button type="submit" size="xs" variant="light" loading={add.isPending} disabled={!body.trim()}>
              {t('conversation.saveNote')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Story, WeeklyPick } from '../../../contracts/learning.contract';
import { usePutWeeklyPick, useWeeklyPick } from '../../app/stories.api';
import { useFormat } from '../../app/use-format';
import { ScoreFace } from '../../components/extra-fields.component';
import { FreshDialog } from '../../components/form-modal.component';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import type { StoryAccess } from './story-access';
import { StoryCard } from './story-card.component';

const PICKS = 2;

/** "2026-11-16" plus days, as a date string again (calendar arithmetic, no clock involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The week's two stories for the team meeting: Klantwerk proposes them (the customer's reaction and
 * how new the occasion is for the team); the team's manager may choose others.
 */
export function WeeklyPickSection({
  teamId,
  access,
  valueNames,
}: {
  teamId: string;
  access: StoryAccess;
  valueNames: Map<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [week, setWeek] = useState<string | undefined>(undefined);
  const pick = useWeeklyPick(teamId, week);
  const [chooseOpened, choose] = useDisclosure(false);
  const leads = access.leadsTeam(teamId);
  const today = format.dateInput(new Date()).slice(0, 10);
  const data = pick.data;
  const weekLabel = data ? format.date(`${data.weekStart}T12:00:00Z`) : '';
  const nextWeek = data ? addDays(data.weekStart, 7) : null;

  return (
    <Paper component="section" withBorder radius="md" p="md" mb="xl" bg="blue.0" aria-labelledby="weekly-pick-title">
      <Group justify="space-between" align="center" gap="xs" mb={6}>
        <Title order={2} size="h4" id="weekly-pick-title">
          {t('weeklyPick.title')}
        </Title>
        <Group gap={4} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            aria-label={t('weeklyPick.previousWeek')}
            disabled={!data}
            onClick={() => data && setWeek(addDays(data.weekStart, -7))}
          >
            <span aria-hidden="true">‹</span>
          </ActionIcon>
          <Text size="sm" c="dimmed" miw={120} ta="center">
            {data ? t('weeklyPick.weekOf', { date: weekLabel }) : '…'}
          </Text>
          <ActionIcon
            variant="subtle"
            aria-label={t('weeklyPick.nextWeek')}
            disabled={!nextWeek || nextWeek > today}
            onClick={() => nextWeek && setWeek(nextWeek)}
          >
            <span aria-hidden="true">›</span>
          </ActionIcon>
        </Group>
      </Group>

      {pick.error ? (
        <ProblemAlert error={pick.error} />
      ) : !data ? (
        <Skeleton height={160} radius="md" />
      ) : (
        <>
          <Group gap="xs" mb="xs" align="center">
            {data.chosenBy ? (
              <Badge variant="filled" color="blue" tt="none">
                {t('weeklyPick.chosenBy', { name: data.chosenBy.name })}
              </Badge>
            ) : (
              <Badge variant="outline" color="blue" tt="none" bg="white">
                {t('weeklyPick.proposal')}
              </Badge>
            )}
            {leads && data.picks.length + data.candidates.length > 0 && (
              <Button size="compact-sm" variant="white" onClick={choose.open}>
                {t('weeklyPick.chooseOther')}
              </Button>
            )}
          </Group>
          {!data.chosenBy && (
            <Text size="sm" c="dimmed" mb="sm">
              {t('weeklyPick.explanation')}
            </Text>
          )}
          {data.picks.length === 0 ? (
            <Text size="sm">{t('weeklyPick.none')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: data.picks.length > 1 ? 2 : 1 }} spacing="sm">
              {data.picks.map((story) => (
                <StoryCard key={story.id} story={story} access={access} valueNames={valueNames} compact />
              ))}
            </SimpleGrid>
          )}
          {leads && <ChoosePickModal pick={data} week={week} opened={chooseOpened} onClose={choose.close} />}
        </>
      )}
    </Paper>
  );
}

/** The manager chooses one or two of the week's stories (the proposal is checked to begin with). */
function ChoosePickModal({
  pick,
  week,
  opened,
  onClose,
}: {
  pick: WeeklyPick;
  week: string | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FreshDialog opened={opened} onClose={onClose} title={t('weeklyPick.chooseTitle')}>
      <ChoosePickForm pick={pick} week={week} onDone={onClose} />
    </FreshDialog>
  );
}

function ChoosePickForm({ pick, week, onDone }: { pick: WeeklyPick; week: string | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const put = usePutWeeklyPick(pick.teamId, week);
  const [chosen, setChosen] = useState<string[]>(() => pick.picks.map((s) => s.id));
  const scores = new Map(pick.candidates.map((c) => [c.id, c.score]));
  const stories: Story[] = [...pick.picks, ...pick.candidates.filter((c) => !pick.picks.some((p) => p.id === c.id))];
  /** A third choice replaces the oldest, so no box is ever locked. */
  const toggle = (id: string) =>
    setChosen((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id].slice(-PICKS)));

  return (
    <Stack>
      <Text size="sm">{t('weeklyPick.chooseText')}</Text>
      <ProblemAlert error={put.error} />
      <Stack gap="xs" role="group" aria-label={t('weeklyPick.chooseTitle')}>
        {stories.map((story) => {
          const checked = chosen.includes(story.id);
          const score = scores.get(story.id);
          return (
            <Paper
              key={story.id}
              withBorder
              p="sm"
              radius="md"
              style={
                checked
                  ? { borderColor: 'var(--mantine-color-blue-5)', background: 'var(--mantine-color-blue-0)' }
                  : undefined
              }
            >
              <Checkbox
                checked={checked}
                onChange={() => toggle(story.id)}
                styles={{ body: { alignItems: 'flex-start' }, labelWrapper: { width: '100%' } }}
                label={
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Text size="sm" fw={600} lineClamp={2}>
                        {story.occasion}
                      </Text>
                      <Text size="sm" lineClamp={2}>
                        {story.action}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {story.author.name} · {format.date(story.occurredAt)}
                        {score !== undefined && ` · ${t('weeklyPick.score', { score: Math.round(score * 100) })}`}
                      </Text>
                    </div>
                    {story.reactionScore ? <ScoreFace score={story.reactionScore} size={24} /> : null}
                  </Group>
                }
              />
            </Paper>
          );
        })}
      </Stack>
      <Text size="xs" c="dimmed">
        {t('weeklyPick.chosenCount', { count: chosen.length })}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={chosen.length === 0}
          loading={put.isPending}
          onClick={() =>
            put.mutate(
              { week: pick.weekStart, extraIds: chosen },
              {
                onSuccess: () => {
                  notifySuccess(t('weeklyPick.saved'));
                  onDone();
                },
              },
            )
          }
        >
          {t('weeklyPick.save')}
        </Button>
      </Group>
    </Stack>
  );
}

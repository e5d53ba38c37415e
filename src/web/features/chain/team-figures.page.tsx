import { Box, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TeamFigures } from '../../../contracts/promises.contract';
import { useFigureFormat } from '../../app/figures-format';
import { useTeams } from '../../app/teams.api';
import { useSignedInMe } from '../../app/use-me';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { useTeamFigures } from './chain.api';
import { MonthChart } from './month-chart.component';

// A team's figures per month: the promises it kept, its hand-offs on time, and the internal ratings
// it received and gave. Charts to see the trend, a table with the counts behind every figure.

const MONTH_CHOICES = [3, 6, 12] as const;
const DEFAULT_MONTHS = 6;

type Period = TeamFigures['periods'][number];

export function TeamFiguresPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const teams = useTeams();
  const [params, setParams] = useSearchParams();
  const requestedMonths = Number(params.get('months'));
  const months = (MONTH_CHOICES as readonly number[]).includes(requestedMonths) ? requestedMonths : DEFAULT_MONTHS;
  const teamId = params.get('teamId') || me.member?.teams[0]?.id || teams.data?.[0]?.id || null;
  const figures = useTeamFigures(teamId, months);

  const change = (next: { teamId?: string; months?: number }) => {
    const search = new URLSearchParams(params);
    if (next.teamId) search.set('teamId', next.teamId);
    if (next.months) search.set('months', String(next.months));
    setParams(search, { replace: true });
  };
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  // A team that is not in the list (e.g. archived, reached from the chain) is still shown by name.
  if (teamId && !teamOptions.some((o) => o.value === teamId)) {
    const label =
      figures.data?.team.id === teamId
        ? figures.data.team.name
        : teams.data && !figures.isFetching
          ? t('teamFigures.otherTeam')
          : t('common.loading');
    teamOptions.unshift({ value: teamId, label });
  }

  return (
    <Box maw={960}>
      <PageHeader title={t('teamFigures.title')} description={t('teamFigures.intro')} />
      <Stack gap="lg">
        <Group align="flex-end" gap="md" wrap="wrap">
          {teamId && (
            <NativeSelect
              label={t('teamFigures.team')}
              value={teamId}
              onChange={(event) => change({ teamId: event.currentTarget.value })}
              data={teamOptions}
            />
          )}
          <NativeSelect
            label={t('teamFigures.months')}
            value={String(months)}
            onChange={(event) => change({ months: Number(event.currentTarget.value) })}
            data={MONTH_CHOICES.map((n) => ({ value: String(n), label: t(`teamFigures.monthChoices.m${n}`) }))}
          />
        </Group>

        {teams.error ? (
          <ProblemAlert error={teams.error} />
        ) : !teamId ? (
          teams.data ? (
            <Text c="dimmed">{t('teamFigures.noTeams')}</Text>
          ) : (
            <PageLoader />
          )
        ) : figures.error ? (
          <ProblemAlert error={figures.error} />
        ) : !figures.data ? (
          <PageLoader />
        ) : (
          <FiguresBody figures={figures.data} />
        )}
      </Stack>
    </Box>
  );
}

function FiguresBody({ figures }: { figures: TeamFigures }) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const series = (value: (p: Period) => number | null) =>
    figures.periods.map((p) => ({ month: p.month, value: value(p) }));
  return (
    <Stack gap="lg">
      <Title order={2} size="h3">
        {figures.team.name}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <MonthChart
          title={t('teamFigures.measures.kept')}
          note={t('teamFigures.notes.kept')}
          values={series((p) => p.keptShare)}
          max={1}
          show={f.share}
        />
        <MonthChart
          title={t('teamFigures.measures.onTime')}
          note={t('teamFigures.notes.onTime')}
          values={series((p) => p.onTimeShare)}
          max={1}
          show={f.share}
        />
        <MonthChart
          title={t('teamFigures.measures.ratingReceived')}
          note={t('teamFigures.notes.ratingReceived')}
          values={series((p) => p.ratingReceived)}
          max={5}
          show={f.rating}
        />
        <MonthChart
          title={t('teamFigures.measures.ratingGiven')}
          note={t('teamFigures.notes.ratingGiven')}
          values={series((p) => p.ratingGiven)}
          max={5}
          show={f.rating}
        />
      </SimpleGrid>
      <FiguresTable periods={figures.periods} />
    </Stack>
  );
}

/** A figure with, under it, what it was computed from. */
function Cell({ figure, basis }: { figure: string; basis: string | null }) {
  return (
    <Table.Td ta="right">
      <Text span fz="inherit" fw={500} display="block">
        {figure}
      </Text>
      {basis && (
        <Text span fz="xs" c="dimmed" display="block">
          {basis}
        </Text>
      )}
    </Table.Td>
  );
}

function FiguresTable({ periods }: { periods: Period[] }) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const fraction = (part: number, whole: number) =>
    whole > 0 ? t('teamFigures.fraction', { part: f.count(part), whole: f.count(whole) }) : null;
  const ratings = (count: number) => (count > 0 ? t('teamFigures.ratingCount', { count }) : null);
  const phone = useIsPhone();
  return (
    <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="team-figures-table">
      <Title order={2} size="h4" id="team-figures-table">
        {t('teamFigures.table.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('teamFigures.table.note')}
      </Text>
      <Table.ScrollContainer minWidth={300}>
        <Table verticalSpacing="xs" horizontalSpacing={phone ? 4 : 'sm'} fz={phone ? 'xs' : 'sm'}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('teamFigures.table.month')}</Table.Th>
              <Table.Th ta="right">{t('teamFigures.table.kept')}</Table.Th>
              <Table.Th ta="right">{t('teamFigures.table.onTime')}</Table.Th>
              <Table.Th ta="right">{t('teamFigures.table.ratingReceived')}</Table.Th>
              <Table.Th ta="right">{t('teamFigures.table.ratingGiven')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {periods.map((p) => (
              <Table.Tr key={p.month}>
                <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {f.month(p.month)}
                </Table.Th>
                <Cell figure={f.share(p.keptShare)} basis={fraction(p.promisesKept, p.promisesSettled)} />
                <Cell figure={f.share(p.onTimeShare)} basis={fraction(p.stepsOnTime, p.stepsDue)} />
                <Cell figure={f.rating(p.ratingReceived)} basis={ratings(p.ratingsReceived)} />
                <Cell figure={f.rating(p.ratingGiven)} basis={ratings(p.ratingsGiven)} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

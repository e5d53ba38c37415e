import { Anchor, Card, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { WorkItem } from '../../../contracts/promises.contract';
import { ACCESS } from '../../app/nav.config';
import { useTeams } from '../../app/teams.api';
import { useDays } from '../../app/use-days';
import { useHasRole, useSignedInMe } from '../../app/use-me';
import { LoadMore } from '../../components/load-more.component';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { StepStateBadge } from './promise-badges.component';
import { StepDue, StepOwner, StepTitle } from './promise-steps.component';
import { useWorkList, type WorkDue, type WorkListFilters } from './promises.api';
import { StepActions } from './step-actions.component';
import { StepComments } from './step-comments.component';

/**
 * The teams to choose from: mine, then (for those who see the whole organisation) every other team.
 * `mineCount` of them are mine: "all my teams" is a choice only when there are some.
 */
function useWorkTeams() {
  const me = useSignedInMe();
  const everyTeam = useHasRole(ACCESS.allPromises);
  const allTeams = useTeams({ enabled: everyTeam });
  const mine = (me.member?.teams ?? []).map((team) => ({ id: team.id, name: team.name }));
  const mineIds = new Set(mine.map((team) => team.id));
  const others = everyTeam
    ? (allTeams.data ?? []).filter((team) => !mineIds.has(team.id)).map((team) => ({ id: team.id, name: team.name }))
    : [];
  return {
    teams: [...mine, ...others],
    mineCount: mine.length,
    loading: everyTeam && mine.length === 0 && allTeams.isPending,
  };
}

const DUES: WorkDue[] = ['late', 'this_week'];
/** A filter at its default is left out of the address. */
const DEFAULTS = { teamId: '', state: 'open', scope: 'team', due: 'any' } as const;

/** "Onze stappen": the steps my teams have to take, soonest first; the work of keeping promises. */
export function WorkListPage() {
  const { t } = useTranslation();
  const stateLabelId = useId();
  const scopeLabelId = useId();
  const dueLabelId = useId();
  const [params, setParams] = useSearchParams();
  const { teams, mineCount, loading } = useWorkTeams();
  const requested = params.get('teamId') ?? '';
  const filters: WorkListFilters = {
    // Without teams of my own (a director), the list shows one team at a time.
    teamId: teams.some((team) => team.id === requested) ? requested : mineCount === 0 ? teams[0]?.id : undefined,
    state: params.get('state') === 'done' ? 'done' : 'open',
    scope: params.get('scope') === 'mine' ? 'mine' : 'team',
    due: DUES.find((due) => due === params.get('due')) ?? 'any',
  };
  const set = (key: 'teamId' | 'state' | 'scope' | 'due', value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && value !== DEFAULTS[key]) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const steps = useWorkList(filters, { enabled: teams.length > 0 || filters.scope === 'mine' });
  const items = useMemo(() => steps.data?.pages.flatMap((page) => page.items) ?? [], [steps.data]);

  return (
    <>
      <PageHeader title={t('workList.title')} description={t('workList.intro')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mb="md" maw={640}>
        {teams.length > 1 && (
          <NativeSelect
            label={t('workList.team')}
            value={filters.teamId ?? ''}
            onChange={(event) => set('teamId', event.currentTarget.value)}
            data={[
              ...(mineCount > 0 ? [{ value: '', label: t('workList.allMyTeams') }] : []),
              ...teams.map((team) => ({ value: team.id, label: team.name })),
            ]}
          />
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500} id={stateLabelId}>
            {t('workList.show')}
          </Text>
          <SegmentedControl
            fullWidth
            aria-labelledby={stateLabelId}
            value={filters.state}
            onChange={(state) => set('state', state)}
            data={[
              { value: 'open', label: t('workList.open') },
              { value: 'done', label: t('workList.done') },
            ]}
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500} id={scopeLabelId}>
            {t('workList.whose')}
          </Text>
          <SegmentedControl
            fullWidth
            aria-labelledby={scopeLabelId}
            value={filters.scope}
            onChange={(scope) => set('scope', scope)}
            data={[
              { value: 'team', label: t('workList.scopeTeam') },
              { value: 'mine', label: t('workList.scopeMine') },
            ]}
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500} id={dueLabelId}>
            {t('workList.when')}
          </Text>
          <SegmentedControl
            fullWidth
            aria-labelledby={dueLabelId}
            value={filters.due}
            onChange={(due) => set('due', due)}
            data={[
              { value: 'any', label: t('workList.dueAny') },
              { value: 'late', label: t('workList.dueLate') },
              { value: 'this_week', label: t('workList.dueThisWeek') },
            ]}
          />
        </Stack>
      </SimpleGrid>
      {loading ? (
        <PageLoader />
      ) : teams.length === 0 && filters.scope === 'team' ? (
        <Text c="dimmed" py="md">
          {t('workList.noTeams')}
        </Text>
      ) : steps.error ? (
        <ProblemAlert error={steps.error} />
      ) : !steps.data ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed" py="md">
          {filters.scope === 'mine' || filters.due !== 'any'
            ? t('workList.noneFiltered')
            : filters.state === 'open'
              ? t('workList.noneOpen')
              : t('workList.noneDone')}
        </Text>
      ) : (
        <>
          <Stack gap="sm" component="ul" maw={820} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((item) => (
              <li key={item.step.id}>
                <WorkCard item={item} />
              </li>
            ))}
          </Stack>
          <LoadMore
            hasMore={steps.hasNextPage}
            loading={steps.isFetchingNextPage}
            onLoad={() => void steps.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}

function WorkCard({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  const days = useDays();
  const { step, promise } = item;
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
        {/* The step's own status, one of them (late wins); the promise's status is on the promise's page. */}
        <StepDue step={step} withBadge={false} />
        <StepStateBadge step={step} />
      </Group>
      <Text fw={600} mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {step.what}
      </Text>
      <StepTitle step={step} muted />
      <Anchor component={Link} to={`/promises/${promise.id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
        {t('workList.forPromise', { customer: promise.customer, what: promise.what })}
      </Anchor>
      <Text size="xs" c="dimmed">
        {t('workList.promisedFor', { day: days.day(promise.dueDate) })}
        {step.done ? ` · ${t('promises.steps.doneBy', { name: step.done.by.name, day: days.day(step.done.on) })}` : ''}
      </Text>
      <StepOwner step={step} />
      <StepActions promiseId={promise.id} step={step} quick />
      <StepComments promiseId={promise.id} step={step} />
    </Card>
  );
}

import { Button, Group, NativeSelect, SimpleGrid, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EXTRA_KINDS, type ExtraKind } from '../../../contracts/constants';
import { kindLabel } from '../../app/extra-labels';
import { useMembers } from '../../app/members.api';
import { ACCESS } from '../../app/nav.config';
import { useTeams } from '../../app/teams.api';
import { useHasRole, useSignedInMe } from '../../app/use-me';
import { useValues } from '../../app/values.api';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { ExtraCards, ExtraTable } from './extra-list.component';
import { type ExtraFilters, type ExtraScope, extrasExportUrl, useExtras } from './extras.api';

const isKind = (value: string | null): value is ExtraKind =>
  !!value && (EXTRA_KINDS as readonly string[]).includes(value);

/** Filters live in the address, so going back from an extra returns to the same list. */
function useExtraFilters(allowed: ExtraScope[]) {
  const [params, setParams] = useSearchParams();
  const requested = params.get('scope') as ExtraScope | null;
  const scope: ExtraScope = requested && allowed.includes(requested) ? requested : 'mine';
  const kind = params.get('kind');
  const filters: ExtraFilters = {
    scope,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    valueId: params.get('valueId') || undefined,
    kind: isKind(kind) ? kind : undefined,
    teamId: scope !== 'mine' ? params.get('teamId') || undefined : undefined,
    memberId: scope !== 'mine' ? params.get('memberId') || undefined : undefined,
  };
  const set = (changes: Partial<Record<keyof ExtraFilters, string | undefined>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (next.get('scope') === 'mine') next.delete('scope');
        return next;
      },
      { replace: true },
    );
  return { filters, set };
}

export function ExtrasPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const canTeam = useHasRole(ACCESS.teamExtras);
  const canAll = useHasRole(ACCESS.allExtras);
  const allowed: ExtraScope[] = [
    'mine',
    ...(canTeam ? (['team'] as const) : []),
    ...(canAll ? (['all'] as const) : []),
  ];
  const { filters, set } = useExtraFilters(allowed);
  const extras = useExtras(filters);
  const items = useMemo(() => extras.data?.pages.flatMap((page) => page.items) ?? [], [extras.data]);
  const values = useValues(true);
  const valueNames = useMemo(() => new Map((values.data ?? []).map((v) => [v.id, v.name])), [values.data]);

  return (
    <>
      <PageHeader
        title={t('extras.list.title')}
        actions={
          <>
            {!phone && <ExportButton filters={filters} />}
            <Button component={Link} to="/extras/new">
              {t('nav.logExtra')}
            </Button>
          </>
        }
      />
      {allowed.length > 1 && (
        <Tabs
          value={filters.scope}
          onChange={(scope) => set({ scope: scope ?? 'mine', teamId: undefined, memberId: undefined })}
          mb="md"
        >
          <Tabs.List>
            <Tabs.Tab value="mine">{t('extras.list.mine')}</Tabs.Tab>
            {canTeam && <Tabs.Tab value="team">{t('extras.list.team')}</Tabs.Tab>}
            {canAll && <Tabs.Tab value="all">{t('extras.list.all')}</Tabs.Tab>}
          </Tabs.List>
        </Tabs>
      )}
      {filters.scope === 'team' && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('extras.list.teamIntro')}
        </Text>
      )}
      <FilterBar filters={filters} set={set} />

      {extras.error ? (
        <ProblemAlert error={extras.error} />
      ) : !extras.data ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Stack align="flex-start" gap="sm" py="md">
          <Text c="dimmed">{t('extras.list.none')}</Text>
        </Stack>
      ) : (
        <>
          {phone ? (
            <ExtraCards extras={items} showMember={filters.scope !== 'mine'} />
          ) : (
            <ExtraTable extras={items} showMember={filters.scope !== 'mine'} valueNames={valueNames} />
          )}
          {extras.hasNextPage && (
            <Group justify="center" mt="md">
              <Button variant="default" loading={extras.isFetchingNextPage} onClick={() => void extras.fetchNextPage()}>
                {t('extras.list.more')}
              </Button>
            </Group>
          )}
        </>
      )}
    </>
  );
}

function ExportButton({ filters }: { filters: ExtraFilters }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Button component="a" href={extrasExportUrl(filters)} download variant="default" size={phone ? 'sm' : 'md'}>
      {t('extras.list.export')}
    </Button>
  );
}

function FilterBar({
  filters,
  set,
}: {
  filters: ExtraFilters;
  set: (changes: Partial<Record<keyof ExtraFilters, string | undefined>>) => void;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const me = useSignedInMe();
  const values = useValues(true);
  const teamsQuery = useTeams({ enabled: filters.scope === 'all' });
  const members = useMembers('active', '', { enabled: filters.scope !== 'mine' });
  const activeCount = [
    filters.from,
    filters.to,
    filters.valueId,
    filters.kind,
    filters.teamId,
    filters.memberId,
  ].filter(Boolean).length;
  const [opened, toggle] = useDisclosure(activeCount > 0);

  const teams =
    filters.scope === 'team'
      ? (me.member?.teams ?? []).filter((team) => team.isManager).map((team) => ({ id: team.id, name: team.name }))
      : (teamsQuery.data ?? []).map((team) => ({ id: team.id, name: team.name }));
  const managedIds = new Set(teams.map((team) => team.id));
  const people = (members.data ?? []).filter((member) =>
    filters.teamId
      ? member.teams.some((team) => team.id === filters.teamId)
      : filters.scope === 'all' || member.teams.some((team) => managedIds.has(team.id)),
  );

  const fields = (
    <SimpleGrid
      cols={{ base: 2, sm: filters.scope === 'mine' ? 4 : 3, lg: filters.scope === 'mine' ? 4 : 6 }}
      spacing="sm"
      mb="md"
    >
      <TextInput
        type="date"
        label={t('extras.list.from')}
        value={filters.from ?? ''}
        max={filters.to}
        onChange={(e) => set({ from: e.currentTarget.value })}
      />
      <TextInput
        type="date"
        label={t('extras.list.to')}
        value={filters.to ?? ''}
        min={filters.from}
        onChange={(e) => set({ to: e.currentTarget.value })}
      />
      <NativeSelect
        label={t('extras.list.value')}
        value={filters.valueId ?? ''}
        onChange={(e) => set({ valueId: e.currentTarget.value })}
        data={[
          { value: '', label: t('extras.list.anyValue') },
          ...(values.data ?? []).map((v) => ({ value: v.id, label: v.name })),
        ]}
      />
      <NativeSelect
        label={t('extras.list.kind')}
        value={filters.kind ?? ''}
        onChange={(e) => set({ kind: e.currentTarget.value })}
        data={[
          { value: '', label: t('extras.list.anyKind') },
          ...EXTRA_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) })),
        ]}
      />
      {filters.scope !== 'mine' && (
        <>
          <NativeSelect
            label={t('extras.list.teamFilter')}
            value={filters.teamId ?? ''}
            onChange={(e) => set({ teamId: e.currentTarget.value, memberId: undefined })}
            data={[
              { value: '', label: t('extras.list.anyTeam') },
              ...teams.map((team) => ({ value: team.id, label: team.name })),
            ]}
          />
          <NativeSelect
            label={t('extras.list.member')}
            value={filters.memberId ?? ''}
            onChange={(e) => set({ memberId: e.currentTarget.value })}
            data={[
              { value: '', label: t('extras.list.anyMember') },
              ...people.map((member) => ({ value: member.id, label: member.name })),
            ]}
          />
        </>
      )}
    </SimpleGrid>
  );

  if (!phone) return fields;
  return (
    <>
      <Group gap="sm" mb="sm">
        <Button variant="default" size="sm" onClick={toggle.toggle} aria-expanded={opened}>
          {activeCount ? t('extras.list.filtersActive', { count: activeCount }) : t('extras.list.filters')}
        </Button>
        <ExportButton filters={filters} />
      </Group>
      {opened && fields}
    </>
  );
}

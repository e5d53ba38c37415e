import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EXTRA_KINDS, type ExtraKind } from '../../../contracts/constants';
import type { Extra } from '../../../contracts/extras.contract';
import { kindLabel, scoreLabel } from '../../app/extra-labels';
import { useMembers } from '../../app/members.api';
import { ACCESS } from '../../app/nav.config';
import { useTeams } from '../../app/teams.api';
import { useFormat } from '../../app/use-format';
import { useHasRole, useSignedInMe } from '../../app/use-me';
import { useValues } from '../../app/values.api';
import { ScoreFace } from '../../components/extra-fields.component';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
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

function StatusBadges({ extra }: { extra: Extra }) {
  const { t } = useTranslation();
  return (
    <>
      {extra.aboveMandate && (
        <Badge color="yellow" variant="light" size="sm" tt="none" c="yellow.9">
          {t('extras.aboveMandate')}
        </Badge>
      )}
      {extra.hidden && (
        <Badge color="gray" variant="light" size="sm" tt="none">
          {t('extras.hiddenBadge')}
        </Badge>
      )}
    </>
  );
}

function Reaction({ extra }: { extra: Extra }) {
  const { t } = useTranslation();
  if (!extra.reactionScore)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap">
      <ScoreFace score={extra.reactionScore} size={22} />
      <Text size="sm">{scoreLabel(t, extra.reactionScore)}</Text>
    </Group>
  );
}

function ExtraTable({
  extras,
  showMember,
  valueNames,
}: {
  extras: Extra[];
  showMember: boolean;
  valueNames: Map<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('extras.list.when')}</Table.Th>
            {showMember && <Table.Th>{t('extras.list.member')}</Table.Th>}
            <Table.Th>{t('extras.list.what')}</Table.Th>
            <Table.Th>{t('extras.list.kind')}</Table.Th>
            <Table.Th ta="right">{t('extras.list.cost')}</Table.Th>
            <Table.Th ta="right">{t('extras.list.minutes')}</Table.Th>
            <Table.Th>{t('extras.list.reaction')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {extras.map((extra) => (
            <Table.Tr key={extra.id} style={extra.hidden ? { opacity: 0.65 } : undefined}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{format.date(extra.occurredAt, true)}</Text>
              </Table.Td>
              {showMember && (
                <Table.Td>
                  <Text size="sm">{extra.member.name}</Text>
                </Table.Td>
              )}
              <Table.Td maw={380}>
                <Anchor component={Link} to={`/extras/${extra.id}`} size="sm" fw={600} lineClamp={2}>
                  {extra.occasion}
                </Anchor>
                <Text size="sm" c="dimmed" lineClamp={2}>
                  {extra.action}
                </Text>
                <Group gap={4} mt={4}>
                  <StatusBadges extra={extra} />
                  {extra.valueIds.map((id) =>
                    valueNames.get(id) ? (
                      <Badge key={id} variant="outline" color="blue" size="sm" tt="none">
                        {valueNames.get(id)}
                      </Badge>
                    ) : null,
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{kindLabel(t, extra.kind)}</Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{format.money(extra.costCents / 100)}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{extra.minutes ? format.number(extra.minutes) : '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Reaction extra={extra} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ExtraCards({ extras, showMember }: { extras: Extra[]; showMember: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {extras.map((extra) => (
        <li key={extra.id}>
          <Card
            withBorder
            padding="md"
            component={Link}
            to={`/extras/${extra.id}`}
            style={{ textDecoration: 'none', color: 'inherit', ...(extra.hidden ? { opacity: 0.7 } : {}) }}
          >
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text size="xs" c="dimmed">
                {format.date(extra.occurredAt, true)}
                {showMember && ` · ${extra.member.name}`}
              </Text>
              {extra.reactionScore ? <ScoreFace score={extra.reactionScore} size={24} /> : null}
            </Group>
            <Text fw={600} lineClamp={2} mt={2}>
              {extra.occasion}
            </Text>
            <Text size="sm" lineClamp={2}>
              {extra.action}
            </Text>
            <Group gap={6} mt="xs">
              <Badge variant="light" color="blue" size="sm" tt="none">
                {kindLabel(t, extra.kind)}
              </Badge>
              <Text size="sm">{format.money(extra.costCents / 100)}</Text>
              {extra.minutes > 0 && <Text size="sm">· {t('extras.minutesShort', { count: extra.minutes })}</Text>}
              <StatusBadges extra={extra} />
            </Group>
          </Card>
        </li>
      ))}
    </Stack>
  );
}

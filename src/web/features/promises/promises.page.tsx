import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PromiseSummary } from '../../../contracts/promises.contract';
import { ACCESS } from '../../app/nav.config';
import { useTeams } from '../../app/teams.api';
import { useDays } from '../../app/use-days';
import { useHasRole } from '../../app/use-me';
import { LoadMore } from '../../components/load-more.component';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { BreachFlag, PromiseStatusBadge } from './promise-badges.component';
import { statusFilterLabel } from './promise-labels';
import { type PromiseFilters, type PromiseScope, promisesExportUrl, usePromises } from './promises.api';
import { type FilterChanges, STATUS_FILTERS, usePromiseFilters } from './use-promise-filters';

export function PromisesPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const canAll = useHasRole(ACCESS.allPromises);
  const allowed: PromiseScope[] = ['mine', 'team', ...(canAll ? (['all'] as const) : [])];
  const { filters, set, chainLink } = usePromiseFilters(allowed);
  const promises = usePromises(filters);
  const items = useMemo(() => promises.data?.pages.flatMap((page) => page.items) ?? [], [promises.data]);

  return (
    <>
      <PageHeader
        title={t('promises.list.title')}
        actions={
          <>
            <Button
              component="a"
              href={promisesExportUrl(filters)}
              download
              variant="default"
              size={phone ? 'sm' : 'md'}
            >
              {t('promises.list.export')}
            </Button>
            <Button component={Link} to="/promises/new" size={phone ? 'sm' : 'md'}>
              {t('promises.list.new')}
            </Button>
          </>
        }
      />
      <SegmentedControl
        fullWidth={phone}
        size={phone ? 'xs' : 'sm'}
        mb="md"
        aria-label={t('promises.list.scope')}
        value={filters.scope}
        onChange={(scope) => set({ scope })}
        data={[
          { value: 'mine', label: t('promises.list.mine') },
          { value: 'team', label: t('promises.list.team') },
          ...(canAll ? [{ value: 'all', label: t('promises.list.all') }] : []),
        ]}
      />
      {chainLink && (
        <HandoffNote
          filters={filters}
          onRemove={() => set({ handoffFrom: undefined, handoffTo: undefined, from: undefined, to: undefined })}
        />
      )}
      <FilterBar filters={filters} set={set} />

      {promises.error ? (
        <ProblemAlert error={promises.error} />
      ) : !promises.data ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed" py="md">
          {t('promises.list.none')}
        </Text>
      ) : (
        <>
          {phone ? <PromiseCards promises={items} /> : <PromiseTable promises={items} />}
          <LoadMore
            hasMore={promises.hasNextPage}
            loading={promises.isFetchingNextPage}
            onLoad={() => void promises.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}

function FilterBar({ filters, set }: { filters: PromiseFilters; set: (changes: FilterChanges) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(filters.q ?? '');
  const [debounced] = useDebouncedValue(q, 400);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new debounced text moves it into the address; set is new on every render
  useEffect(() => {
    if (debounced.trim() !== (filters.q ?? '')) set({ q: debounced.trim() });
    // Only a new debounced text moves it into the address (`set` is new on every render).
  }, [debounced]);
  return (
    <Stack gap="xs" mb="md">
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" maw={760}>
        <TextInput
          type="search"
          label={t('promises.list.search')}
          placeholder={t('promises.list.searchPlaceholder')}
          maxLength={100}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
        />
        <NativeSelect
          label={t('promises.list.status')}
          value={filters.status}
          onChange={(event) => set({ status: event.currentTarget.value })}
          data={STATUS_FILTERS.map((status) => ({ value: status, label: statusFilterLabel(t, status) }))}
        />
      </SimpleGrid>
      <Checkbox
        label={t('promises.list.flagged')}
        checked={!!filters.flagged}
        onChange={(event) => set({ flagged: event.currentTarget.checked ? 'true' : undefined })}
      />
    </Stack>
  );
}

/** The list came from an arrow of the chain: say which, and let it go. */
function HandoffNote({ filters, onRemove }: { filters: PromiseFilters; onRemove: () => void }) {
  const { t } = useTranslation();
  const days = useDays();
  const teams = useTeams();
  const name = (id: string | undefined) => (id ? (teams.data?.find((team) => team.id === id)?.name ?? '…') : '');
  const text =
    filters.handoffFrom && filters.handoffTo
      ? t('promises.list.handoffNote', { from: name(filters.handoffFrom), to: name(filters.handoffTo) })
      : filters.handoffFrom
        ? t('promises.list.handoffNoteFrom', { from: name(filters.handoffFrom) })
        : t('promises.list.handoffNoteTo', { to: name(filters.handoffTo) });
  const period =
    filters.from || filters.to
      ? t('promises.list.handoffPeriod', {
          from: filters.from ? days.day(filters.from) : '…',
          to: filters.to ? days.day(filters.to) : '…',
        })
      : '';
  return (
    <Alert
      color="blue"
      variant="light"
      mb="md"
      withCloseButton
      closeButtonLabel={t('promises.list.removeHandoffNote')}
      onClose={onRemove}
    >
      <Text size="sm">
        {text}
        {period && ` · ${period}`}
      </Text>
    </Alert>
  );
}

function NextStep({ promise }: { promise: PromiseSummary }) {
  const { t } = useTranslation();
  const days = useDays();
  if (!promise.nextStep) {
    return (
      <Text size="sm" c="dimmed">
        {promise.deliveredOn ? t('promises.list.deliveredOn', { day: days.day(promise.deliveredOn) }) : '—'}
      </Text>
    );
  }
  const late = promise.nextStep.dueDate < days.today;
  return (
    <Text size="sm" c={late ? 'red.8' : undefined}>
      {t('promises.list.nextStepText', { team: promise.nextStep.team.name, day: days.day(promise.nextStep.dueDate) })}
    </Text>
  );
}

function PromiseTable({ promises }: { promises: PromiseSummary[] }) {
  const { t } = useTranslation();
  const days = useDays();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('promises.list.customer')}</Table.Th>
            <Table.Th>{t('promises.list.what')}</Table.Th>
            <Table.Th>{t('promises.list.dueDate')}</Table.Th>
            <Table.Th>{t('promises.list.status')}</Table.Th>
            <Table.Th>{t('promises.list.nextStep')}</Table.Th>
            <Table.Th>{t('promises.list.handoffs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {promises.map((promise) => (
            <Table.Tr key={promise.id}>
              <Table.Td>
                <Text size="sm">{promise.customer.name}</Text>
              </Table.Td>
              <Table.Td maw={360}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Anchor component={Link} to={`/promises/${promise.id}`} size="sm" fw={600} lineClamp={2}>
                    {promise.what}
                  </Anchor>
                  <BreachFlag breaches={promise.breaches} />
                </Group>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{days.day(promise.dueDate)}</Text>
              </Table.Td>
              <Table.Td>
                <PromiseStatusBadge status={promise.status} />
              </Table.Td>
              <Table.Td>
                <NextStep promise={promise} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t('promises.list.handoffsDone', { done: promise.stepsDone, total: promise.stepsTotal })}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PromiseCards({ promises }: { promises: PromiseSummary[] }) {
  const { t } = useTranslation();
  const days = useDays();
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {promises.map((promise) => (
        <li key={promise.id}>
          <Card
            withBorder
            padding="md"
            component={Link}
            to={`/promises/${promise.id}`}
            style={{ textDecoration: 'none', color: 'inherit' }}
          >
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text size="xs" c="dimmed" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {promise.customer.name} · {days.day(promise.dueDate)}
              </Text>
              <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
                <BreachFlag breaches={promise.breaches} inLink />
                <PromiseStatusBadge status={promise.status} />
              </Group>
            </Group>
            <Text fw={600} lineClamp={2} mt={2} style={{ overflowWrap: 'anywhere' }}>
              {promise.what}
            </Text>
            <NextStep promise={promise} />
            <Text size="xs" c="dimmed" mt={4}>
              {t('promises.list.handoffsLine', { done: promise.stepsDone, total: promise.stepsTotal })}
            </Text>
          </Card>
        </li>
      ))}
    </Stack>
  );
}

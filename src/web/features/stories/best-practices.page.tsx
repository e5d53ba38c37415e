import { Box, Button, Grid, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EXTRA_KINDS, type ExtraKind } from '../../../contracts/constants';
import { kindLabel } from '../../app/extra-labels';
import { type BestPracticeFilters, useBestPractices } from '../../app/stories.api';
import { useValues } from '../../app/values.api';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useStoryAccess } from './story-access';
import { StoryCard } from './story-card.component';

const isKind = (value: string | null): value is ExtraKind =>
  !!value && (EXTRA_KINDS as readonly string[]).includes(value);

/** Filters live in the address, so a link to "good examples of hospitality" can be shared. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind');
  const filters: BestPracticeFilters = {
    valueId: params.get('valueId') || undefined,
    kind: isKind(kind) ? kind : undefined,
    q: params.get('q')?.trim() || undefined,
  };
  const set = (changes: Partial<Record<keyof BestPracticeFilters, string>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return { filters, set };
}

/** The stories managers put forward for the whole organisation, each credited to its author. */
export function BestPracticesPage() {
  const { t } = useTranslation();
  const { filters, set } = useFilters();
  const access = useStoryAccess();
  const values = useValues(true);
  const valueNames = useMemo(() => new Map((values.data ?? []).map((v) => [v.id, v.name])), [values.data]);
  const list = useBestPractices(filters);
  const stories = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const [words, setWords] = useState(filters.q ?? '');
  const [debouncedWords] = useDebouncedValue(words, 350);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed words drive this; the address follows them
  useEffect(() => {
    if ((debouncedWords.trim() || undefined) !== filters.q) set({ q: debouncedWords.trim() });
    // Only the typed words drive this; the address follows them.
  }, [debouncedWords]);
  const filtered = !!(filters.q || filters.valueId || filters.kind);

  return (
    <Box maw={820}>
      <PageHeader title={t('bestPractices.title')} description={t('bestPractices.intro')} />
      <Grid gap="sm" mb="md">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            type="search"
            label={t('bestPractices.search')}
            placeholder={t('bestPractices.searchPlaceholder')}
            value={words}
            maxLength={200}
            onChange={(event) => setWords(event.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <NativeSelect
            label={t('bestPractices.value')}
            value={filters.valueId ?? ''}
            onChange={(event) => set({ valueId: event.currentTarget.value })}
            data={[
              { value: '', label: t('bestPractices.anyValue') },
              ...(values.data ?? []).map((v) => ({ value: v.id, label: v.name })),
            ]}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <NativeSelect
            label={t('bestPractices.kind')}
            value={filters.kind ?? ''}
            onChange={(event) => set({ kind: event.currentTarget.value })}
            data={[
              { value: '', label: t('bestPractices.anyKind') },
              ...EXTRA_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) })),
            ]}
          />
        </Grid.Col>
      </Grid>

      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <PageLoader />
      ) : stories.length === 0 ? (
        <Stack gap="xs" align="flex-start">
          <Text c="dimmed">{filtered ? t('bestPractices.noneFound') : t('bestPractices.none')}</Text>
          {filtered && (
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                setWords('');
                set({ q: '', valueId: '', kind: '' });
              }}
            >
              {t('bestPractices.clearFilters')}
            </Button>
          )}
        </Stack>
      ) : (
        <>
          <Stack
            gap="md"
            component="ul"
            style={{ listStyle: 'none', margin: 0, padding: 0, opacity: list.isPlaceholderData ? 0.6 : 1 }}
            aria-busy={list.isFetching}
          >
            {stories.map((story) => (
              <li key={story.id}>
                <StoryCard story={story} access={access} valueNames={valueNames} credit />
              </li>
            ))}
          </Stack>
          {list.hasNextPage && (
            <Group justify="center" mt="md">
              <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('bestPractices.more')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Box>
  );
}

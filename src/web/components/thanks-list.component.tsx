import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Thanks, ThanksPage } from '../../contracts/thanks.contract';
import { useTakeBackThanks } from '../app/thanks.api';
import { useFormat } from '../app/use-format';
import { notifyError, notifySuccess } from './notify';
import { PageLoader } from './page-loader.component';
import { ProblemAlert } from './problem-alert.component';

/** Pages of thanks (a team's, or mine): the problem, a loader, a line when there are none, or the cards and "more". */
export function ThanksPages({
  thanks,
  emptyText,
}: {
  thanks: UseInfiniteQueryResult<InfiniteData<ThanksPage>>;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const items = thanks.data?.pages.flatMap((page) => page.items) ?? [];
  if (thanks.error) return <ProblemAlert error={thanks.error} />;
  if (!thanks.data) return <PageLoader />;
  if (items.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {emptyText}
      </Text>
    );
  return (
    <>
      <ThanksList items={items} />
      {thanks.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button
            variant="default"
            size="sm"
            loading={thanks.isFetchingNextPage}
            onClick={() => void thanks.fetchNextPage()}
          >
            {t('thanks.more')}
          </Button>
        </Group>
      )}
    </>
  );
}

/** Thanks as cards: who thanked whom, their words, the value, when; the thanker may take theirs back. */
export function ThanksList({ items }: { items: Thanks[] }) {
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item) => (
        <li key={item.id}>
          <ThanksCard item={item} />
        </li>
      ))}
    </Stack>
  );
}

function ThanksCard({ item }: { item: Thanks }) {
  const { t } = useTranslation();
  const format = useFormat();
  const takeBack = useTakeBackThanks();
  const to = item.toMember?.name ?? item.toTeam?.name ?? '';
  const from = item.fromTeam
    ? t('thanks.fromOfTeam', { name: item.from.name, team: item.fromTeam.name })
    : item.from.name;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="article"
      aria-label={t('thanks.cardLabel', { from: item.from.name, to })}
    >
      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
        {item.toTeam ? t('thanks.thankedTeam', { from, to }) : t('thanks.thankedPerson', { from, to })}
      </Text>
      <Text mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        “{item.words}”
      </Text>
      <Group gap="xs" mt={6} justify="space-between" wrap="wrap">
        <Group gap="xs">
          {item.value && (
            <Badge variant="light" color="teal" size="sm">
              {item.value.name}
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {format.date(item.createdAt)}
          </Text>
        </Group>
        {item.mine && (
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            loading={takeBack.isPending}
            onClick={() =>
              takeBack.mutate(item.id, {
                onSuccess: () => notifySuccess(t('thanks.takenBack')),
                onError: (error) => notifyError(t, error),
              })
            }
          >
            {t('thanks.takeBack')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

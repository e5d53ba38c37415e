import { Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../app/i18n';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { type DecisionQueue, useDecisionQueue, usePrefetchProposal, useProposal } from './counsel.api';
import { formatDays } from './counsel-labels';
import { DecisionPanel } from './decision-panel.component';
import { ProposalBrief } from './proposal-brief.component';
import { afterDecision, QUEUE_START, type QueueCursor, queueIndex, stepCursor } from './queue-model';

/**
 * The director's queue: one screen per proposal, oldest first, to decide in two minutes. The whole
 * brief with the decision right under it; after a decision the next one appears. Above: how many wait,
 * and how long decisions take.
 */
export function DecisionQueuePage() {
  const { t } = useTranslation();
  const queue = useDecisionQueue();
  const [cursor, setCursor] = useState<QueueCursor>(QUEUE_START);
  // Once the director moves on (a decision, previous or next), each proposal that appears is brought into view at its title.
  const [moved, setMoved] = useState(false);
  const move = (next: QueueCursor) => {
    setMoved(true);
    setCursor(next);
  };
  const ids = queue.data?.items.map((item) => item.id) ?? [];
  const index = queueIndex(ids, cursor);
  const currentId = index >= 0 ? (ids[index] ?? null) : null;
  const nextId = index >= 0 ? (ids[index + 1] ?? null) : null;
  const prefetch = usePrefetchProposal();

  // The next one is loaded ahead, so it is there the moment this one is decided.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new next proposal is the trigger; prefetch is new on every render
  useEffect(() => {
    if (nextId) prefetch(nextId);
  }, [nextId]);

  return (
    <Stack gap="md" maw={860}>
      <PageHeader title={t('counsel.queue.title')} description={t('counsel.queue.intro')} />
      {queue.error ? (
        <ProblemAlert error={queue.error} />
      ) : !queue.data ? (
        <PageLoader />
      ) : (
        <>
          <QueueStats stats={queue.data.stats} waiting={ids.length} />
          {currentId === null ? (
            <Paper withBorder p="xl" radius="md">
              <Stack gap={4} align="center">
                <Title order={2} size="h3">
                  {t('counsel.queue.empty')}
                </Title>
                <Text c="dimmed" ta="center">
                  {t('counsel.queue.emptyHint')}
                </Text>
              </Stack>
            </Paper>
          ) : (
            <>
              <QueueNavigation
                position={index + 1}
                total={ids.length}
                onPrevious={() => move(stepCursor(ids, cursor, -1))}
                onNext={() => move(stepCursor(ids, cursor, 1))}
              />
              <QueueItem
                key={currentId}
                proposalId={currentId}
                showTitle={moved}
                onDecided={() => move(afterDecision(index))}
              />
            </>
          )}
        </>
      )}
    </Stack>
  );
}

/** "1 van 4 in de wachtrij", with previous and next (they stop at either end); on a phone the count sits above them. */
function QueueNavigation({
  position,
  total,
  onPrevious,
  onNext,
}: {
  position: number;
  total: number;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const count = (
    <Text fw={600} size="sm" ta="center" aria-live="polite">
      {t('counsel.queue.position', { position, total })}
    </Text>
  );
  const previous = (
    <Button variant="default" size="sm" onClick={onPrevious} disabled={position <= 1}>
      <span aria-hidden="true">←</span>&nbsp;{t('counsel.queue.previousLabel')}
    </Button>
  );
  const next = (
    <Button variant="default" size="sm" onClick={onNext} disabled={position >= total}>
      {t('counsel.queue.nextLabel')}&nbsp;<span aria-hidden="true">→</span>
    </Button>
  );
  if (phone) {
    return (
      <Stack gap={6}>
        {count}
        <SimpleGrid cols={2} spacing="sm">
          {previous}
          {next}
        </SimpleGrid>
      </Stack>
    );
  }
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      {previous}
      {count}
      {next}
    </Group>
  );
}

/** The whole brief of the proposal on screen, and the decision right under it. */
function QueueItem({
  proposalId,
  showTitle,
  onDecided,
}: {
  proposalId: string;
  showTitle: boolean;
  onDecided: () => void;
}) {
  const proposal = useProposal(proposalId);
  const brief = useRef<HTMLDivElement>(null);
  const loaded = !!proposal.data;
  // The next proposal appears with its title in view (below the fixed header) and the focus on it, not scrolled past it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the moment the proposal has loaded is the trigger
  useEffect(() => {
    const title = brief.current?.querySelector<HTMLElement>('h2');
    if (!showTitle || !title) return;
    title.tabIndex = -1;
    title.style.scrollMarginTop = '80px';
    title.focus({ preventScroll: true });
    title.scrollIntoView({ block: 'start' });
  }, [loaded]);
  if (proposal.error) return <ProblemAlert error={proposal.error} />;
  if (!proposal.data) return <PageLoader />;
  return (
    <Stack gap="md">
      <Card withBorder padding="lg" radius="md" ref={brief}>
        <ProposalBrief proposal={proposal.data} withTitle linkTitle />
      </Card>
      {proposal.data.status === 'submitted' && (
        <DecisionPanel key={proposal.data.id} proposalId={proposal.data.id} onDecided={onDecided} />
      )}
    </Stack>
  );
}

/** How many wait, how many were decided in 90 days, the median time to decision, the longest wait. */
function QueueStats({ stats, waiting }: { stats: DecisionQueue['stats']; waiting: number }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const days = (value: number | null) =>
    value === null ? '—' : t('counsel.time.days', { days: formatDays(value, language) });
  const figures = [
    { label: t('counsel.queue.waiting'), value: String(waiting) },
    { label: t('counsel.queue.decided'), value: String(stats.decided) },
    { label: t('counsel.queue.median'), value: days(stats.medianDays) },
    { label: t('counsel.queue.longest'), value: days(stats.longestOpenDays) },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {figures.map((figure) => (
        <Paper key={figure.label} withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed">
            {figure.label}
          </Text>
          <Text fw={700} size="lg">
            {figure.value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

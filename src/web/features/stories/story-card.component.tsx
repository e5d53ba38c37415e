import { Badge, Button, Card, Collapse, Group, Paper, Text, Timeline } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Story } from '../../../contracts/learning.contract';
import { kindLabel, scoreLabel } from '../../app/extra-labels';
import { useThank, useWithdraw } from '../../app/stories.api';
import { useFormat } from '../../app/use-format';
import { ConfirmModal } from '../../components/confirm.modal';
import { ScoreFace } from '../../components/extra-fields.component';
import { lazyDialog } from '../../components/modal.component';
import { notifyError, notifySuccess } from '../../components/notify';
import type { StoryAccess } from './story-access';
import { Comments } from './story-comments.component';

const PromoteModal = lazyDialog(() => import('./promote.modal').then((m) => m.PromoteModal));

interface StoryCardProps {
  story: Story;
  access: StoryAccess;
  valueNames: Map<string, string>;
  /** Shorter, for the weekly pick: texts clamped, comments left to the feed below. */
  compact?: boolean;
  /** On the best practices page the story is credited to its author first. */
  credit?: boolean;
}

/** A heart, drawn, so no emoji font is needed. */
function Heart({ filled }: { filled: boolean }) {
  return (
    <svg width={16} height={16} viewBox="0 0 24 24" aria-hidden="true">
      <path
        d="M12 21s-7.5-4.6-9.6-9.3C.9 8.3 3 4.5 6.7 4.5c2.1 0 3.6 1.2 4.3 2.5h2c.7-1.3 2.2-2.5 4.3-2.5 3.7 0 5.8 3.8 4.3 7.2C19.5 16.4 12 21 12 21z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * An extra told as a story: the customer's occasion, what the colleague did, how the customer
 * reacted. Colleagues thank and comment; a manager may put it forward as a good example. No money.
 */
export function StoryCard({ story, access, valueNames, compact = false, credit = false }: StoryCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [promoteOpened, promote] = useDisclosure(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const withdraw = useWithdraw(story.id);
  const looksAfter = access.looksAfter(story);
  const clamp = compact ? 3 : undefined;

  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="article"
      aria-label={t('feed.storyOf', { name: story.author.name })}
    >
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mb="sm">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {credit
              ? t('bestPractices.storyBy', { name: story.author.name })
              : story.mine
                ? t('feed.you')
                : story.author.name}
          </Text>
          <Text size="xs" c="dimmed">
            {format.date(story.occurredAt, true)}
          </Text>
        </div>
        {story.bestPractice && !credit && (
          <Badge
            color="yellow"
            variant="light"
            c="yellow.9"
            tt="none"
            leftSection={<span aria-hidden="true">★</span>}
            style={{ flexShrink: 0 }}
          >
            {t('bestPractices.badge')}
          </Badge>
        )}
      </Group>

      <Timeline active={story.reactionScore || story.reactionText ? 2 : 1} bulletSize={24} lineWidth={2} color="blue">
        <Timeline.Item title={<StepLabel>{t('feed.occasion')}</StepLabel>} bullet={<StepNumber n={1} />}>
          <Text size="sm" lineClamp={clamp} style={{ whiteSpace: 'pre-wrap' }}>
            {story.occasion}
          </Text>
        </Timeline.Item>
        <Timeline.Item
          title={
            <StepLabel>
              {story.mine ? t('feed.whatIDid') : t('feed.whatTheyDid', { name: firstName(story.author.name) })}
            </StepLabel>
          }
          bullet={<StepNumber n={2} />}
        >
          <Text size="sm" lineClamp={clamp} style={{ whiteSpace: 'pre-wrap' }}>
            {story.action}
          </Text>
        </Timeline.Item>
        <Timeline.Item
          title={<StepLabel>{t('feed.reaction')}</StepLabel>}
          bullet={story.reactionScore ? <ScoreFace score={story.reactionScore} size={24} /> : <StepNumber n={3} />}
        >
          {story.reactionScore || story.reactionText ? (
            <Text size="sm" lineClamp={clamp}>
              {story.reactionScore ? (
                <Text span fw={600} size="sm">
                  {scoreLabel(t, story.reactionScore)}
                  {story.reactionText ? ' · ' : ''}
                </Text>
              ) : null}
              {story.reactionText}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('feed.noReaction')}
            </Text>
          )}
        </Timeline.Item>
      </Timeline>

      <Group gap={6} mt="sm">
        <Badge variant="light" color="gray" tt="none">
          {kindLabel(t, story.kind)}
        </Badge>
        {story.valueIds.map((id) =>
          valueNames.get(id) ? (
            <Badge key={id} variant="outline" color="blue" tt="none">
              {valueNames.get(id)}
            </Badge>
          ) : null,
        )}
      </Group>

      {story.bestPractice && (
        <Paper mt="sm" p="sm" radius="md" bg="yellow.0" style={{ border: '1px solid var(--mantine-color-yellow-3)' }}>
          <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>
                <span aria-hidden="true">★ </span>
                {t('bestPractices.why')}
              </Text>
              <Text size="sm" lineClamp={clamp} style={{ whiteSpace: 'pre-wrap' }}>
                {story.bestPractice.why}
              </Text>
              <Text size="xs" c="dimmed" mt={2}>
                {t('bestPractices.putForwardBy', {
                  name: story.bestPractice.by.name,
                  date: format.date(story.bestPractice.at),
                })}
              </Text>
            </div>
            {looksAfter && !compact && (
              <Button
                variant="subtle"
                color="gray"
                size="compact-sm"
                onClick={() => setWithdrawing(true)}
                style={{ flexShrink: 0 }}
              >
                {t('bestPractices.withdraw')}
              </Button>
            )}
          </Group>
        </Paper>
      )}

      <StoryActions story={story} access={access} compact={compact} onPromote={promote.open} />

      {looksAfter && <PromoteModal story={story} opened={promoteOpened} onClose={promote.close} />}
      {looksAfter && (
        <ConfirmModal
          opened={withdrawing}
          title={t('bestPractices.withdrawTitle')}
          message={t('bestPractices.withdrawText')}
          confirmLabel={t('bestPractices.withdraw')}
          color="blue"
          loading={withdraw.isPending}
          error={withdraw.error}
          onClose={() => {
            withdraw.reset();
            setWithdrawing(false);
          }}
          onConfirm={() =>
            withdraw.mutate(undefined, {
              onSuccess: () => {
                setWithdrawing(false);
                notifySuccess(t('bestPractices.withdrawn'));
              },
            })
          }
        />
      )}
    </Card>
  );
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

function StepLabel({ children }: { children: string }) {
  return (
    <Text size="xs" c="dimmed" fw={600} tt="uppercase" lh={1.6}>
      {children}
    </Text>
  );
}

function StepNumber({ n }: { n: number }) {
  return (
    <Text size="xs" fw={700} aria-hidden="true">
      {n}
    </Text>
  );
}

/** Thanks, comments and (for whoever looks after the feed) putting it forward. */
function StoryActions({
  story,
  access,
  compact,
  onPromote,
}: {
  story: Story;
  access: StoryAccess;
  compact: boolean;
  onPromote: () => void;
}) {
  const { t } = useTranslation();
  const thank = useThank();
  const canReact = access.canReact(story);
  const looksAfter = access.looksAfter(story);
  const [commentsOpen, comments] = useDisclosure(false);
  const commentsId = useId();
  const count = story.comments.length;
  const showComments = !compact && (canReact || count > 0);

  return (
    <>
      <Group gap="xs" mt="sm" justify="space-between">
        <Group gap="xs">
          {canReact && !story.mine ? (
            <Button
              size="compact-md"
              variant={story.thankedByMe ? 'light' : 'default'}
              color="pink"
              aria-pressed={story.thankedByMe}
              leftSection={<Heart filled={story.thankedByMe} />}
              onClick={() =>
                thank.mutate({ story, on: !story.thankedByMe }, { onError: (error) => notifyError(t, error) })
              }
            >
              {story.thankedByMe ? t('feed.thanked') : t('feed.thank')}
              {story.thanks > 0 && (
                <Text span size="sm" c="dimmed" ml={6}>
                  {story.thanks}
                </Text>
              )}
            </Button>
          ) : story.thanks > 0 ? (
            <Group gap={4} c="pink.7">
              <Heart filled />
              <Text size="sm" c="dimmed">
                {t('feed.thanksCount', { count: story.thanks })}
              </Text>
            </Group>
          ) : null}
          {showComments && (
            <Button
              size="compact-md"
              variant="subtle"
              color="gray"
              aria-expanded={commentsOpen}
              aria-controls={commentsId}
              onClick={comments.toggle}
            >
              {count > 0 ? t('feed.comments', { count }) : t('feed.addComment')}
            </Button>
          )}
        </Group>
        {looksAfter && !story.bestPractice && !compact && (
          <Button
            size="compact-md"
            variant="light"
            color="yellow"
            c="yellow.9"
            leftSection={<span aria-hidden="true">★</span>}
            onClick={onPromote}
          >
            {t('bestPractices.promote')}
          </Button>
        )}
      </Group>
      {showComments && (
        <Collapse expanded={commentsOpen} id={commentsId}>
          {commentsOpen && <Comments story={story} canReact={canReact} />}
        </Collapse>
      )}
    </>
  );
}

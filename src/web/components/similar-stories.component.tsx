import { Button, Group, Paper, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scoreLabel } from '../app/extra-labels';
import { type SimilarStory, useSimilarStories } from '../app/stories.api';
import { ScoreFace } from './extra-fields.component';
import { useIsPhone } from './use-is-phone';

/**
 * While the occasion is typed: what colleagues did on occasions like it, and how the customer
 * reacted. Compact (the form stays one screen on a phone); a tap on "Overnemen" copies the action.
 */
export function SimilarStoriesHint({
  occasion,
  onUseAction,
}: {
  occasion: string;
  onUseAction: (action: string) => void;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [debounced] = useDebouncedValue(occasion, 400);
  const enough = debounced.trim().length >= 3 && occasion.trim().length >= 3;
  const similar = useSimilarStories(enough ? debounced : '');
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const items = enough ? (similar.data ?? []) : [];
  if (items.length === 0) return null;
  const folded = phone ? 1 : 2;
  const shown = expanded ? items : items.slice(0, folded);

  return (
    <Paper withBorder radius="md" p="xs" mt={8} bg="gray.0" component="section" aria-labelledby={`${listId}-title`}>
      <Group justify="space-between" gap="xs" wrap="nowrap" mb={4}>
        <Text size="xs" fw={600} c="dimmed" id={`${listId}-title`}>
          {t('feed.similar.title')}
        </Text>
        {items.length > folded && (
          <UnstyledButton
            aria-expanded={expanded}
            aria-controls={listId}
            onClick={() => setExpanded((e) => !e)}
            style={{ flexShrink: 0 }}
          >
            <Text size="xs" c="blue.7" fw={600}>
              {expanded ? t('feed.similar.less') : t('feed.similar.all', { count: items.length })}
            </Text>
          </UnstyledButton>
        )}
      </Group>
      <Stack gap={6} id={listId} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {shown.map((item) => (
          <SimilarItem key={item.extraId} item={item} onUse={() => onUseAction(item.action)} />
        ))}
      </Stack>
    </Paper>
  );
}

function SimilarItem({ item, onUse }: { item: SimilarStory; onUse: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Group component="li" gap={8} wrap="nowrap" align="center">
      {item.reactionScore ? (
        <>
          <ScoreFace score={item.reactionScore} size={20} />
          <VisuallyHidden>{scoreLabel(t, item.reactionScore)}</VisuallyHidden>
        </>
      ) : (
        <span style={{ width: 20, flexShrink: 0 }} aria-hidden="true" />
      )}
      <div style={{ flex: 1, minWidth: 0 }} id={id}>
        <Text size="sm" lineClamp={2} title={item.action}>
          {item.bestPractice && (
            <>
              <Text span c="yellow.8" aria-hidden="true">
                ★{' '}
              </Text>
              <VisuallyHidden>{t('bestPractices.badge')}: </VisuallyHidden>
            </>
          )}
          {item.action}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1} title={item.occasion}>
          {t('feed.similar.byOn', { name: item.author.name, occasion: item.occasion })}
        </Text>
      </div>
      <Button size="compact-xs" variant="light" onClick={onUse} aria-describedby={id} style={{ flexShrink: 0 }}>
        {t('feed.similar.use')}
      </Button>
    </Group>
  );
}

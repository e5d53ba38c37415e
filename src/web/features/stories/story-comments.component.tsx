import { Anchor, Box, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Story, StoryComment } from '../../../contracts/learning.contract';
import { useAddComment, useRemoveComment } from '../../app/stories.api';
import { useFormat } from '../../app/use-format';
import { notifyError } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';

/* A story's comments: the list and writing one. */

export function Comments({ story, canReact }: { story: Story; canReact: boolean }) {
  const { t } = useTranslation();
  const add = useAddComment(story.id);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const text = body.trim();
    if (!text) {
      setError(t('validation.required'));
      return;
    }
    setError(null);
    add.mutate(text, { onSuccess: () => setBody('') });
  };
  return (
    <Stack gap="xs" mt="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      {story.comments.length > 0 && (
        <Stack gap={8} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {story.comments.map((comment) => (
            <CommentItem key={comment.id} extraId={story.id} comment={comment} />
          ))}
        </Stack>
      )}
      {canReact && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap={6}>
            <ProblemAlert error={add.error} />
            <Textarea
              aria-label={t('feed.commentLabel')}
              placeholder={t('feed.commentPlaceholder')}
              autosize
              minRows={1}
              maxRows={5}
              maxLength={500}
              value={body}
              error={error}
              onChange={(event) => setBody(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
                  event.preventDefault();
                  submit();
                }
              }}
            />
            <Group justify="flex-end">
              <Button type="submit" size="compact-md" loading={add.isPending}>
                {t('feed.post')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

function CommentItem({ extraId, comment }: { extraId: string; comment: StoryComment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const remove = useRemoveComment(extraId);
  return (
    <Box component="li">
      <Group gap={6} align="baseline" wrap="nowrap" justify="space-between">
        <Text size="sm" style={{ minWidth: 0 }}>
          <Text span fw={600} size="sm">
            {comment.author.name}
          </Text>{' '}
          <Text span size="xs" c="dimmed">
            {format.date(comment.createdAt, true)}
          </Text>
        </Text>
        {comment.removable && (
          <Anchor
            component="button"
            type="button"
            size="xs"
            c="dimmed"
            disabled={remove.isPending}
            onClick={() => remove.mutate(comment.id, { onError: (error) => notifyError(t, error) })}
          >
            {t('feed.removeComment')}
          </Anchor>
        )}
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {comment.body}
      </Text>
    </Box>
  );
}

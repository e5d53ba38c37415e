import { Button, Group, Loader, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromiseStep, StepComment } from '../../../contracts/promises.contract';
import { useFormat } from '../../app/use-format';
import { notifyError } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useAddStepComment, useStepComments } from './promises.api';

/**
 * The comments on a step between its team and the team it hands its work to: folded away behind
 * their count, opened to read them and write one.
 */
export function StepComments({ promiseId, step }: { promiseId: string; step: PromiseStep }) {
  const { t } = useTranslation();
  const panelId = useId();
  const [opened, toggle] = useDisclosure(false);
  return (
    <div>
      <Button
        variant="subtle"
        size="compact-sm"
        px={0}
        aria-expanded={opened}
        aria-controls={panelId}
        onClick={toggle.toggle}
      >
        {step.comments > 0
          ? t('promises.comments.toggle', { count: step.comments })
          : t('promises.comments.toggleNone')}
      </Button>
      {opened && (
        <div id={panelId}>
          <CommentThread promiseId={promiseId} step={step} />
        </div>
      )}
    </div>
  );
}

function CommentThread({ promiseId, step }: { promiseId: string; step: PromiseStep }) {
  const { t } = useTranslation();
  const comments = useStepComments(promiseId, step.id, { enabled: true });
  const add = useAddStepComment(promiseId, step.id);
  const [body, setBody] = useState('');
  const [empty, setEmpty] = useState(false);
  const submit = () => {
    const text = body.trim();
    if (!text) {
      setEmpty(true);
      return;
    }
    add.mutate(text, { onSuccess: () => setBody(''), onError: (error) => notifyError(t, error) });
  };
  return (
    <Stack gap="xs" mt={4}>
      {comments.error ? (
        <ProblemAlert error={comments.error} />
      ) : !comments.data ? (
        <Loader size="sm" aria-label={t('promises.comments.loading')} />
      ) : comments.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('promises.comments.none')}
        </Text>
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {comments.data.map((comment) => (
            <li key={comment.id}>
              <CommentItem comment={comment} step={step} />
            </li>
          ))}
        </Stack>
      )}
      <Textarea
        label={t('promises.comments.label')}
        description={t('promises.comments.hint', {
          team: step.team.name,
          receiver: step.receiverTeam?.name ?? step.team.name,
        })}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={2000}
        value={body}
        error={empty ? t('promises.comments.required') : undefined}
        onChange={(event) => {
          setBody(event.currentTarget.value);
          setEmpty(false);
        }}
      />
      <Group>
        <Button size="compact-md" loading={add.isPending} onClick={submit}>
          {t('promises.comments.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

function CommentItem({ comment, step }: { comment: StepComment; step: PromiseStep }) {
  const format = useFormat();
  const team = comment.side === 'team' ? step.team.name : comment.side === 'receiver' ? step.receiverTeam?.name : null;
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {[comment.by.name, team, format.date(comment.at, true)].filter(Boolean).join(' · ')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {comment.body}
      </Text>
    </Paper>
  );
}

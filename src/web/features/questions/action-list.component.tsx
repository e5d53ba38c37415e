import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action } from '../../../contracts/questions.contract';
import { useDays } from '../../app/use-days';
import { notifyError, notifySuccess } from '../../components/notify';
import { ActionDoneModal } from './action-done.modal';
import { useUpdateAction } from './results.api';
import { useResultsFormat } from './results-format';
import { type ActionState, actionState } from './results-model';

// The actions that follow from results: what, who, by when, and whether it is done. Whoever may edit
// one marks it done with a note, or opens it again.

const STATE_COLORS: Record<ActionState, string> = { open: 'blue', late: 'orange', done: 'green' };

export function ActionList({
  actions,
  showCampaign = false,
  empty,
}: {
  actions: Action[];
  showCampaign?: boolean;
  empty: string;
}) {
  const [doneFor, setDoneFor] = useState<Action | null>(null);
  if (actions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <>
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {actions.map((action) => (
          <li key={action.id}>
            <ActionItem action={action} showCampaign={showCampaign} onDone={() => setDoneFor(action)} />
          </li>
        ))}
      </Stack>
      {doneFor && <ActionDoneModal key={doneFor.id} action={doneFor} opened onClose={() => setDoneFor(null)} />}
    </>
  );
}

function ActionItem({ action, showCampaign, onDone }: { action: Action; showCampaign: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const days = useDays();
  const f = useResultsFormat();
  const update = useUpdateAction();
  const state = actionState(action, days.today);
  const stateLabel =
    state === 'done'
      ? t('questions.actions.status.done', { date: days.day(action.doneOn!) })
      : state === 'late'
        ? t('questions.actions.status.late')
        : t('questions.actions.status.open');
  const reopen = () =>
    update.mutate(
      { actionId: action.id, body: { done: false, doneNote: action.doneNote } },
      { onSuccess: () => notifySuccess(t('questions.actions.reopened')), onError: (error) => notifyError(t, error) },
    );
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap={4}>
        <Text size="sm" fw={600} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {action.what}
        </Text>
        <Group gap="xs" wrap="wrap" align="center">
          <Badge color={STATE_COLORS[state]} variant="light">
            {stateLabel}
          </Badge>
          <Text size="xs" c="dimmed">
            {[
              t('questions.actions.owner', { name: action.ownerName }),
              t('questions.actions.due', { date: days.day(action.dueOn) }),
            ].join(' · ')}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {[
            showCampaign ? t('questions.actions.fromCampaign', { title: action.campaignTitle }) : '',
            action.questionText
              ? t('questions.actions.onQuestion', { question: f.text(action.questionText) })
              : t('questions.actions.wholeGroup'),
            action.createdByName ? t('questions.actions.createdBy', { name: action.createdByName }) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {action.doneNote && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {t('questions.actions.doneNote', { note: action.doneNote })}
          </Text>
        )}
        {action.canEdit && (
          <Group gap="xs" mt={4}>
            {state === 'done' ? (
              <Button size="compact-sm" variant="default" loading={update.isPending} onClick={reopen}>
                {t('questions.actions.reopen')}
              </Button>
            ) : (
              <Button size="compact-sm" variant="light" onClick={onDone}>
                {t('questions.actions.markDone')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

import { Alert, Group, Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PromiseDetail, PromiseStep } from '../../../contracts/promises.contract';
import { scoreLabel } from '../../app/extra-labels';
import { useDays } from '../../app/use-days';
import { useFormat } from '../../app/use-format';
import { ScoreFace } from '../../components/extra-fields.component';
import { LateBadge } from './promise-badges.component';
import { StepActions } from './step-actions.component';
import { StepComments } from './step-comments.component';

/** The hand-offs in order, then the follow-up: who does what by when, and where it stands. */
export function PromiseSteps({ promise }: { promise: PromiseDetail }) {
  let lastDone = -1;
  promise.steps.forEach((step, index) => {
    if (step.done) lastDone = index;
  });
  return (
    <Timeline active={lastDone} bulletSize={26} lineWidth={2} color="teal">
      {promise.steps.map((step, index) => (
        <Timeline.Item
          key={step.id}
          title={<StepTitle step={step} />}
          bullet={
            <Text size="xs" fw={700}>
              {step.done ? '✓' : index + 1}
            </Text>
          }
        >
          <StepBody promiseId={promise.id} step={step} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export function StepTitle({ step, muted = false }: { step: PromiseStep; muted?: boolean }) {
  const { t } = useTranslation();
  const text =
    step.kind === 'aftersales'
      ? t('promises.steps.aftersalesBy', { team: step.team.name })
      : step.receiverTeam
        ? t('promises.steps.handoff', { from: step.team.name, to: step.receiverTeam.name })
        : step.team.name;
  return (
    <Text fw={muted ? undefined : 600} c={muted ? 'dimmed' : undefined} size="sm" style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}

/** Who has the step, or that it is still the team's to take. */
export function StepOwner({ step }: { step: PromiseStep }) {
  const { t } = useTranslation();
  if (step.owner) return <Text size="xs">{t('promises.steps.owner', { name: step.owner.name })}</Text>;
  if (step.done) return null;
  return (
    <Text size="xs" c="dimmed">
      {t('promises.handoff.nobodyYet', { team: step.team.name })}
    </Text>
  );
}

/** The day a step is due, red when it is late; with the "late" badge unless the caller shows the step's status itself. */
export function StepDue({ step, withBadge = true }: { step: PromiseStep; withBadge?: boolean }) {
  const { t } = useTranslation();
  const days = useDays();
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" c={step.late ? 'red.8' : undefined} fw={step.late ? 600 : undefined}>
        {t('promises.steps.due', { day: days.day(step.dueDate) })}
      </Text>
      {withBadge && step.late && <LateBadge />}
    </Group>
  );
}

function StepBody({ promiseId, step }: { promiseId: string; step: PromiseStep }) {
  const { t } = useTranslation();
  const format = useFormat();
  const days = useDays();
  return (
    <Stack gap={4} mt={2}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {step.what}
      </Text>
      <StepDue step={step} />
      <StepOwner step={step} />
      {step.accepted && (
        <Text size="xs" c="dimmed">
          {t('promises.steps.acceptedBy', { name: step.accepted.by.name, date: format.date(step.accepted.at, true) })}
        </Text>
      )}
      {step.done && (
        <Text size="xs" c={step.done.on > step.dueDate ? 'red.8' : 'dimmed'}>
          {step.done.on > step.dueDate
            ? t('promises.steps.doneLateBy', { name: step.done.by.name, day: days.day(step.done.on) })
            : t('promises.steps.doneBy', { name: step.done.by.name, day: days.day(step.done.on) })}
        </Text>
      )}
      {step.sentBack && (
        <Alert
          color="orange"
          p="xs"
          title={t('promises.steps.sentBackBy', {
            name: step.sentBack.by.name,
            date: format.date(step.sentBack.at, true),
          })}
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {step.sentBack.reason}
          </Text>
        </Alert>
      )}
      {step.kind === 'aftersales' && step.done && <StepReaction step={step} />}
      {step.rating && (
        <Text size="xs" c="dimmed">
          {t('promises.steps.ratedBy', { name: step.rating.by.name, score: step.rating.score })}
          {step.rating.comment ? ` — ${step.rating.comment}` : ''}
        </Text>
      )}
      <StepActions promiseId={promiseId} step={step} />
      <StepComments promiseId={promiseId} step={step} />
    </Stack>
  );
}

function StepReaction({ step }: { step: PromiseStep }) {
  const { t } = useTranslation();
  if (!step.reactionScore && !step.reactionText) {
    return (
      <Text size="sm" c="dimmed">
        {t('promises.reaction.none')}
      </Text>
    );
  }
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap">
      {step.reactionScore ? <ScoreFace score={step.reactionScore} size={28} /> : null}
      <div style={{ minWidth: 0 }}>
        {step.reactionScore ? (
          <Text size="sm" fw={600}>
            {scoreLabel(t, step.reactionScore)}
          </Text>
        ) : null}
        {step.reactionText && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {step.reactionText}
          </Text>
        )}
      </div>
    </Group>
  );
}

import { Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PromiseDetail, PromiseStatusName } from '../../../contracts/promises.contract';
import { PROMISE_STATUSES } from '../../../contracts/promises.contract';
import { scoreLabel } from '../../app/extra-labels';
import { useDays } from '../../app/use-days';
import { useFormat } from '../../app/use-format';
import { statusLabel } from './promise-labels';

type PromiseEvent = PromiseDetail['history'][number];

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const isStatus = (value: unknown): value is PromiseStatusName =>
  (PROMISE_STATUSES as readonly unknown[]).includes(value);

/** One event in words: who did what (the step named where it is about a step). */
function eventText(
  t: TFunction,
  event: PromiseEvent,
  stepWhat: string,
  day: (day: string) => string,
  personName: (id: unknown) => string,
): string {
  const name = event.by?.name || t('promises.history.someone');
  const data = event.data;
  switch (event.kind) {
    case 'made':
      return t('promises.history.made', { name });
    case 'accepted':
      return t('promises.history.accepted', { name, step: stepWhat });
    case 'done':
      return data.late === true
        ? t('promises.history.doneLate', { name, step: stepWhat })
        : t('promises.history.done', { name, step: stepWhat });
    case 'taken':
      return t('promises.history.taken', { name, step: stepWhat });
    case 'assigned':
      return t('promises.history.assigned', { name, step: stepWhat, to: personName(data.to) });
    case 'handed_back':
      return t('promises.history.handed_back', { name, step: stepWhat });
    case 'sent_back':
      return t('promises.history.sentBack', { name, step: stepWhat, reason: text(data.reason) });
    case 'renegotiated':
      return t('promises.history.renegotiated', {
        name,
        from: day(text(data.from)),
        to: day(text(data.to)),
        reason: text(data.reason),
      });
    case 'delivered':
      return t('promises.history.delivered', {
        name,
        day: day(text(data.deliveredOn)),
        outcome: isStatus(data.outcome) ? statusLabel(t, data.outcome) : '—',
      });
    case 'rated':
      return t('promises.history.rated', {
        name,
        step: stepWhat,
        score: typeof data.score === 'number' ? data.score : '?',
      });
    case 'reaction': {
      const score =
        typeof data.reactionScore === 'number' ? scoreLabel(t, data.reactionScore) : t('promises.reaction.noScore');
      const comment = text(data.reactionText);
      return t('promises.history.reaction', { name, score }) + (comment ? ` — ${comment}` : '');
    }
    default:
      return t('promises.history.other', { name, kind: event.kind });
  }
}

/** What happened to the promise, oldest first, each with who and when. */
export function PromiseHistory({ promise }: { promise: PromiseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const days = useDays();
  const stepWhat = new Map(promise.steps.map((step) => [step.id, step.what]));
  const day = (value: string) => (value ? days.day(value) : '—');
  // The people the promise names: who has a step now, and who did something.
  const people = new Map(
    [...promise.steps.map((step) => step.owner), ...promise.history.map((event) => event.by)]
      .filter((person) => person !== null)
      .map((person) => [person.id, person.name]),
  );
  const personName = (id: unknown) => (typeof id === 'string' && people.get(id)) || t('promises.history.someone');
  if (promise.history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('promises.history.none')}
      </Text>
    );
  }
  return (
    <Stack gap={8} component="ol" style={{ margin: 0, paddingLeft: 18 }}>
      {promise.history.map((event) => (
        <Text key={event.id} component="li" size="sm" style={{ overflowWrap: 'anywhere' }}>
          <Text span size="xs" c="dimmed">
            {format.date(event.at, true)} ·{' '}
          </Text>
          {eventText(
            t,
            event,
            (event.stepId && stepWhat.get(event.stepId)) || t('promises.history.aStep'),
            day,
            personName,
          )}
        </Text>
      ))}
    </Stack>
  );
}

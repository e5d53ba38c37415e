import { Badge, type BadgeProps, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GuidelineBreachDto, PromiseStatusName, PromiseStep } from '../../../contracts/promises.contract';
import { breachText, STATUS_COLORS, STEP_STATE_COLORS, statusLabel, stepState, stepStateLabel } from './promise-labels';

export function PromiseStatusBadge({ status, size = 'sm' }: { status: PromiseStatusName; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size} tt="none" style={{ flexShrink: 0 }}>
      {statusLabel(t, status)}
    </Badge>
  );
}

/** One status for one step (late wins): on the work list, beside what can be done with it. */
export function StepStateBadge({ step }: { step: PromiseStep }) {
  const { t } = useTranslation();
  const state = stepState(step);
  return (
    <Badge
      color={STEP_STATE_COLORS[state]}
      variant={state === 'late' ? 'filled' : 'light'}
      size="sm"
      tt="none"
      style={{ flexShrink: 0 }}
    >
      {stepStateLabel(t, state)}
    </Badge>
  );
}

export function LateBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" size="sm" tt="none">
      {t('promises.steps.late')}
    </Badge>
  );
}

/**
 * A small flag: this promise breaks the offer profile. Drawn, so no icon font is needed. Inside a
 * link (a card) it is not a stop of its own: its words become part of the link's name.
 */
export function BreachFlag({ breaches, inLink = false }: { breaches: GuidelineBreachDto[]; inLink?: boolean }) {
  const { t } = useTranslation();
  if (breaches.length === 0) return null;
  const label = `${t('promises.flag.label')}: ${breaches.map((b) => breachText(t, b)).join('; ')}`;
  const flag = (
    <svg
      width={18}
      height={18}
      viewBox="0 0 20 20"
      role="img"
      aria-label={label}
      tabIndex={inLink ? undefined : 0}
      style={{ flexShrink: 0 }}
    >
      <path d="M4 2v16" stroke="var(--mantine-color-orange-8)" strokeWidth="2" strokeLinecap="round" />
      <path
        d="M5 3h10l-2.5 3.5L15 10H5z"
        fill="var(--mantine-color-orange-5)"
        stroke="var(--mantine-color-orange-8)"
        strokeWidth="1.2"
        strokeLinejoin="round"
      />
    </svg>
  );
  if (inLink) return flag;
  return (
    <Tooltip label={label} multiline maw={280} withArrow events={{ hover: true, focus: true, touch: true }}>
      {flag}
    </Tooltip>
  );
}

/** The breaches in plain words, as a list. */
export function BreachList({ breaches }: { breaches: GuidelineBreachDto[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 20 }}>
      {breaches.map((breach) => (
        <Text key={JSON.stringify(breach)} component="li" size="sm">
          {breachText(t, breach)}
        </Text>
      ))}
    </Stack>
  );
}

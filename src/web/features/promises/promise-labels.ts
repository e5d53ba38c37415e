import type { TFunction } from 'i18next';
import type { GuidelineBreachDto, PromiseStatusName, PromiseStep } from '../../../contracts/promises.contract';
import type { StatusFilter } from './promises.api';

// Literal keys (not built from the value), so the catalog test sees every one.

export function statusLabel(t: TFunction, status: PromiseStatusName): string {
  switch (status) {
    case 'open':
      return t('promises.status.open');
    case 'in_progress':
      return t('promises.status.in_progress');
    case 'at_risk':
      return t('promises.status.at_risk');
    case 'renegotiated':
      return t('promises.status.renegotiated');
    case 'kept':
      return t('promises.status.kept');
    case 'broken':
      return t('promises.status.broken');
  }
}

export function statusFilterLabel(t: TFunction, status: StatusFilter): string {
  if (status === 'active') return t('promises.status.active');
  if (status === 'any') return t('promises.status.any');
  return statusLabel(t, status);
}

/** Calm for what runs, loud for what needs attention. */
export const STATUS_COLORS: Record<PromiseStatusName, string> = {
  open: 'blue',
  in_progress: 'cyan',
  at_risk: 'orange',
  renegotiated: 'grape',
  kept: 'green',
  broken: 'red',
};

/** Where one step stands, as one status: late wins over everything else. */
export type StepState = 'late' | 'done' | 'sent_back' | 'accepted' | 'waiting';

export function stepState(step: Pick<PromiseStep, 'late' | 'done' | 'sentBack' | 'accepted'>): StepState {
  if (step.late) return 'late';
  if (step.done) return 'done';
  if (step.sentBack) return 'sent_back';
  if (step.accepted) return 'accepted';
  return 'waiting';
}

export function stepStateLabel(t: TFunction, state: StepState): string {
  switch (state) {
    case 'late':
      return t('promises.steps.late');
    case 'done':
      return t('promises.steps.state.done');
    case 'sent_back':
      return t('promises.steps.state.sent_back');
    case 'accepted':
      return t('promises.steps.state.accepted');
    case 'waiting':
      return t('promises.steps.state.waiting');
  }
}

export const STEP_STATE_COLORS: Record<StepState, string> = {
  late: 'red',
  done: 'green',
  sent_back: 'orange',
  accepted: 'cyan',
  waiting: 'gray',
};

/** "3 dagen" / "1 dag". */
export function daysText(t: TFunction, count: number): string {
  return t('promises.days', { count });
}

/** How a promise breaks the offer profile, in plain words. */
export function breachText(t: TFunction, breach: GuidelineBreachDto): string {
  switch (breach.code) {
    case 'outside_profile':
      return t('promises.breach.outside_profile');
    case 'lead_time':
      return t('promises.breach.lead_time', {
        days: daysText(t, breach.days),
        minimum: daysText(t, breach.minimumDays),
      });
    case 'condition_not_met':
      return t('promises.breach.condition_not_met', { condition: breach.condition });
  }
}

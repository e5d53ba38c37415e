import type { TFunction } from 'i18next';
import type { GuidelineBreachDto, PromiseStatusName } from '../../../contracts/promises.contract';
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
      return t('promises.breach.lead_time', { days: daysText(t, breach.days), minimum: daysText(t, breach.minimumDays) });
    case 'condition_not_met':
      return t('promises.breach.condition_not_met', { condition: breach.condition });
  }
}

import type { TFunction } from 'i18next';
import type { Language, Role } from '../../../contracts/constants';
import type { CustomerReaction } from '../../../contracts/voice.contract';
import { formatRating } from '../../app/figures-format';
import { addDays } from '../../app/format';
import { ACCESS } from '../../app/nav.config';
import { hasAnyRole } from '../../app/roles';
import type { VoiceScale } from '../../app/voice-scores';
import type { VoiceScope } from './voice.api';

// The customer voice screens' logic, pure so it is tested beside it.

/** The scale's name for a touchpoint: five points, or 0–10. */
export function scaleLabel(t: TFunction, scale: VoiceScale): string {
  return scale === 'scale10' ? t('voice.scale.scale10') : t('voice.scale.agree5');
}

/** A score as 1–5 (0–10 mapped onto it, as the server does for the average), rounded: for a face and a colour. */
export function fivePointFace(scale: VoiceScale, score: number): number {
  const five = scale === 'scale10' ? 1 + (score * 4) / 10 : score;
  return Math.min(5, Math.max(1, Math.round(five)));
}

/** The average on five points with one decimal: 3.26 → "3,3" / "3.3"; no reactions → "–". */
export function averageText(average: number | null, language: Language): string {
  return formatRating(average, language);
}

/**
 * Which scopes a person may choose: their own always, their teams' when they are in a team (or
 * lead one), everything for directors and admins.
 */
export function scopeOptions(roles: readonly Role[], teamCount: number): VoiceScope[] {
  return [
    'mine',
    ...(teamCount > 0 ? (['team'] as const) : []),
    ...(hasAnyRole(roles, ACCESS.allVoice) ? (['all'] as const) : []),
  ];
}

/** Where the page starts: a director or admin on everything, a manager on the teams, anyone else on their own. */
export function defaultScope(roles: readonly Role[], options: readonly VoiceScope[]): VoiceScope {
  if (options.includes('all')) return 'all';
  if (options.includes('team') && roles.includes('manager')) return 'team';
  return 'mine';
}

export type PeriodPreset = '30' | '90' | '365' | 'custom';
export const PERIOD_PRESETS: PeriodPreset[] = ['30', '90', '365', 'custom'];
/** The server reads at most this many days at once. */
export const MAX_PERIOD_DAYS = 366;

/** The days a preset covers, today included; a custom period is as chosen. */
export function periodOf(
  preset: PeriodPreset,
  today: string,
  custom: { from: string; to: string },
): { from: string; to: string } {
  if (preset === 'custom') return custom;
  return { from: addDays(today, -(Number(preset) - 1)), to: today };
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);

/** What is wrong with a chosen period (a catalog key), or null when it can be asked for. */
export function periodError(
  from: string,
  to: string,
): 'voice.period.errorMissing' | 'voice.period.errorOrder' | 'voice.period.errorLong' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return 'voice.period.errorMissing';
  const days = daysBetween(from, to) + 1;
  if (days < 1) return 'voice.period.errorOrder';
  if (days > MAX_PERIOD_DAYS) return 'voice.period.errorLong';
  return null;
}

/** The kind of thing a reaction is about, in words. */
export function subjectLabel(t: TFunction, subject: CustomerReaction['subject']): string {
  switch (subject) {
    case 'extra':
      return t('voice.subject.extra');
    case 'promise':
      return t('voice.subject.promise');
    case 'touchpoint':
      return t('voice.subject.touchpoint');
  }
}

/** Where a reaction's subject is read: the extra or the promise; a touchpoint has no page of its own. */
export function subjectPath(reaction: Pick<CustomerReaction, 'extraId' | 'promiseId'>): string | null {
  if (reaction.extraId) return `/extras/${encodeURIComponent(reaction.extraId)}`;
  if (reaction.promiseId) return `/promises/${encodeURIComponent(reaction.promiseId)}`;
  return null;
}

export type DueState =
  | { state: 'late'; daysLate: number }
  | { state: 'today' }
  | { state: 'upcoming'; daysLeft: number };

/**
 * How an open follow-up stands against its day. The server's `late` is the truth (its clock); the
 * days are counted on the organisation's calendar for the words.
 */
export function dueState(followup: { dueOn: string; late: boolean }, today: string): DueState {
  const days = daysBetween(today, followup.dueOn);
  if (followup.late || days < 0) return { state: 'late', daysLate: Math.max(1, -days) };
  if (days === 0) return { state: 'today' };
  return { state: 'upcoming', daysLeft: days };
}

/** The words for an open follow-up's day, and whether to mark it. */
export function dueText(t: TFunction, due: DueState, day: string): string {
  switch (due.state) {
    case 'late':
      return t('voice.followups.dueLate', { count: due.daysLate, day });
    case 'today':
      return t('voice.followups.dueToday');
    case 'upcoming':
      return t('voice.followups.dueOn', { day });
  }
}

export type FollowupOutcome = 'resolved' | 'not_reachable' | 'not_resolved' | 'not_our_customer';
export const FOLLOWUP_OUTCOMES: FollowupOutcome[] = ['resolved', 'not_reachable', 'not_resolved', 'not_our_customer'];
export const NOTE_MAX = 1000;

/**
 * The close form's note: with "not our customer" it says why the request did not fit the offer
 * profile (required); with "resolved" it is optional. Returns a catalog key, or null when fine.
 */
export function closeNoteError(
  outcome: FollowupOutcome,
  note: string,
): 'voice.close.reasonRequired' | 'validation.too_big' | null {
  const text = note.trim();
  if (text.length > NOTE_MAX) return 'validation.too_big';
  if (outcome === 'not_our_customer' && !text) return 'voice.close.reasonRequired';
  return null;
}

export const TOUCHPOINT_NAME_MAX = 80;

/** A touchpoint's name: a line of at most 80 characters. Returns a catalog key, or null when fine. */
export function touchpointNameError(name: string): 'validation.required' | 'validation.too_big' | null {
  const text = name.trim();
  if (!text) return 'validation.required';
  if (text.length > TOUCHPOINT_NAME_MAX) return 'validation.too_big';
  return null;
}

/** A file name from a touchpoint's name: "Tafel 4 (terras)" → "tafel-4-terras". */
export function fileSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'contactpunt';
}

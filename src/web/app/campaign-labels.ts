import type { TFunction } from 'i18next';
import type { Language } from '../../contracts/constants';
import type { BankQuestion, CampaignSummary, Level, ResultGroup, TextPair } from '../../contracts/questions.contract';

// Words and orders of the core-question pages. Literal keys (not built from the value), so the
// catalog test sees every one. The orders are copies of the contract's lists (the contract module
// holds zod, which page code does not load); the checks below fail to compile when they drift.

export type QuestionTheme = BankQuestion['theme'];
export type QuestionKind = BankQuestion['kind'];
export type CampaignStatus = CampaignSummary['status'];

export const THEME_ORDER = [
  'leadership',
  'cooperation',
  'mandate',
  'values',
  'customer_focus',
  'communication',
] as const satisfies readonly QuestionTheme[];
export const KIND_ORDER = ['agree5', 'scale10', 'open'] as const satisfies readonly QuestionKind[];
const themesComplete: [Exclude<QuestionTheme, (typeof THEME_ORDER)[number]>] extends [never] ? true : false = true;
const kindsComplete: [Exclude<QuestionKind, (typeof KIND_ORDER)[number]>] extends [never] ? true : false = true;
void themesComplete;
void kindsComplete;

/** The question's words in the interface's language; an empty one falls back to the other. */
export function textIn(text: TextPair, language: Language): string {
  return text[language] || text.nl || text.en;
}

export function themeLabel(t: TFunction, theme: QuestionTheme): string {
  switch (theme) {
    case 'leadership':
      return t('questions.themes.leadership');
    case 'cooperation':
      return t('questions.themes.cooperation');
    case 'mandate':
      return t('questions.themes.mandate');
    case 'values':
      return t('questions.themes.values');
    case 'customer_focus':
      return t('questions.themes.customer_focus');
    case 'communication':
      return t('questions.themes.communication');
  }
}

export function kindLabel(t: TFunction, kind: QuestionKind): string {
  switch (kind) {
    case 'agree5':
      return t('questions.kinds.agree5');
    case 'scale10':
      return t('questions.kinds.scale10');
    case 'open':
      return t('questions.kinds.open');
  }
}

export function levelLabel(t: TFunction, level: Level): string {
  switch (level) {
    case 'top':
      return t('questions.levels.top');
    case 'middle':
      return t('questions.levels.middle');
    case 'staff':
      return t('questions.levels.staff');
  }
}

export function statusLabel(t: TFunction, status: CampaignStatus): string {
  switch (status) {
    case 'scheduled':
      return t('questions.list.status.scheduled');
    case 'open':
      return t('questions.list.status.open');
    case 'closed':
      return t('questions.list.status.closed');
  }
}

export const STATUS_COLORS: Record<CampaignStatus, string> = { scheduled: 'gray', open: 'green', closed: 'blue' };

/** The five points of agreement, 1 (strongly disagree) to 5 (strongly agree). */
export function agreeLabel(t: TFunction, value: number): string {
  switch (value) {
    case 1:
      return t('questions.scale.agree1');
    case 2:
      return t('questions.scale.agree2');
    case 3:
      return t('questions.scale.agree3');
    case 4:
      return t('questions.scale.agree4');
    default:
      return t('questions.scale.agree5');
  }
}

/** A group's name: "Hele organisatie", "Middenmanagement", "Verkoop", "Verkoop · Medewerkers". */
export function groupLabel(t: TFunction, group: Pick<ResultGroup, 'kind' | 'teamName' | 'level'>): string {
  const team = group.teamName || t('questions.results.groups.unknownTeam');
  switch (group.kind) {
    case 'org':
      return t('questions.results.groups.org');
    case 'level':
      return group.level ? levelLabel(t, group.level) : t('questions.results.groups.org');
    case 'team':
      return team;
    case 'team_level':
      return group.level ? t('questions.results.groups.teamLevel', { team, level: levelLabel(t, group.level) }) : team;
  }
}

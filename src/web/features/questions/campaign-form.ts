import type { TFunction } from 'i18next';
import type { Role } from '../../../contracts/constants';
import {
  type BankQuestion,
  type CampaignDetail,
  type CampaignRepeat,
  nextRoundDay,
} from '../../../contracts/questions.contract';
import { isApiError } from '../../app/api-client';
import { THEME_ORDER } from '../../app/campaign-labels';
import { addDays } from '../../app/format';
import { fieldErrorMessage } from '../../app/problem';
import type { CreateCampaignBody, OwnQuestionBody } from './questions.api';

// The new-campaign form: its values and defaults, the body it sends, and where the server's field
// errors land. Pure, so it is tested beside it.

export const TITLE_MAX = 120;
export const MAX_QUESTIONS = 60;
/** How long a campaign runs unless the director says otherwise. */
export const DEFAULT_LENGTH_DAYS = 14;
/** Remind who has not answered this many days before the last day (0: on the last day itself). */
export const REMINDER_OPTIONS = [7, 3, 2, 1, 0] as const;
export const DEFAULT_REMINDERS = [3, 1];
/** Who can be asked: everyone who works in the organisation; outside advisors are never asked. */
export const AUDIENCE_ROLES = ['member', 'manager', 'director', 'admin'] as const satisfies readonly Role[];

export interface CampaignFormValues {
  title: string;
  opensOn: string;
  /** The last day on which people can answer. */
  closesOn: string;
  /** 'all': everyone; 'chosen': the teams and roles below. */
  audience: 'all' | 'chosen';
  teamIds: string[];
  roles: string[];
  /** Days before the last day, as the checkboxes hold them ("3"). */
  reminderDays: string[];
  questionKeys: string[];
  /** Once, or back every month or quarter with the same questions. */
  repeat: CampaignRepeat;
}

/** Opens today (on the organisation's clock), runs two weeks, reminds three days and one day before the end. */
export function emptyCampaign(today: string): CampaignFormValues {
  return {
    title: '',
    opensOn: today,
    closesOn: addDays(today, DEFAULT_LENGTH_DAYS),
    audience: 'all',
    teamIds: [],
    roles: [],
    reminderDays: DEFAULT_REMINDERS.map(String),
    questionKeys: [],
    repeat: 'none',
  };
}

/** When the next round of a recurring campaign opens; null for a round that does not come back. */
export function nextRoundOn(values: Pick<CampaignFormValues, 'opensOn' | 'repeat'>): string | null {
  return isDay(values.opensOn) ? nextRoundDay(values.opensOn, values.repeat) : null;
}

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Whole days from one day to another ("2026-05-01" to "2026-05-15": 14). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** When the first day moves, the last day moves along: the campaign keeps its length. */
export function moveLastDay(values: Pick<CampaignFormValues, 'opensOn' | 'closesOn'>, newOpensOn: string): string {
  if (!isDay(values.opensOn) || !isDay(values.closesOn) || !isDay(newOpensOn) || values.closesOn < values.opensOn)
    return values.closesOn;
  return addDays(newOpensOn, daysBetween(values.opensOn, values.closesOn));
}

/** A reminder must fall on a day the campaign is open: from the first day to the last. */
export function reminderFits(daysBefore: number, opensOn: string, closesOn: string): boolean {
  if (!isDay(opensOn) || !isDay(closesOn)) return true;
  return addDays(closesOn, -daysBefore) >= opensOn;
}

/** The reminders that fit the campaign's days, largest first, each once. */
export function reminderPayload(values: Pick<CampaignFormValues, 'reminderDays' | 'opensOn' | 'closesOn'>): number[] {
  const days = new Set(values.reminderDays.map(Number).filter((d) => Number.isInteger(d) && d >= 0 && d <= 60));
  return [...days].filter((d) => reminderFits(d, values.opensOn, values.closesOn)).sort((a, b) => b - a);
}

/**
 * The chosen questions in the order they will be asked: by theme (the order the answer form shows
 * them), within a theme in the bank's order. Keys no longer in the bank are left out.
 */
export function orderedQuestionKeys(bank: readonly BankQuestion[], chosen: readonly string[]): string[] {
  const wanted = new Set(chosen);
  return THEME_ORDER.flatMap((theme) => bank.filter((q) => q.theme === theme && wanted.has(q.key)).map((q) => q.key));
}

export function toCreateBody(values: CampaignFormValues, bank: readonly BankQuestion[]): CreateCampaignBody {
  const all = values.audience === 'all';
  return {
    title: values.title.trim(),
    opensOn: values.opensOn,
    closesOn: values.closesOn,
    audience: {
      all,
      teamIds: all ? [] : [...new Set(values.teamIds)],
      roles: all ? [] : (AUDIENCE_ROLES.filter((role) => values.roles.includes(role)) as Role[]),
    },
    reminderDays: reminderPayload(values),
    questionKeys: orderedQuestionKeys(bank, values.questionKeys),
    repeat: values.repeat,
  };
}

/**
 * The campaign as a respondent will see it, before it exists: the chosen questions in the order they
 * will be asked, nothing answered. Only for the preview; nothing of it is saved.
 */
export function previewCampaign(
  values: CampaignFormValues,
  bank: readonly BankQuestion[],
  minGroup: number,
  minTexts: number,
): CampaignDetail {
  const byKey = new Map(bank.map((q) => [q.key, q]));
  const questions = orderedQuestionKeys(bank, values.questionKeys).map((key, position) => {
    const q = byKey.get(key)!;
    return { id: key, key, position, theme: q.theme, kind: q.kind, text: q.text, selfView: q.selfView };
  });
  return {
    id: 'preview',
    title: values.title.trim(),
    opensOn: values.opensOn,
    closesOn: values.closesOn,
    status: 'open',
    questionCount: questions.length,
    myStatus: 'to_answer',
    audienceSize: null,
    responseRate: null,
    repeat: values.repeat,
    audience: { all: values.audience === 'all', teamIds: values.teamIds, roles: [] },
    reminderDays: reminderPayload(values),
    questions,
    myAnswers: [],
    mirror: null,
    minGroup,
    minTexts,
  };
}

/** The form's own checks (the server checks again), as catalog keys; null when the value is fine. */
export function validateCampaign(
  values: CampaignFormValues,
  today: string,
): Partial<Record<keyof CampaignFormValues, CampaignErrorKey>> {
  const errors: Partial<Record<keyof CampaignFormValues, CampaignErrorKey>> = {};
  const title = values.title.trim();
  if (!title) errors.title = 'validation.required';
  else if (title.length > TITLE_MAX) errors.title = 'validation.too_big';
  if (!isDay(values.opensOn)) errors.opensOn = 'validation.required';
  else if (values.opensOn < today) errors.opensOn = 'questions.new.fieldErrors.in_the_past';
  if (!isDay(values.closesOn)) errors.closesOn = 'validation.required';
  else if (isDay(values.opensOn) && values.closesOn < values.opensOn)
    errors.closesOn = 'questions.new.closesBeforeOpens';
  if (values.audience === 'chosen' && values.teamIds.length === 0 && values.roles.length === 0)
    errors.teamIds = 'questions.new.chooseAudience';
  if (values.questionKeys.length === 0) errors.questionKeys = 'questions.new.chooseQuestions';
  else if (values.questionKeys.length > MAX_QUESTIONS) errors.questionKeys = 'questions.new.tooManyQuestions';
  const next = nextRoundOn(values);
  if (next && isDay(values.closesOn) && next <= values.closesOn) errors.repeat = 'questions.new.repeatOverlaps';
  return errors;
}

export type CampaignErrorKey =
  | 'validation.required'
  | 'validation.too_big'
  | 'questions.new.fieldErrors.in_the_past'
  | 'questions.new.closesBeforeOpens'
  | 'questions.new.chooseAudience'
  | 'questions.new.chooseQuestions'
  | 'questions.new.tooManyQuestions'
  | 'questions.new.repeatOverlaps';

/** Where an error about the new campaign's body belongs on the form (the audience as a whole: under the teams). */
export function newCampaignField(path: string): keyof CampaignFormValues | null {
  if (path === 'title') return 'title';
  if (path === 'opensOn') return 'opensOn';
  if (path === 'closesOn') return 'closesOn';
  if (path.startsWith('audience.roles')) return 'roles';
  if (path.startsWith('audience')) return 'teamIds';
  if (path.startsWith('reminderDays')) return 'reminderDays';
  if (path.startsWith('questionKeys')) return 'questionKeys';
  if (path === 'repeat') return 'repeat';
  return null;
}

/** A field error in words: the campaign's own codes, the refinements by their field, the rest as everywhere. */
function campaignFieldMessage(t: TFunction, field: keyof CampaignFormValues, code: string, fallback: string): string {
  switch (code) {
    case 'in_the_past':
      return t('questions.new.fieldErrors.in_the_past');
    case 'unknown_question':
      return t('questions.new.fieldErrors.unknown_question');
    case 'unknown_team':
      return t('questions.new.fieldErrors.unknown_team');
    case 'rounds_overlap':
      return t('questions.new.repeatOverlaps');
    case 'custom':
      // The contract's refinements: the close before the opening, a question twice, nobody asked.
      if (field === 'closesOn') return t('questions.new.closesBeforeOpens');
      if (field === 'questionKeys') return t('questions.new.fieldErrors.duplicate');
      if (field === 'teamIds') return t('questions.new.chooseAudience');
      return fieldErrorMessage(t, code, fallback);
    default:
      return fieldErrorMessage(t, code, fallback);
  }
}

/** The server's field errors on the new-campaign form; the first error of a field wins. */
export function campaignFormErrors(t: TFunction, error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const fieldError of error.fieldErrors) {
    if (!fieldError.path.startsWith('body.')) continue;
    const field = newCampaignField(fieldError.path.slice('body.'.length));
    if (!field || result[field]) continue;
    result[field] = campaignFieldMessage(t, field, fieldError.code, fieldError.message);
  }
  return result;
}

// ---------- an own question ----------

export const OWN_TEXT_MAX = 300;

export interface OwnQuestionValues {
  theme: BankQuestion['theme'];
  kind: BankQuestion['kind'];
  text: { nl: string; en: string };
}

export function emptyOwnQuestion(): OwnQuestionValues {
  return { theme: 'customer_focus', kind: 'agree5', text: { nl: '', en: '' } };
}

/** Words in at least one language; an empty language is left out (the server falls back to the other). */
export function toOwnQuestionBody(values: OwnQuestionValues): OwnQuestionBody {
  const nl = values.text.nl.trim();
  const en = values.text.en.trim();
  return { theme: values.theme, kind: values.kind, text: { ...(nl ? { nl } : {}), ...(en ? { en } : {}) } };
}

/** Where an error about an own question belongs: 'text' (no words at all) goes to the interface language's field. */
export function ownQuestionField(path: string, language: 'nl' | 'en'): string | null {
  if (path === 'theme' || path === 'kind') return path;
  if (path === 'text.nl' || path === 'text.en') return path;
  if (path.startsWith('text')) return `text.${language}`;
  return null;
}

import type { CampaignDetail, CampaignQuestion } from '../../../contracts/questions.contract';
import { type QuestionTheme, THEME_ORDER } from '../../app/campaign-labels';
import type { AnswersBody, MirrorBody } from './questions.api';

// The answer form of a campaign and the manager's self-view: their state, and the bodies they send.
// Pure, so it is tested beside it.

/** One question's answer on the form: a score (agree5 1–5, scale10 0–10) or a text (open); null / '' is skipped. */
export interface AnswerEntry {
  value: number | null;
  text: string;
}

/** The form's answers by question id. */
export type AnswerState = Record<string, AnswerEntry>;

export const OPEN_TEXT_MAX = 2000;

export const EMPTY_ANSWER: AnswerEntry = { value: null, text: '' };

/** The scores a kind of question takes, lowest first; none for an open question. */
export function scoresOf(kind: CampaignQuestion['kind']): number[] {
  if (kind === 'agree5') return [1, 2, 3, 4, 5];
  if (kind === 'scale10') return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  return [];
}

function fits(question: Pick<CampaignQuestion, 'kind'>, value: number | null): value is number {
  return value !== null && Number.isInteger(value) && scoresOf(question.kind).includes(value);
}

/** The form filled in with what I answered before (answers to questions no longer in the campaign are left out). */
export function initialAnswers(questions: CampaignQuestion[], myAnswers: CampaignDetail['myAnswers']): AnswerState {
  const mine = new Map(myAnswers.map((a) => [a.questionId, a]));
  const state: AnswerState = {};
  for (const question of questions) {
    const answer = mine.get(question.id);
    state[question.id] =
      question.kind === 'open'
        ? { value: null, text: answer?.text ?? '' }
        : { value: answer && fits(question, answer.value) ? answer.value : null, text: '' };
  }
  return state;
}

/** Whether a question has an answer that would be sent. */
export function isAnswered(question: Pick<CampaignQuestion, 'kind'>, entry: AnswerEntry | undefined): boolean {
  if (!entry) return false;
  return question.kind === 'open' ? entry.text.trim().length > 0 : fits(question, entry.value);
}

export function answeredCount(questions: CampaignQuestion[], state: AnswerState): number {
  return questions.filter((q) => isAnswered(q, state[q.id])).length;
}

/**
 * The body of PUT answers: every answered question once, in the campaign's order; a skipped one
 * (no score, an empty text) is left out, which the server reads as skipped.
 */
export function answersPayload(questions: CampaignQuestion[], state: AnswerState): AnswersBody {
  const answers: AnswersBody['answers'] = [];
  for (const question of questions) {
    const entry = state[question.id];
    if (!entry || !isAnswered(question, entry)) continue;
    if (question.kind === 'open')
      answers.push({ questionId: question.id, text: entry.text.trim().slice(0, OPEN_TEXT_MAX) });
    else answers.push({ questionId: question.id, value: entry.value! });
  }
  return { answers };
}

/** The questions by theme, in the themes' order; within a theme in the campaign's order. Empty themes are left out. */
export function groupByTheme<T extends { theme: QuestionTheme }>(
  items: readonly T[],
): { theme: QuestionTheme; items: T[] }[] {
  return THEME_ORDER.map((theme) => ({ theme, items: items.filter((item) => item.theme === theme) })).filter(
    (group) => group.items.length > 0,
  );
}

// ---------- the mirror ----------

/** The self-view questions of the mirror, in the campaign's order. */
export function mirrorQuestions(
  campaign: Pick<CampaignDetail, 'questions' | 'mirror'>,
): (CampaignQuestion & { selfView: NonNullable<CampaignQuestion['selfView']> })[] {
  if (!campaign.mirror) return [];
  const ids = new Set(campaign.mirror.questionIds);
  return campaign.questions.filter(
    (q): q is CampaignQuestion & { selfView: NonNullable<CampaignQuestion['selfView']> } =>
      ids.has(q.id) && q.selfView !== null,
  );
}

/** My self-view scores (1–5) by question id; null where I gave none. */
export type MirrorState = Record<string, number | null>;

export function initialMirror(campaign: Pick<CampaignDetail, 'questions' | 'mirror'>): MirrorState {
  const mine = new Map((campaign.mirror?.answers ?? []).map((a) => [a.questionId, a.value]));
  const state: MirrorState = {};
  for (const question of mirrorQuestions(campaign)) {
    const value = mine.get(question.id);
    state[question.id] = value !== undefined && value >= 1 && value <= 5 ? value : null;
  }
  return state;
}

/** The body of PUT mirror: every self-view question with a score; the rest are left out. */
export function mirrorPayload(questionIds: string[], state: MirrorState): MirrorBody {
  const answers: MirrorBody['answers'] = [];
  for (const questionId of questionIds) {
    const value = state[questionId];
    if (value !== null && value !== undefined && Number.isInteger(value) && value >= 1 && value <= 5)
      answers.push({ questionId, value });
  }
  return { answers };
}

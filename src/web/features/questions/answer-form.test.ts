import { describe, expect, it } from 'vitest';
import type { CampaignQuestion } from '../../../contracts/questions.contract';
import {
  answeredCount,
  answersPayload,
  groupByTheme,
  initialAnswers,
  initialMirror,
  isAnswered,
  mirrorPayload,
  mirrorQuestions,
  scoresOf,
} from './answer-form';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function question(
  n: number,
  kind: CampaignQuestion['kind'],
  theme: CampaignQuestion['theme'] = 'values',
  selfView = false,
): CampaignQuestion {
  return {
    id: id(n),
    key: `q${n}`,
    position: n,
    theme,
    kind,
    text: { nl: `Vraag ${n}`, en: `Question ${n}` },
    selfView: selfView ? { nl: `Ik ${n}`, en: `I ${n}` } : null,
  };
}

const agree = question(1, 'agree5', 'leadership', true);
const scale = question(2, 'scale10', 'customer_focus');
const open = question(3, 'open', 'communication');
const questions = [agree, scale, open];

describe('the answer form', () => {
  it('starts empty when I have not answered', () => {
    expect(initialAnswers(questions, [])).toEqual({
      [agree.id]: { value: null, text: '' },
      [scale.id]: { value: null, text: '' },
      [open.id]: { value: null, text: '' },
    });
  });

  it('is filled in with what I answered before, leaving out what does not fit', () => {
    const state = initialAnswers(questions, [
      { questionId: agree.id, value: 4, text: null },
      { questionId: scale.id, value: 0, text: null },
      { questionId: open.id, value: null, text: 'Meer overleg' },
      { questionId: id(99), value: 3, text: null },
    ]);
    expect(state).toEqual({
      [agree.id]: { value: 4, text: '' },
      [scale.id]: { value: 0, text: '' },
      [open.id]: { value: null, text: 'Meer overleg' },
    });
    expect(initialAnswers([agree], [{ questionId: agree.id, value: 9, text: null }])[agree.id]).toEqual({
      value: null,
      text: '',
    });
  });

  it('knows the scores of each kind', () => {
    expect(scoresOf('agree5')).toEqual([1, 2, 3, 4, 5]);
    expect(scoresOf('scale10')).toHaveLength(11);
    expect(scoresOf('scale10')[0]).toBe(0);
    expect(scoresOf('open')).toEqual([]);
  });

  it('sends the answered questions only: a skipped one is left out', () => {
    const state = {
      [agree.id]: { value: null, text: '' },
      [scale.id]: { value: 0, text: '' },
      [open.id]: { value: null, text: '   ' },
    };
    expect(answersPayload(questions, state)).toEqual({ answers: [{ questionId: scale.id, value: 0 }] });
    expect(answeredCount(questions, state)).toBe(1);
  });

  it('sends scores as values and texts trimmed, in the campaign order', () => {
    const state = {
      [open.id]: { value: null, text: '  Vaker samen lunchen \n' },
      [agree.id]: { value: 5, text: '' },
      [scale.id]: { value: 10, text: '' },
    };
    expect(answersPayload(questions, state)).toEqual({
      answers: [
        { questionId: agree.id, value: 5 },
        { questionId: scale.id, value: 10 },
        { questionId: open.id, text: 'Vaker samen lunchen' },
      ],
    });
  });

  it('sends nothing when every question is skipped (which removes my answers)', () => {
    expect(answersPayload(questions, initialAnswers(questions, []))).toEqual({ answers: [] });
    expect(answersPayload(questions, {})).toEqual({ answers: [] });
  });

  it('never sends a score that does not fit the kind', () => {
    expect(isAnswered(agree, { value: 0, text: '' })).toBe(false);
    expect(isAnswered(scale, { value: 11, text: '' })).toBe(false);
    expect(isAnswered(scale, { value: 2.5, text: '' })).toBe(false);
    expect(answersPayload([agree], { [agree.id]: { value: 7, text: '' } })).toEqual({ answers: [] });
  });
});

describe('grouping by theme', () => {
  it('follows the order of the themes and keeps the order within one', () => {
    const items = [
      { key: 'a', theme: 'communication' as const },
      { key: 'b', theme: 'leadership' as const },
      { key: 'c', theme: 'communication' as const },
      { key: 'd', theme: 'mandate' as const },
    ];
    expect(groupByTheme(items)).toEqual([
      { theme: 'leadership', items: [items[1]] },
      { theme: 'mandate', items: [items[3]] },
      { theme: 'communication', items: [items[0], items[2]] },
    ]);
  });

  it('leaves out themes without questions', () => {
    expect(groupByTheme([])).toEqual([]);
  });
});

describe('the mirror', () => {
  const campaign = {
    questions,
    mirror: { questionIds: [agree.id], answers: [{ questionId: agree.id, value: 2 }] },
  };

  it('asks the self-view questions only', () => {
    expect(mirrorQuestions(campaign).map((q) => q.id)).toEqual([agree.id]);
    expect(mirrorQuestions({ questions, mirror: null })).toEqual([]);
  });

  it('starts from my own earlier self-view', () => {
    expect(initialMirror(campaign)).toEqual({ [agree.id]: 2 });
    expect(initialMirror({ ...campaign, mirror: { questionIds: [agree.id], answers: [] } })).toEqual({
      [agree.id]: null,
    });
  });

  it('sends the scored ones only', () => {
    const other = id(7);
    expect(mirrorPayload([agree.id, other], { [agree.id]: 5, [other]: null })).toEqual({
      answers: [{ questionId: agree.id, value: 5 }],
    });
    expect(mirrorPayload([agree.id], { [agree.id]: 6 })).toEqual({ answers: [] });
  });
});

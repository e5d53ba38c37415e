import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { BankQuestion } from '../../../contracts/questions.contract';
import { ApiError } from '../../app/api-client';
import {
  type CampaignFormValues,
  campaignFormErrors,
  daysBetween,
  emptyCampaign,
  moveLastDay,
  newCampaignField,
  nextRoundOn,
  orderedQuestionKeys,
  ownQuestionField,
  previewCampaign,
  reminderFits,
  reminderPayload,
  toCreateBody,
  toOwnQuestionBody,
  validateCampaign,
} from './campaign-form';

const t = ((key: string) => key) as unknown as TFunction;
const TEAM = '00000000-0000-4000-8000-000000000001';

function bankQuestion(key: string, theme: BankQuestion['theme'], own = false): BankQuestion {
  return { key, theme, kind: 'agree5', text: { nl: key, en: key }, selfView: null, own };
}

const bank = [
  bankQuestion('leadership.a', 'leadership'),
  bankQuestion('leadership.b', 'leadership'),
  bankQuestion('communication.a', 'communication'),
  bankQuestion('values.a', 'values'),
  bankQuestion('own:1', 'leadership', true),
];

function filled(changes: Partial<CampaignFormValues> = {}): CampaignFormValues {
  return { ...emptyCampaign('2026-05-04'), title: 'Voorjaar', questionKeys: ['values.a'], ...changes };
}

describe('a new campaign', () => {
  it('opens today, runs two weeks and reminds 3 days and 1 day before the end', () => {
    expect(emptyCampaign('2026-05-04')).toEqual({
      title: '',
      opensOn: '2026-05-04',
      closesOn: '2026-05-18',
      audience: 'all',
      teamIds: [],
      roles: [],
      reminderDays: ['3', '1'],
      questionKeys: [],
      repeat: 'none',
    });
    expect(emptyCampaign('2026-12-25').closesOn).toBe('2027-01-08');
  });

  it('keeps its length when the first day moves', () => {
    expect(daysBetween('2026-05-04', '2026-05-18')).toBe(14);
    expect(moveLastDay({ opensOn: '2026-05-04', closesOn: '2026-05-18' }, '2026-06-01')).toBe('2026-06-15');
    expect(moveLastDay({ opensOn: '2026-05-04', closesOn: '2026-05-18' }, '')).toBe('2026-05-18');
    expect(moveLastDay({ opensOn: '', closesOn: '2026-05-18' }, '2026-06-01')).toBe('2026-05-18');
  });

  it('reminds only on days the campaign is open', () => {
    expect(reminderFits(3, '2026-05-04', '2026-05-18')).toBe(true);
    expect(reminderFits(3, '2026-05-16', '2026-05-18')).toBe(false);
    expect(reminderFits(0, '2026-05-18', '2026-05-18')).toBe(true);
    expect(
      reminderPayload({ reminderDays: ['1', '7', '3', '3'], opensOn: '2026-05-14', closesOn: '2026-05-18' }),
    ).toEqual([3, 1]);
  });

  it('asks the chosen questions by theme, in the bank order', () => {
    expect(orderedQuestionKeys(bank, ['communication.a', 'own:1', 'leadership.a', 'gone'])).toEqual([
      'leadership.a',
      'own:1',
      'communication.a',
    ]);
  });

  it('sends everyone, or the chosen teams and roles', () => {
    expect(toCreateBody(filled({ teamIds: [TEAM], roles: ['manager'] }), bank)).toEqual({
      title: 'Voorjaar',
      opensOn: '2026-05-04',
      closesOn: '2026-05-18',
      audience: { all: true, teamIds: [], roles: [] },
      reminderDays: [3, 1],
      questionKeys: ['values.a'],
      repeat: 'none',
    });
    const body = toCreateBody(
      filled({ title: '  Najaar ', audience: 'chosen', teamIds: [TEAM, TEAM], roles: ['director', 'member'] }),
      bank,
    );
    expect(body.title).toBe('Najaar');
    expect(body.audience).toEqual({ all: false, teamIds: [TEAM], roles: ['member', 'director'] });
  });

  it('checks the form before it is sent', () => {
    expect(validateCampaign(filled(), '2026-05-04')).toEqual({});
    expect(validateCampaign(filled({ title: ' ', questionKeys: [] }), '2026-05-04')).toEqual({
      title: 'validation.required',
      questionKeys: 'questions.new.chooseQuestions',
    });
    expect(validateCampaign(filled({ opensOn: '2026-05-03' }), '2026-05-04').opensOn).toBe(
      'questions.new.fieldErrors.in_the_past',
    );
    expect(validateCampaign(filled({ closesOn: '2026-05-01', opensOn: '2026-05-05' }), '2026-05-04').closesOn).toBe(
      'questions.new.closesBeforeOpens',
    );
    expect(validateCampaign(filled({ audience: 'chosen' }), '2026-05-04').teamIds).toBe('questions.new.chooseAudience');
    expect(validateCampaign(filled({ audience: 'chosen', roles: ['member'] }), '2026-05-04')).toEqual({});
    // A recurring round must be over before the next one opens: two weeks fit a month, five weeks do not.
    expect(validateCampaign(filled({ repeat: 'monthly' }), '2026-05-04')).toEqual({});
    expect(validateCampaign(filled({ repeat: 'monthly', closesOn: '2026-06-08' }), '2026-05-04').repeat).toBe(
      'questions.new.repeatOverlaps',
    );
    expect(validateCampaign(filled({ repeat: 'quarterly', closesOn: '2026-06-08' }), '2026-05-04')).toEqual({});
    expect(
      validateCampaign(filled({ questionKeys: Array.from({ length: 61 }, (_, i) => `q${i}`) }), '2026-05-04')
        .questionKeys,
    ).toBe('questions.new.tooManyQuestions');
  });
});

describe('the server field errors of a new campaign', () => {
  const problem = (errors: { path: string; code: string; message: string }[]) =>
    new ApiError({ status: 400, code: 'validation_failed', title: 'Bad Request', errors });

  it('land on the field they are about', () => {
    expect(newCampaignField('audience.teamIds.2')).toBe('teamIds');
    expect(newCampaignField('audience.roles.0')).toBe('roles');
    expect(newCampaignField('audience')).toBe('teamIds');
    expect(newCampaignField('questionKeys.3')).toBe('questionKeys');
    expect(newCampaignField('reminderDays.0')).toBe('reminderDays');
    expect(newCampaignField('somethingElse')).toBeNull();
  });

  it('are said in words, the refinements by their field', () => {
    const error = problem([
      { path: 'body.opensOn', code: 'in_the_past', message: 'x' },
      { path: 'body.closesOn', code: 'custom', message: 'the close comes before the opening' },
      { path: 'body.questionKeys.1', code: 'unknown_question', message: 'x' },
      { path: 'body.audience.teamIds.0', code: 'unknown_team', message: 'x' },
      { path: 'body.title', code: 'too_big', message: 'x' },
      { path: 'headers.x', code: 'invalid_format', message: 'x' },
    ]);
    expect(campaignFormErrors(t, error)).toEqual({
      opensOn: 'questions.new.fieldErrors.in_the_past',
      closesOn: 'questions.new.closesBeforeOpens',
      questionKeys: 'questions.new.fieldErrors.unknown_question',
      teamIds: 'questions.new.fieldErrors.unknown_team',
      title: 'validation.too_big',
    });
    expect(campaignFormErrors(t, problem([{ path: 'body.audience', code: 'custom', message: 'x' }]))).toEqual({
      teamIds: 'questions.new.chooseAudience',
    });
    expect(campaignFormErrors(t, problem([{ path: 'body.questionKeys', code: 'custom', message: 'x' }]))).toEqual({
      questionKeys: 'questions.new.fieldErrors.duplicate',
    });
  });

  it('give nothing for an error that is not from the API', () => {
    expect(campaignFormErrors(t, new Error('boom'))).toEqual({});
  });
});

describe('an own question', () => {
  it('sends the languages that have words', () => {
    expect(toOwnQuestionBody({ theme: 'values', kind: 'open', text: { nl: ' Wat kan beter? ', en: '  ' } })).toEqual({
      theme: 'values',
      kind: 'open',
      text: { nl: 'Wat kan beter?' },
    });
    expect(toOwnQuestionBody({ theme: 'values', kind: 'scale10', text: { nl: 'a', en: 'b' } }).text).toEqual({
      nl: 'a',
      en: 'b',
    });
  });

  it('puts "no words at all" on the field of the interface language', () => {
    expect(ownQuestionField('text', 'en')).toBe('text.en');
    expect(ownQuestionField('text.nl', 'en')).toBe('text.nl');
    expect(ownQuestionField('kind', 'nl')).toBe('kind');
    expect(ownQuestionField('other', 'nl')).toBeNull();
  });
});

describe('a recurring campaign', () => {
  it('names the day the next round opens, a calendar month or quarter later', () => {
    expect(nextRoundOn({ opensOn: '2026-01-31', repeat: 'none' })).toBeNull();
    expect(nextRoundOn({ opensOn: '2026-01-31', repeat: 'monthly' })).toBe('2026-02-28');
    expect(nextRoundOn({ opensOn: '2026-11-15', repeat: 'quarterly' })).toBe('2027-02-15');
  });

  it('shows the respondent the chosen questions in the order they will be asked, with nothing answered', () => {
    const preview = previewCampaign(filled({ questionKeys: ['values.a'] }), bank, 5, 4);
    expect(preview.questions.map((q) => q.key)).toEqual(['values.a']);
    expect(preview).toMatchObject({ myStatus: 'to_answer', myAnswers: [], minGroup: 5, minTexts: 4 });
  });
});

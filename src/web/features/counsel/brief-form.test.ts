import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Need, Proposal } from '../../../contracts/counsel.contract';
import { ApiError } from '../../app/api-client';
import {
  type BriefFormValues,
  briefBody,
  briefErrorsOf,
  briefField,
  briefOf,
  checkBrief,
  emptyBrief,
  MAX_COST_CENTS,
  NO_NEED,
  needChoices,
  needIdOf,
  willBeFlagged,
} from './brief-form';

const t = ((key: string) => key) as unknown as TFunction;
const NEED = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const TODAY = '2026-05-10';

const filled = (changes: Partial<BriefFormValues> = {}): BriefFormValues => ({
  kind: 'new',
  title: ' Chat op de website ',
  need: NEED,
  proposal: 'Een chat ',
  effectCustomers: 'Sneller antwoord',
  effectStaff: 'Minder telefoon',
  cost: '1.250,50',
  costNote: ' per jaar ',
  risks: 'Niemand kijkt ernaar',
  decisionWantedBy: '2026-06-01',
  ...changes,
});

const need = (id: string, recognised: boolean, what = 'x'): Need => ({
  id,
  what,
  forWhom: 'f',
  whyNow: 'w',
  raisedByName: 'Ann',
  raisedAt: '2026-05-01T10:00:00.000Z',
  supporters: 1,
  supportedByMe: false,
  recognised,
  recognisedAt: recognised ? '2026-05-02T10:00:00.000Z' : null,
  proposals: 0,
});

describe('a new brief', () => {
  it('starts empty, with the need from the address chosen', () => {
    expect(emptyBrief()).toMatchObject({ kind: 'improve', need: '', cost: '', decisionWantedBy: '' });
    expect(emptyBrief(NEED).need).toBe(NEED);
    expect(emptyBrief(null).need).toBe('');
  });
});

describe('checkBrief', () => {
  const context = { language: 'nl' as const, today: TODAY };

  it('lets a full brief go', () => {
    expect(checkBrief(filled(), context)).toEqual({});
    expect(checkBrief(filled({ cost: '', costNote: '', decisionWantedBy: '', need: NO_NEED }), context)).toEqual({});
  });

  it('asks for every part of the brief and a choice of need', () => {
    expect(checkBrief(emptyBrief(), context)).toEqual({
      title: 'required',
      need: 'choose_need',
      proposal: 'required',
      effectCustomers: 'required',
      effectStaff: 'required',
      risks: 'required',
    });
    expect(checkBrief(filled({ title: '   ', risks: ' \n ' }), context)).toEqual({
      title: 'required',
      risks: 'required',
    });
  });

  it('refuses text longer than the server takes', () => {
    expect(
      checkBrief(filled({ title: 'x'.repeat(161), proposal: 'x'.repeat(4001), costNote: 'x'.repeat(501) }), context),
    ).toEqual({
      title: 'too_big',
      proposal: 'too_big',
      costNote: 'too_big',
    });
    expect(checkBrief(filled({ title: 'x'.repeat(160), proposal: 'x'.repeat(4000) }), context)).toEqual({});
  });

  it('reads the cost as euros in the language, and refuses what is no amount or too much', () => {
    expect(checkBrief(filled({ cost: 'veel' }), context)).toEqual({ cost: 'amount' });
    expect(checkBrief(filled({ cost: '2,505' }), context)).toEqual({ cost: 'amount' });
    expect(checkBrief(filled({ cost: '100.000.000,01' }), context)).toEqual({ cost: 'amount_too_big' });
    expect(checkBrief(filled({ cost: '100.000.000,00' }), context)).toEqual({});
    expect(checkBrief(filled({ cost: '1,250.50' }), { ...context, language: 'en' })).toEqual({});
  });

  it('refuses a day that is no day, or has passed, unless the brief already had it', () => {
    expect(checkBrief(filled({ decisionWantedBy: '1 juni' }), context)).toEqual({ decisionWantedBy: 'date' });
    expect(checkBrief(filled({ decisionWantedBy: '2026-05-09' }), context)).toEqual({
      decisionWantedBy: 'in_the_past',
    });
    expect(checkBrief(filled({ decisionWantedBy: TODAY }), context)).toEqual({});
    expect(
      checkBrief(filled({ decisionWantedBy: '2026-05-01' }), { ...context, initialDecisionWantedBy: '2026-05-01' }),
    ).toEqual({});
  });
});

describe('briefBody', () => {
  it('trims the texts and sends the euros as cents', () => {
    expect(briefBody(filled(), 'nl')).toEqual({
      kind: 'new',
      title: 'Chat op de website',
      needId: NEED,
      proposal: 'Een chat',
      effectCustomers: 'Sneller antwoord',
      effectStaff: 'Minder telefoon',
      costCents: 125050,
      costNote: 'per jaar',
      risks: 'Niemand kijkt ernaar',
      decisionWantedBy: '2026-06-01',
    });
    expect(briefBody(filled({ cost: '€ 12' }), 'nl').costCents).toBe(1200);
    expect(briefBody(filled({ cost: '12.5' }), 'en').costCents).toBe(1250);
    expect(briefBody(filled({ cost: '0' }), 'nl').costCents).toBe(0);
  });

  it('sends no need, no cost and no day as null', () => {
    expect(briefBody(filled({ need: NO_NEED, cost: '  ', decisionWantedBy: '' }), 'nl')).toMatchObject({
      needId: null,
      costCents: null,
      decisionWantedBy: null,
    });
  });
});

describe('editing a brief', () => {
  it('puts the proposal back into the form, cents as euros in the language', () => {
    const proposal = {
      kind: 'improve',
      title: 'T',
      need: { id: NEED, what: 'w', recognised: true },
      proposal: 'P',
      effectCustomers: 'C',
      effectStaff: 'S',
      costCents: 125050,
      costNote: 'N',
      risks: 'R',
      decisionWantedBy: null,
    } as Proposal;
    expect(briefOf(proposal, 'nl')).toEqual({
      kind: 'improve',
      title: 'T',
      need: NEED,
      proposal: 'P',
      effectCustomers: 'C',
      effectStaff: 'S',
      cost: '1250,50',
      costNote: 'N',
      risks: 'R',
      decisionWantedBy: '',
    });
    expect(briefOf({ ...proposal, need: null, costCents: null, decisionWantedBy: '2026-06-01' }, 'en')).toMatchObject({
      need: NO_NEED,
      cost: '',
      decisionWantedBy: '2026-06-01',
    });
    // Round trip: what the form shows is what it sends.
    expect(briefBody(briefOf(proposal, 'en'), 'en').costCents).toBe(125050);
  });
});

describe('the need a brief serves', () => {
  const needs = [need(NEED, true), need(OTHER, false)];

  it('is an id, none, or not chosen yet', () => {
    expect(needIdOf(NEED)).toBe(NEED);
    expect(needIdOf(NO_NEED)).toBeNull();
    expect(needIdOf('')).toBeUndefined();
  });

  it('is flagged when it is none or not recognised', () => {
    expect(willBeFlagged(NEED, needs)).toBe(false);
    expect(willBeFlagged(OTHER, needs)).toBe(true);
    expect(willBeFlagged(NO_NEED, needs)).toBe(true);
    expect(willBeFlagged(NO_NEED, undefined)).toBe(true);
    expect(willBeFlagged('', needs)).toBeUndefined();
    expect(willBeFlagged(NEED, undefined)).toBeUndefined();
  });

  it('is chosen from the recognised needs first', () => {
    const third = need('33333333-3333-4333-8333-333333333333', true);
    const { recognised, others } = needChoices([needs[1]!, needs[0]!, third]);
    expect(recognised.map((n) => n.id)).toEqual([NEED, third.id]);
    expect(others.map((n) => n.id)).toEqual([OTHER]);
  });
});

describe('the server field errors of a brief', () => {
  const problem = (errors: { path: string; code: string; message: string }[]) =>
    new ApiError({ status: 400, code: 'validation_failed', title: 'Bad Request', errors });

  it('land on the field the person typed in', () => {
    expect(briefField('costCents')).toBe('cost');
    expect(briefField('needId')).toBe('need');
    expect(briefField('title')).toBe('title');
    expect(briefField('decisionWantedBy')).toBe('decisionWantedBy');
    expect(briefField('author')).toBeNull();
    const error = problem([
      { path: 'body.costCents', code: 'too_big', message: 'x' },
      { path: 'body.title', code: 'too_small', message: 'x' },
      { path: 'body.decisionWantedBy', code: 'invalid_format', message: 'x' },
    ]);
    expect(briefErrorsOf(t, error)).toEqual({
      cost: 'validation.too_big',
      title: 'validation.too_small',
      decisionWantedBy: 'validation.invalid_format',
    });
  });

  it('say in words that a need no longer exists', () => {
    expect(briefErrorsOf(t, problem([{ path: 'body.needId', code: 'unknown_need', message: 'no such need' }]))).toEqual(
      { need: 'counsel.brief.unknownNeed' },
    );
  });

  it('give nothing for an error that is not about a field', () => {
    expect(briefErrorsOf(t, new ApiError({ status: 409, code: 'conflict', title: 'Conflict' }))).toEqual({});
    expect(briefErrorsOf(t, new Error('boom'))).toEqual({});
  });
});

it('takes no more than the server does', () => {
  expect(MAX_COST_CENTS).toBe(10_000_000_000);
});

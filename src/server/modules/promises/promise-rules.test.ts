import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../lib/days';
import { checkGuidelines, promiseStatus, type StepState } from './promise-rules';

const groupBooking = {
  leadTimeDays: 14,
  conditions: ['Aanbetaling van 30% ontvangen', 'Minimaal 10 kamers'],
  retired: false,
};

describe('guideline checks', () => {
  it('passes a promise that keeps to the offering', () => {
    expect(
      checkGuidelines({
        offering: groupBooking,
        today: '2026-11-22',
        dueDate: '2026-12-06',
        conditionsMet: ['Aanbetaling van 30% ontvangen', 'minimaal 10 kamers '],
      }),
    ).toEqual([]);
  });

  it('flags a lead time shorter than the offering allows', () => {
    expect(
      checkGuidelines({
        offering: groupBooking,
        today: '2026-11-22',
        dueDate: '2026-12-01',
        conditionsMet: groupBooking.conditions,
      }),
    ).toEqual([{ code: 'lead_time', days: 9, minimumDays: 14 }]);
  });

  it('flags each condition not confirmed as met', () => {
    expect(
      checkGuidelines({
        offering: groupBooking,
        today: '2026-11-22',
        dueDate: '2027-01-10',
        conditionsMet: ['Minimaal 10 kamers'],
      }),
    ).toEqual([{ code: 'condition_not_met', condition: 'Aanbetaling van 30% ontvangen' }]);
  });

  it('flags an offering outside the profile: none chosen, or one no longer offered', () => {
    expect(checkGuidelines({ offering: null, today: '2026-11-22', dueDate: '2027-01-10', conditionsMet: [] })).toEqual([
      { code: 'outside_profile' },
    ]);
    expect(
      checkGuidelines({
        offering: { ...groupBooking, retired: true },
        today: '2026-11-22',
        dueDate: '2027-01-10',
        conditionsMet: [],
      }),
    ).toEqual([{ code: 'outside_profile' }]);
  });

  it('counts days across a month end and a daylight-saving change', () => {
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-11-30', '2026-12-01')).toBe(1);
    expect(daysBetween('2026-12-01', '2026-11-30')).toBe(-1);
  });
});

describe('the state of a promise', () => {
  const step = (over: Partial<StepState> = {}): StepState => ({
    kind: 'handoff',
    dueDate: '2026-12-01',
    accepted: false,
    doneOn: null,
    ...over,
  });
  const promise = (
    steps: StepState[],
    over: { deliveredOn?: string | null; today?: string; dueDate?: string; renegotiations?: number } = {},
  ) => promiseStatus({ dueDate: '2026-12-05', deliveredOn: null, today: '2026-11-25', steps, ...over });

  it('is open until a team takes a step up, then in progress', () => {
    expect(promise([step(), step()])).toBe('open');
    expect(promise([step({ accepted: true }), step()])).toBe('in_progress');
    expect(promise([step({ doneOn: '2026-11-24' }), step()])).toBe('in_progress');
  });

  it('is kept only when every hand-off is done by its date and delivery is confirmed by the promised date', () => {
    const done = [step({ doneOn: '2026-11-30' }), step({ dueDate: '2026-12-03', doneOn: '2026-12-03' })];
    expect(promise(done, { today: '2026-12-04' })).toBe('in_progress');
    expect(promise(done, { deliveredOn: '2026-12-05', today: '2026-12-05' })).toBe('kept');
    // delivery confirmed while a hand-off is not done: not kept
    expect(promise([step({ doneOn: '2026-11-30' }), step()], { deliveredOn: '2026-12-05' })).toBe('broken');
    // delivered after the promised date
    expect(promise(done, { deliveredOn: '2026-12-06', today: '2026-12-06' })).toBe('broken');
  });

  it('a late hand-off puts the promise at risk, and one done late means it was not kept', () => {
    expect(promise([step({ dueDate: '2026-11-24' })], { today: '2026-11-25' })).toBe('at_risk');
    expect(promise([step({ dueDate: '2026-11-24', doneOn: '2026-11-25' })], { today: '2026-11-26' })).toBe('at_risk');
    expect(promise([step({ dueDate: '2026-11-24', doneOn: '2026-11-25' })], { deliveredOn: '2026-12-01' })).toBe(
      'broken',
    );
  });

  it('is broken when the promised date passes without delivery', () => {
    expect(promise([step({ doneOn: '2026-11-30' })], { today: '2026-12-06' })).toBe('broken');
  });

  it('the aftersales follow-up does not decide whether the promise was kept', () => {
    const steps = [step({ doneOn: '2026-11-30' }), step({ kind: 'aftersales', dueDate: '2026-12-12' })];
    expect(promise(steps, { deliveredOn: '2026-12-04', today: '2026-12-20' })).toBe('kept');
  });

  it('a renegotiated promise is judged against its new date', () => {
    const steps = [step({ doneOn: '2026-11-30' })];
    expect(promise(steps, { today: '2026-12-08' })).toBe('broken');
    expect(promise(steps, { today: '2026-12-08', dueDate: '2026-12-15' })).toBe('in_progress');
    expect(promise(steps, { today: '2026-12-08', dueDate: '2026-12-15', renegotiations: 1 })).toBe('renegotiated');
    expect(
      promise(steps, { today: '2026-12-08', dueDate: '2026-12-15', renegotiations: 1, deliveredOn: '2026-12-14' }),
    ).toBe('kept');
  });
});

import { describe, expect, it } from 'vitest';
import {
  defaultOwnerTeam,
  emptyPromise,
  emptyStep,
  moveStepDays,
  OUTSIDE_PROFILE,
  type PromiseFormValues,
  toCreateBody,
} from './promise-form';

const filled = (changes: Partial<PromiseFormValues> = {}): PromiseFormValues => ({
  ...emptyPromise(),
  customerName: '  Bakkerij Jansen ',
  contactPerson: ' ',
  segment: 'MKB',
  what: ' Nieuwe oven geplaatst ',
  offering: 'offering-1',
  dueDate: '2026-12-01',
  ownerTeamId: 'team-ops',
  conditionsMet: ['Getekende offerte'],
  steps: [{ ...emptyStep('team-ops', '2026-11-28'), what: ' Oven bestellen ' }],
  breachReason: ' De klant is al jaren trouw ',
  ...changes,
});

describe('the body of a new promise', () => {
  it('names a new customer, trims the texts and leaves empty extras out as null', () => {
    const body = toCreateBody(filled(), false);
    expect(body).toEqual({
      customer: { name: 'Bakkerij Jansen', contactPerson: null, segment: 'MKB' },
      what: 'Nieuwe oven geplaatst',
      ownerTeamId: 'team-ops',
      offeringId: 'offering-1',
      dueDate: '2026-12-01',
      conditionsMet: ['Getekende offerte'],
      steps: [{ teamId: 'team-ops', what: 'Oven bestellen', dueDate: '2026-11-28', ownerMemberId: null }],
    });
  });

  it('refers to a picked customer by id only', () => {
    expect(toCreateBody(filled({ customerId: 'customer-1' }), false).customer).toEqual({ id: 'customer-1' });
  });

  it('sends null for a promise outside the offer profile, without conditions', () => {
    const body = toCreateBody(filled({ offering: OUTSIDE_PROFILE }), true);
    expect(body.offeringId).toBeNull();
    expect(body.conditionsMet).toEqual([]);
    expect(body.breachReason).toBe('De klant is al jaren trouw');
  });

  it('sends the reason only when the promise breaks the profile', () => {
    expect(toCreateBody(filled(), false)).not.toHaveProperty('breachReason');
    expect(toCreateBody(filled({ breachReason: '  ' }), true)).not.toHaveProperty('breachReason');
  });

  it('never sends the row keys', () => {
    expect(Object.keys(toCreateBody(filled(), false).steps[0]!)).not.toContain('key');
  });
});

describe('the form helpers', () => {
  it('give every new step its own key', () => {
    expect(emptyStep().key).not.toBe(emptyStep().key);
  });

  it('choose a team I am not in as the delivering team, else my first team', () => {
    const teams = [{ id: 'sales' }, { id: 'ops' }, { id: 'service' }];
    expect(defaultOwnerTeam(teams, ['sales'])).toBe('ops');
    expect(defaultOwnerTeam(teams, ['sales', 'ops', 'service'])).toBe('sales');
    expect(defaultOwnerTeam([], [])).toBe('');
  });

  it('move the steps that were due on the promised day along with it', () => {
    const steps = [emptyStep('a', '2026-12-01'), emptyStep('b', '2026-11-20'), emptyStep('c', '')];
    expect(moveStepDays(steps, '2026-12-01', '2026-12-05').map((s) => s.dueDate)).toEqual([
      '2026-12-05',
      '2026-11-20',
      '2026-12-05',
    ]);
  });
});

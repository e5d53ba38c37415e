import { describe, expect, it } from 'vitest';
import { amountAboveMandate, mandateBreaches, pickMandate } from './mandates.service';

const row = (scopeType: string, scopeKey: string, budgetCents: number) =>
  ({ scopeType, scopeKey, budgetCents, maxPerExtraCents: 1000, allowedKinds: ['gift'], period: 'week' }) as Parameters<
    typeof pickMandate
  >[0][number];

describe('pickMandate', () => {
  it('takes the member over the team over the role, and the most generous among teams or roles', () => {
    const role = row('role', 'member', 500);
    const teamSmall = row('team', 't1', 1000);
    const teamBig = row('team', 't2', 3000);
    const own = row('member', 'm1', 100);
    expect(pickMandate([role, teamSmall, teamBig, own], 'm1')).toBe(own);
    expect(pickMandate([role, teamSmall, teamBig], 'm1')).toBe(teamBig);
    expect(pickMandate([role, row('role', 'manager', 900)], 'm1')?.budgetCents).toBe(900);
    expect(pickMandate([], 'm1')).toBeUndefined();
  });
});

describe('mandateBreaches', () => {
  const mandate = { budgetCents: 2500, maxPerExtraCents: 1000, allowedKinds: ['gift', 'time'] };
  it('is empty within the mandate', () => {
    expect(mandateBreaches(mandate, { costCents: 1000, kind: 'gift' }, 1500)).toEqual([]);
  });
  it('names every limit that is passed', () => {
    expect(mandateBreaches(mandate, { costCents: 1200, kind: 'discount' }, 2000)).toEqual([
      'kind_not_allowed',
      'over_max_per_extra',
      'over_budget',
    ]);
  });
  it('lets a free extra through when the budget is used up, and asks a reason for money without a mandate', () => {
    expect(mandateBreaches(mandate, { costCents: 0, kind: 'time' }, 9000)).toEqual([]);
    expect(mandateBreaches(undefined, { costCents: 0, kind: 'time' }, 0)).toEqual([]);
    expect(mandateBreaches(undefined, { costCents: 1, kind: 'time' }, 0)).toEqual(['no_mandate']);
  });
});

describe('amountAboveMandate', () => {
  const mandate = { budgetCents: 2500, maxPerExtraCents: 200, allowedKinds: ['gift', 'time'] };
  it('is the part above the maximum per extra, not the whole cost', () => {
    // € 7,50 with a maximum of € 2,00 per extra: € 5,50 above the mandate.
    expect(amountAboveMandate(mandate, { costCents: 750, kind: 'gift' }, 0)).toBe(550);
  });
  it('is the part past the budget when that is more, and never more than the cost', () => {
    expect(amountAboveMandate({ ...mandate, maxPerExtraCents: 1000 }, { costCents: 800, kind: 'gift' }, 2000)).toBe(
      300,
    );
    expect(amountAboveMandate(mandate, { costCents: 750, kind: 'gift' }, 5000)).toBe(750);
  });
  it('is the whole cost without a mandate or for a kind that is not allowed', () => {
    expect(amountAboveMandate(undefined, { costCents: 750, kind: 'gift' }, 0)).toBe(750);
    expect(amountAboveMandate(mandate, { costCents: 150, kind: 'discount' }, 0)).toBe(150);
  });
});

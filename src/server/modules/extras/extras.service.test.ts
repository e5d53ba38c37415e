import { describe, expect, it } from 'vitest';
import { mandateBreaches, pickMandate } from './extras.service';

const row = (scopeType: string, scopeKey: string, budgetCents: number) =>
  ({ scopeType, scopeKey, budgetCents, maxPerExtraCents: 1000, allowedKinds: ['gift'], period: 'week' }) as Parameters<typeof pickMandate>[0][number];

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
    expect(mandateBreaches(mandate, { costCents: 1200, kind: 'discount' }, 2000)).toEqual(['kind_not_allowed', 'over_max_per_extra', 'over_budget']);
  });
  it('lets a free extra through when the budget is used up, and asks a reason for money without a mandate', () => {
    expect(mandateBreaches(mandate, { costCents: 0, kind: 'time' }, 9000)).toEqual([]);
    expect(mandateBreaches(undefined, { costCents: 0, kind: 'time' }, 0)).toEqual([]);
    expect(mandateBreaches(undefined, { costCents: 1, kind: 'time' }, 0)).toEqual(['no_mandate']);
  });
});

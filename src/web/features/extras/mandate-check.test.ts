import { describe, expect, it } from 'vitest';
import type { MyMandate } from '../../../contracts/extras.contract';
import { mandateExcesses, usedPercent, withWaitingExtras } from './mandate-check';

const week: MyMandate = {
  mandate: {
    id: '00000000-0000-4000-8000-000000000001',
    scope: { type: 'role', role: 'member' },
    scopeName: 'Medewerker',
    period: 'week',
    budgetCents: 2500,
    maxPerExtraCents: 1000,
    allowedKinds: ['gift', 'time'],
    updatedAt: '2026-05-01T08:00:00.000Z',
  },
  periodStart: '2026-05-04T00:00:00.000Z',
  periodEnd: '2026-05-11T00:00:00.000Z',
  usedCents: 1000,
  leftCents: 1500,
};

describe('mandateExcesses', () => {
  it('is empty within the mandate', () => {
    expect(mandateExcesses(week, 'gift', 1000)).toEqual([]);
    expect(mandateExcesses(week, 'time', 0)).toEqual([]);
  });

  it('names each way the extra goes beyond it', () => {
    expect(mandateExcesses(week, 'gift', 1001)).toEqual(['overMaxPerExtra']);
    expect(mandateExcesses(week, 'discount', 0)).toEqual(['kindNotAllowed']);
    expect(mandateExcesses({ ...week, leftCents: 500 }, 'gift', 800)).toEqual(['overLeft']);
    expect(mandateExcesses({ ...week, leftCents: 500 }, 'upgrade', 1200)).toEqual([
      'kindNotAllowed',
      'overMaxPerExtra',
      'overLeft',
    ]);
  });

  it('counts what an edited extra already takes from the budget', () => {
    expect(mandateExcesses({ ...week, leftCents: 0 }, 'gift', 900, 900)).toEqual([]);
  });

  it('asks a reason for any cost when no mandate applies', () => {
    const none: MyMandate = { ...week, mandate: null, usedCents: 0, leftCents: 0 };
    expect(mandateExcesses(none, 'gift', 0)).toEqual([]);
    expect(mandateExcesses(none, 'gift', 1)).toEqual(['noMandate']);
  });
});

describe('usedPercent', () => {
  it('is the share of the budget used, capped at 100', () => {
    expect(usedPercent(week)).toBe(40);
    expect(usedPercent({ ...week, usedCents: 5000 })).toBe(100);
    expect(usedPercent({ ...week, mandate: null, usedCents: 0 })).toBe(0);
  });
});

describe('what is left with extras still waiting on the phone', () => {
  it('takes the ones logged in this period from what is left, and leaves other periods alone', () => {
    const after = withWaitingExtras(week, [
      { costCents: 250, occurredAt: '2026-05-05T10:00:00.000Z' },
      { costCents: 400, occurredAt: '2026-05-10T23:59:00.000Z' },
      { costCents: 999, occurredAt: '2026-05-03T23:59:00.000Z' },
      { costCents: 999, occurredAt: '2026-05-11T00:00:00.000Z' },
      { occurredAt: '2026-05-06T10:00:00.000Z' },
    ]);
    expect(after.leftCents).toBe(1500 - 650);
    expect(after.usedCents).toBe(1000 + 650);
    expect(mandateExcesses(after, 'gift', 900)).toEqual(['overLeft']);
    expect(withWaitingExtras(week, [])).toBe(week);
  });
});

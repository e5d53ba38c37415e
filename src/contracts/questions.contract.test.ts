import { describe, expect, it } from 'vitest';
import { addMonths, nextRoundDay } from './questions.contract';

describe('addMonths', () => {
  it('keeps the day of the month, across the end of a year', () => {
    expect(addMonths('2026-11-15', 1)).toBe('2026-12-15');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('makes the 31st the last day of a shorter month, leap years included', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-05-31', 1)).toBe('2026-06-30');
    expect(addMonths('2026-08-31', 3)).toBe('2026-11-30');
  });
});

describe('nextRoundDay', () => {
  it('is a month or a quarter later, and nothing for a round that does not come back', () => {
    expect(nextRoundDay('2026-03-31', 'monthly')).toBe('2026-04-30');
    expect(nextRoundDay('2026-03-31', 'quarterly')).toBe('2026-06-30');
    expect(nextRoundDay('2026-03-31', 'none')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseQuarter, previousQuarter, quarterOfDay } from './quarters';

describe('quarters', () => {
  it('reads a quarter and refuses anything else', () => {
    expect(parseQuarter('2026-Q4')).toEqual({ year: 2026, quarter: 4 });
    expect(parseQuarter('2026-Q5')).toBeNull();
    expect(parseQuarter('2026-q1')).toBeNull();
    expect(parseQuarter('')).toBeNull();
  });

  it('finds the quarter of a day', () => {
    expect(quarterOfDay('2026-01-01')).toBe('2026-Q1');
    expect(quarterOfDay('2026-03-31')).toBe('2026-Q1');
    expect(quarterOfDay('2026-04-01')).toBe('2026-Q2');
    expect(quarterOfDay('2026-12-31')).toBe('2026-Q4');
  });

  it('steps back a quarter, across the turn of the year', () => {
    expect(previousQuarter('2026-Q4')).toBe('2026-Q3');
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(previousQuarter('nonsense')).toBe('nonsense');
  });
});

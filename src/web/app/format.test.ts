import { describe, expect, it } from 'vitest';
import { addDays, fromZonedInput, localDay, toZonedInput } from './format';

describe('datetime-local values on the organisation clock', () => {
  it('shows a moment as the clock of the organisation reads it, summer and winter', () => {
    expect(toZonedInput(new Date('2026-07-01T10:15:00Z'), 'Europe/Amsterdam')).toBe('2026-07-01T12:15');
    expect(toZonedInput(new Date('2026-01-15T23:30:00Z'), 'Europe/Amsterdam')).toBe('2026-01-16T00:30');
    expect(toZonedInput(new Date('2026-07-01T10:15:00Z'), 'America/New_York')).toBe('2026-07-01T06:15');
  });

  it('reads a typed time on the organisation clock, whatever zone the browser is in', () => {
    expect(fromZonedInput('2026-07-01T12:15', 'Europe/Amsterdam')?.toISOString()).toBe('2026-07-01T10:15:00.000Z');
    expect(fromZonedInput('2026-01-16T00:30', 'Europe/Amsterdam')?.toISOString()).toBe('2026-01-15T23:30:00.000Z');
    expect(fromZonedInput('2026-07-01T06:15', 'America/New_York')?.toISOString()).toBe('2026-07-01T10:15:00.000Z');
  });

  it('round-trips around both daylight-saving changes', () => {
    // Amsterdam: 29 March 2026 02:00 → 03:00, 25 October 2026 03:00 → 02:00.
    for (const iso of [
      '2026-03-29T00:59:00Z',
      '2026-03-29T01:00:00Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25T01:30:00Z',
      '2026-10-25T02:00:00Z',
    ]) {
      const date = new Date(iso);
      const back = fromZonedInput(toZonedInput(date, 'Europe/Amsterdam'), 'Europe/Amsterdam');
      // The hour that happens twice reads as the first one: 02:30 is 00:30Z, never 01:30Z.
      const expected = iso === '2026-10-25T01:30:00Z' ? '2026-10-25T00:30:00.000Z' : date.toISOString();
      expect(back?.toISOString()).toBe(expected);
    }
    // 02:30 on 29 March does not exist in Amsterdam: read with the winter offset, it is 03:30 summer time.
    expect(fromZonedInput('2026-03-29T02:30', 'Europe/Amsterdam')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses what is not a date and time', () => {
    expect(fromZonedInput('', 'Europe/Amsterdam')).toBeNull();
    expect(fromZonedInput('gisteren', 'Europe/Amsterdam')).toBeNull();
    expect(fromZonedInput('2026-13-45T09:00', 'Europe/Amsterdam')).toBeNull();
    expect(fromZonedInput('2026-02-30T09:00', 'Europe/Amsterdam')).toBeNull();
    expect(fromZonedInput('2026-02-28T24:00', 'Europe/Amsterdam')).toBeNull();
  });
});

describe('days on the organisation clock', () => {
  it('reads the day where the organisation is, and counts days across month ends and clock changes', () => {
    expect(localDay(new Date('2026-11-22T23:30:00Z'), 'Europe/Amsterdam')).toBe('2026-11-23');
    expect(localDay(new Date('2026-11-22T23:30:00Z'), 'America/New_York')).toBe('2026-11-22');
    expect(addDays('2026-11-22', -27)).toBe('2026-10-26');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

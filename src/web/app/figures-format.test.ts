import { describe, expect, it } from 'vitest';
import { formatMonth, formatRating, formatShare, NO_FIGURE } from './figures-format';

describe('figures as text', () => {
  it('writes a share as a whole percentage, and a dash when there is none', () => {
    expect(formatShare(0.834, 'nl')).toBe('83%');
    expect(formatShare(1, 'en')).toBe('100%');
    expect(formatShare(0, 'nl')).toBe('0%');
    expect(formatShare(null, 'nl')).toBe(NO_FIGURE);
  });

  it('writes a rating with one decimal in the language', () => {
    expect(formatRating(4.25, 'nl')).toBe('4,3');
    expect(formatRating(4, 'en')).toBe('4.0');
    expect(formatRating(null, 'en')).toBe(NO_FIGURE);
  });

  it('names a month, with or without the year', () => {
    expect(formatMonth('2026-03-01', 'nl')).toBe('mrt 2026');
    expect(formatMonth('2026-03-01', 'en')).toBe('Mar 2026');
    expect(formatMonth('2026-05-01', 'nl', true)).toBe('mei');
    expect(formatMonth('nonsense', 'nl')).toBe('nonsense');
  });
});

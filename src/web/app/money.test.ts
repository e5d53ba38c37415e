import { describe, expect, it } from 'vitest';
import { centsToInput, parseEuroCents, parseWholeNumber } from './money';

describe('parseEuroCents', () => {
  it('reads Dutch amounts', () => {
    expect(parseEuroCents('2,50', 'nl')).toBe(250);
    expect(parseEuroCents('2,5', 'nl')).toBe(250);
    expect(parseEuroCents('0', 'nl')).toBe(0);
    expect(parseEuroCents('15', 'nl')).toBe(1500);
    expect(parseEuroCents('€ 12,00', 'nl')).toBe(1200);
    expect(parseEuroCents('1.250,75', 'nl')).toBe(125075);
    expect(parseEuroCents('1.250', 'nl')).toBe(125000);
    expect(parseEuroCents(',50', 'nl')).toBe(50);
    expect(parseEuroCents('3,', 'nl')).toBe(300);
  });

  it('accepts the other decimal mark from a phone keypad', () => {
    expect(parseEuroCents('2.50', 'nl')).toBe(250);
    expect(parseEuroCents('2,50', 'en')).toBe(250);
  });

  it('reads English amounts', () => {
    expect(parseEuroCents('2.50', 'en')).toBe(250);
    expect(parseEuroCents('1,250.75', 'en')).toBe(125075);
    expect(parseEuroCents('1,250', 'en')).toBe(125000);
  });

  it('refuses what is not an amount', () => {
    expect(parseEuroCents('', 'nl')).toBeNull();
    expect(parseEuroCents('abc', 'nl')).toBeNull();
    expect(parseEuroCents('-5', 'nl')).toBeNull();
    expect(parseEuroCents('2,505', 'nl')).toBeNull();
    expect(parseEuroCents('1,2,3', 'nl')).toBeNull();
    expect(parseEuroCents('1.2.3', 'nl')).toBeNull();
    expect(parseEuroCents('2,50,1', 'nl')).toBeNull();
    expect(parseEuroCents('.', 'nl')).toBeNull();
    expect(parseEuroCents('1.25.000,00', 'nl')).toBeNull();
  });
});

describe('centsToInput', () => {
  it('writes the decimal mark of the language', () => {
    expect(centsToInput(250, 'nl')).toBe('2,50');
    expect(centsToInput(250, 'en')).toBe('2.50');
    expect(centsToInput(0, 'nl')).toBe('0,00');
    expect(centsToInput(125005, 'nl')).toBe('1250,05');
  });

  it('round-trips', () => {
    for (const cents of [0, 1, 99, 100, 2550, 125005])
      expect(parseEuroCents(centsToInput(cents, 'nl'), 'nl')).toBe(cents);
  });
});

describe('parseWholeNumber', () => {
  it('reads whole numbers only', () => {
    expect(parseWholeNumber(' 15 ')).toBe(15);
    expect(parseWholeNumber('0')).toBe(0);
    expect(parseWholeNumber('1,5')).toBeNull();
    expect(parseWholeNumber('')).toBeNull();
  });
});

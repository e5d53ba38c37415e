import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('defuses text a spreadsheet would run as a formula, and writes numbers as numbers', () => {
    const [, row] = toCsv('en', ['Text', 'Promoter score', 'Cost'], [['=HYPERLINK("x")', -20, 12.5]]).split('\r\n');
    // A negative promoter score (campaign results run from -100 to 100) reaches the spreadsheet as a number.
    expect(row).toBe(`"'=HYPERLINK(""x"")","-20","12.5"`);
    expect(toCsv('nl', ['a'], [['-1 gast']]).split('\r\n')[1]).toBe(`"'-1 gast"`);
  });
});

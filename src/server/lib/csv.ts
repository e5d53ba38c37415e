import type { Language } from '../../contracts/constants';

/**
 * A CSV document a spreadsheet opens in the person's language: Dutch gets ; between cells (its
 * decimal comma), English a comma; a byte-order mark so accents survive. Every cell is quoted, and
 * text that a spreadsheet would run as a formula is defused.
 */
export function toCsv(language: Language, header: string[], rows: (string | number | null | undefined)[][]): string {
  const separator = language === 'nl' ? ';' : ',';
  const cell = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value);
    // A number is written as it is (-20 stays a number); text a spreadsheet would run as a formula is defused.
    const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const lines = [header, ...rows].map((row) => row.map(cell).join(separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

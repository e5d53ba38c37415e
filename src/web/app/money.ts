import type { Language } from '../../contracts/constants';

/** The most a single amount may be, as the API allows: € 10.000,00. */
export const MAX_CENTS = 1_000_000;

const DECIMAL: Record<Language, string> = { nl: ',', en: '.' };

/**
 * What a person typed as an amount in euros, in cents; null when it is not an amount. Dutch writes
 * "2,50" and "1.250,00", English "2.50" and "1,250.00"; a phone's decimal key may give the other mark,
 * so "2.50" in Dutch is also € 2,50 (a lone mark followed by one or two digits is the decimal mark).
 * "€", spaces and a leading "+" are ignored. Empty text is null too: the caller decides what it means.
 */
export function parseEuroCents(text: string, language: Language): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€+]/g, '').replace(/^eur/i, '');
  if (!cleaned || !/^[\d.,]+$/.test(cleaned) || !/\d/.test(cleaned)) return null;
  const commas = cleaned.split(',').length - 1;
  const dots = cleaned.split('.').length - 1;
  let whole = cleaned;
  let fraction = '';
  if (commas && dots) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    const decimal = cleaned.lastIndexOf(',') > cleaned.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const at = cleaned.lastIndexOf(decimal);
    if (cleaned.split(decimal).length - 1 !== 1) return null;
    whole = cleaned.slice(0, at);
    fraction = cleaned.slice(at + 1);
    if (!validGroups(whole, group)) return null;
    whole = whole.split(group).join('');
  } else if (commas || dots) {
    const mark = commas ? ',' : '.';
    const parts = cleaned.split(mark);
    const last = parts[parts.length - 1]!;
    if (parts.length === 2 && (last.length === 1 || last.length === 2 || (last.length === 0 && parts[0]!.length > 0))) {
      whole = parts[0]!;
      fraction = last;
    } else if (parts.length === 2 && last.length === 3 && mark === DECIMAL[language]) {
      return null; // "2,505" in Dutch: three decimals
    } else if (validGroups(cleaned, mark)) {
      whole = parts.join('');
    } else {
      return null;
    }
  }
  if (whole === '') whole = '0';
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction)) return null;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0') || '0');
  return Number.isSafeInteger(cents) ? cents : null;
}

/** "1.250" grouped by thousands: a first group of 1-3 digits, then groups of exactly 3. */
function validGroups(text: string, group: string): boolean {
  const parts = text.split(group);
  return /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** Cents as the text an amount field starts with: "2,50" / "2.50", without thousands marks. */
export function centsToInput(cents: number, language: Language): string {
  const whole = Math.floor(cents / 100);
  const fraction = String(cents % 100).padStart(2, '0');
  return `${whole}${DECIMAL[language]}${fraction}`;
}

/** Whole minutes from what was typed ("15", " 15 "); null when it is not a whole number. */
export function parseWholeNumber(text: string): number | null {
  const cleaned = text.trim();
  if (!/^\d{1,6}$/.test(cleaned)) return null;
  return Number(cleaned);
}

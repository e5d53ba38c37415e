import type { Language } from '../../contracts/constants';

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

export function localeOf(language: Language): string {
  return LOCALES[language];
}

export interface DateFormatOptions {
  /** IANA time zone, e.g. the organisation's; the browser's when left out. */
  timeZone?: string;
  withTime?: boolean;
}

/** A date (and time) in the way the language writes it: "3 mei 2026" / "3 May 2026". */
export function formatDate(value: string | Date, language: Language, options: DateFormatOptions = {}): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: 'medium',
    ...(options.withTime ? { timeStyle: 'short' } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

/** An amount in euros: "€ 12,50" / "€12.50". Amounts are in euros, not cents. */
export function formatMoney(amount: number, language: Language, currency: 'EUR' = 'EUR'): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency }).format(amount);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

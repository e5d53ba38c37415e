import type { Language } from '../../contracts/constants';

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

export function localeOf(language: Language): string {
  return LOCALES[language];
}

// Making an Intl formatter costs far more than using one (tens of milliseconds on a slow phone), and a
// screen formats many amounts and dates: each formatter is made once per language and options.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  make: new (locale: string, options: object) => T,
  locale: string,
  options: object,
): T {
  const key = `${make.name}|${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key) as T | undefined;
  if (!found) {
    found = new make(locale, options);
    formatters.set(key, found);
  }
  return found;
}

export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}) =>
  formatter(Intl.NumberFormat, locale, options);
export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions = {}) =>
  formatter(Intl.DateTimeFormat, locale, options);

export interface DateFormatOptions {
  /** IANA time zone, e.g. the organisation's; the browser's when left out. */
  timeZone?: string;
  withTime?: boolean;
}

/** A date (and time) in the way the language writes it: "3 mei 2026" / "3 May 2026". */
export function formatDate(value: string | Date, language: Language, options: DateFormatOptions = {}): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return formatter(Intl.DateTimeFormat, localeOf(language), {
    dateStyle: 'medium',
    ...(options.withTime ? { timeStyle: 'short' } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

/** An amount in euros: "€ 12,50" / "€12.50". Amounts are in euros, not cents. */
export function formatMoney(amount: number, language: Language, currency: 'EUR' = 'EUR'): string {
  return formatter(Intl.NumberFormat, localeOf(language), { style: 'currency', currency }).format(amount);
}

export function formatNumber(value: number, language: Language): string {
  return formatter(Intl.NumberFormat, localeOf(language), {}).format(value);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** How far the wall clock of `timeZone` runs ahead of UTC at `date`, in milliseconds. */
function zoneOffsetMs(date: Date, timeZone: string): number {
  const parts = formatter(Intl.DateTimeFormat, 'en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/**
 * "2026-05-04T09:30": what an <input type="datetime-local"> holds, as the clock reads in `timeZone`
 * (the organisation's), not in the browser's zone, so a phone set to another zone still logs hotel time.
 */
export function toZonedInput(date: Date, timeZone: string): string {
  const wall = new Date(date.getTime() + zoneOffsetMs(date, timeZone));
  return `${wall.getUTCFullYear()}-${pad2(wall.getUTCMonth() + 1)}-${pad2(wall.getUTCDate())}T${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
}

/**
 * The moment a datetime-local value means on the clock of `timeZone`; null when it is not a date.
 * In the hour skipped when clocks go forward, the time is read with the offset before the change;
 * in the hour that happens twice, the first one is taken.
 */
export function fromZonedInput(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    check.getUTCHours() !== h ||
    check.getUTCMinutes() !== mi
  )
    return null;
  // The offset may differ on either side of the moment: try both and keep the earliest that fits.
  const before = wall - zoneOffsetMs(new Date(wall - 86_400_000), timeZone);
  const after = wall - zoneOffsetMs(new Date(wall + 86_400_000), timeZone);
  const fits = [before, after].filter((t) => t + zoneOffsetMs(new Date(t), timeZone) === wall).sort((a, b) => a - b);
  return new Date(fits[0] ?? before);
}

/** A day ("2026-11-22") as the clock of `timeZone` reads it at `date`. */
export function localDay(date: Date, timeZone: string): string {
  return dateTimeFormat('sv-SE', { timeZone }).format(date);
}

/** The day `days` after (or before) a day, both as "2026-11-22". */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

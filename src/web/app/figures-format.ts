import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/constants';
import { dateTimeFormat, formatNumber, localeOf, numberFormat } from './format';
import { isLanguage } from './i18n';

// The figures of the chain screens as text: shares as whole percentages, ratings with one decimal,
// months by name. A figure that cannot be computed (nothing to count) is a dash.

export const NO_FIGURE = '–';

/** 0.834 → "83%"; null → "–". */
export function formatShare(share: number | null, language: Language): string {
  if (share === null || !Number.isFinite(share)) return NO_FIGURE;
  return numberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** 4.25 → "4,3" / "4.3"; null → "–". */
export function formatRating(average: number | null, language: Language): string {
  if (average === null || !Number.isFinite(average)) return NO_FIGURE;
  return numberFormat(localeOf(language), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);
}

/** A month's first day ("2026-03-01") as "mrt 2026" / "Mar 2026", or "mrt" / "Mar" when short. */
export function formatMonth(month: string, language: Language, short = false): string {
  const date = new Date(`${month.slice(0, 7)}-01T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return dateTimeFormat(localeOf(language), { month: 'short', ...(short ? {} : { year: 'numeric' }), timeZone: 'UTC' })
    .format(date)
    .replace('.', '');
}

/** The formatters above in the interface's language. */
export function useFigureFormat() {
  const { i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'nl';
  return {
    share: (share: number | null) => formatShare(share, language),
    rating: (average: number | null) => formatRating(average, language),
    count: (n: number) => formatNumber(n, language),
    month: (month: string, short = false) => formatMonth(month, language, short),
  };
}

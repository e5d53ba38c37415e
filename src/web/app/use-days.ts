import { useTranslation } from 'react-i18next';
import { addDays, formatDate, localDay } from './format';
import { isLanguage } from './i18n';
import { useMe } from './use-me';

/** A day ("2026-12-01") is a date on the organisation's calendar, not a moment: never shift it by a zone. */
export function formatDay(day: string, language: 'nl' | 'en'): string {
  return formatDate(`${day}T12:00:00Z`, language, { timeZone: 'UTC' });
}

/** Today on the organisation's clock, and days written in the interface's language. */
export function useDays() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const timeZone = useMe()?.activeOrganization?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const today = localDay(new Date(), timeZone);
  return {
    today,
    day: (day: string) => formatDay(day, language),
    addDays,
  };
}

export const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

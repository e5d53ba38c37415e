import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney, formatNumber, fromZonedInput, toZonedInput } from './format';
import { isLanguage } from './i18n';
import { useMe } from './use-me';

/** Dates in the interface's language and the organisation's time zone; amounts in euros. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const timeZone = useMe()?.activeOrganization?.timeZone;
  const clock = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    date: (value: string | Date, withTime = false) =>
      formatDate(value, language, { withTime, ...(timeZone ? { timeZone } : {}) }),
    money: (amount: number) => formatMoney(amount, language),
    number: (value: number) => formatNumber(value, language),
    /** A moment as a datetime-local input value on the organisation's clock. */
    dateInput: (value: Date) => toZonedInput(value, clock),
    /** A datetime-local input value read on the organisation's clock; null when it is no date. */
    parseDateInput: (value: string) => fromZonedInput(value, clock),
  };
}

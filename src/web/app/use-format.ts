import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney, formatNumber } from './format';
import { isLanguage } from './i18n';
import { useMe } from './use-me';

/** Dates in the interface's language and the organisation's time zone; amounts in euros. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const timeZone = useMe()?.activeOrganization?.timeZone;
  return {
    date: (value: string | Date, withTime = false) => formatDate(value, language, { withTime, ...(timeZone ? { timeZone } : {}) }),
    money: (amount: number) => formatMoney(amount, language),
    number: (value: number) => formatNumber(value, language),
  };
}

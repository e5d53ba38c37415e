import { useEffect } from 'react';
import { applyLanguage, currentLanguage } from './i18n';
import { useMe } from './use-me';

/** Signed in, the interface speaks the person's language (their choice, else their organisation's). */
export function LanguageSync() {
  const language = useMe()?.language;
  useEffect(() => {
    if (language && language !== currentLanguage()) void applyLanguage(language);
  }, [language]);
  return null;
}

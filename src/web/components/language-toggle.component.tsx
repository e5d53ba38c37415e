import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/constants';
import { applyLanguage, storeLanguage } from '../app/i18n';

const CHOICES: { value: Language; short: string; name: string }[] = [
  { value: 'nl', short: 'NL', name: 'Nederlands' },
  { value: 'en', short: 'EN', name: 'English' },
];

/** Switch the interface to the chosen language now, and remember it in this browser (before sign-in). */
export function chooseLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  return applyLanguage(language);
}

/**
 * NL / EN for the pages one sees before signing in. Two plain buttons (no extra component code, so
 * the sign-in page stays small); the pressed one is the current language.
 */
export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  return (
    <Group gap={4} role="group" aria-label={t('common.language')}>
      {CHOICES.map((choice) => {
        const active = i18n.language === choice.value;
        return (
          <Button
            key={choice.value}
            size="compact-md"
            variant={active ? 'filled' : 'subtle'}
            aria-pressed={active}
            lang={choice.value}
            title={choice.name}
            onClick={() => void chooseLanguage(choice.value)}
          >
            {choice.short}
          </Button>
        );
      })}
    </Group>
  );
}

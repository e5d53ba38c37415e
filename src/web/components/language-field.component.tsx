import { Group, Radio } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/constants';
import { chooseLanguage } from './language-toggle.component';

/**
 * Nederlands / English inside a form whose account will remember it (sign-up, invitation). It is the
 * same choice as the NL / EN toggle above the form: both switch the interface at once.
 */
export function LanguageField({ label }: { label: string }) {
  const { i18n } = useTranslation();
  // The choice shows at once, also while the other catalog is still loading.
  const [pending, setPending] = useState<Language | null>(null);
  return (
    <Radio.Group
      label={label}
      value={pending ?? (i18n.language === 'en' ? 'en' : 'nl')}
      onChange={(value) => {
        const language: Language = value === 'en' ? 'en' : 'nl';
        setPending(language);
        void chooseLanguage(language).finally(() => setPending(null));
      }}
    >
      <Group gap="lg" mt={8}>
        <Radio value="nl" label="Nederlands" size="md" />
        <Radio value="en" label="English" size="md" />
      </Group>
    </Radio.Group>
  );
}

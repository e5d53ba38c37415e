import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useId } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../contracts/common.contract';
import { applyLanguage, storeLanguage } from '../app/i18n';

/**
 * Nederlands / English, for pages where nobody is signed in: switches the interface at once and
 * remembers the choice in this browser. With `withLabel` it shows a visible label ("Taal").
 */
export function LanguageToggle({ withLabel = false, fullWidth = false }: { withLabel?: boolean; fullWidth?: boolean }) {
  const { t, i18n } = useTranslation();
  const labelId = useId();
  const value: Language = i18n.language === 'en' ? 'en' : 'nl';
  const onChange = (next: string) => {
    if (next !== 'nl' && next !== 'en') return;
    storeLanguage(next);
    void applyLanguage(next);
  };
  const control = (
    <SegmentedControl
      value={value}
      onChange={onChange}
      fullWidth={fullWidth}
      {...(withLabel ? { 'aria-labelledby': labelId } : { 'aria-label': t('common.language') })}
      data={[
        { value: 'nl', label: withLabel ? 'Nederlands' : 'NL' },
        { value: 'en', label: withLabel ? 'English' : 'EN' },
      ]}
    />
  );
  if (!withLabel) return control;
  return (
    <Stack gap={4}>
      <Text id={labelId} size="sm" fw={500}>
        {t('common.language')}
      </Text>
      {control}
    </Stack>
  );
}

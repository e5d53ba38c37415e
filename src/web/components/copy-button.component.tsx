import { Button, type ButtonProps } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/**
 * Copies a text (a link, an address) with one tap and says so for a moment. `context` names what it
 * copies for screen readers ("Adres kopiëren: Receptie"). Without a clipboard (a plain-http address)
 * nothing happens: show the text beside it so it can be selected by hand.
 */
export function CopyButton({
  value,
  label,
  context,
  size = 'sm',
  variant = 'default',
}: { value: string; label?: string; context?: string } & Pick<ButtonProps, 'size' | 'variant'>) {
  const { t } = useTranslation();
  const clipboard = useClipboard({ timeout: 2000 });
  return (
    <Button
      size={size}
      variant={clipboard.copied ? 'light' : variant}
      color={clipboard.copied ? 'green' : undefined}
      onClick={() => clipboard.copy(value)}
      aria-label={context ? `${label ?? t('common.copy')}: ${context}` : undefined}
      aria-live="polite"
    >
      {clipboard.copied ? t('common.copied') : (label ?? t('common.copy'))}
    </Button>
  );
}

import { Button, Group, Stack, Text } from '@mantine/core';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Touchpoint, VoiceLink } from '../../../contracts/voice.contract';
import { qrSvgUrl } from '../../app/voice-links';
import { Modal } from '../../components/modal.component';
import { useIsPhone } from '../../components/use-is-phone';

// The printable card of a touchpoint: the organisation's name, the touchpoint, the QR code big, and one
// short line. While this modal is open, printing shows only that card (the app and the modal are hidden).

const SHEET_CLASS = 'kw-touchpoint-sheet';
const PRINT_CSS = `
.${SHEET_CLASS} { display: none; }
@media print {
  @page { margin: 15mm; }
  body > *:not(.${SHEET_CLASS}) { display: none !important; }
  .${SHEET_CLASS} { display: flex !important; }
}`;

/** The card itself, for the screen (a preview) and for paper. */
function Sheet({
  orgName,
  name,
  link,
  print = false,
}: {
  orgName: string;
  name: string;
  link: VoiceLink;
  print?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div
      className={print ? SHEET_CLASS : undefined}
      style={{
        flexDirection: 'column',
        alignItems: 'center',
        textAlign: 'center',
        gap: print ? '8mm' : 12,
        padding: print ? '10mm 0' : 24,
        color: '#000',
        background: '#fff',
        border: print ? undefined : '1px solid var(--mantine-color-gray-3)',
        borderRadius: print ? undefined : 8,
        fontFamily: 'var(--mantine-font-family), sans-serif',
        ...(print ? {} : { display: 'flex' }),
      }}
    >
      <div style={{ fontSize: print ? '16pt' : 16, fontWeight: 600 }}>{orgName}</div>
      <div style={{ fontSize: print ? '28pt' : 24, fontWeight: 700, lineHeight: 1.2, overflowWrap: 'anywhere' }}>
        {name}
      </div>
      <img
        src={qrSvgUrl(link.id)}
        alt={t('voice.link.qrAlt')}
        width={print ? undefined : 280}
        height={print ? undefined : 280}
        style={
          print
            ? { width: '120mm', height: '120mm' }
            : { width: '100%', maxWidth: 280, height: 'auto', aspectRatio: '1 / 1' }
        }
      />
      <div style={{ fontSize: print ? '22pt' : 20, fontWeight: 600 }}>{t('voice.print.instruction')}</div>
    </div>
  );
}

export function TouchpointPrintModal({
  touchpoint,
  orgName,
  opened,
  onClose,
}: {
  touchpoint: Touchpoint;
  orgName: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const link = touchpoint.link;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('voice.print.title', { name: touchpoint.name })}
      fullScreen={phone}
      size="md"
    >
      {link && (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('voice.print.intro')}
          </Text>
          <Sheet orgName={orgName} name={touchpoint.name} link={link} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button onClick={() => window.print()}>{t('voice.print.print')}</Button>
          </Group>
          {opened &&
            createPortal(
              <>
                <style>{PRINT_CSS}</style>
                <Sheet orgName={orgName} name={touchpoint.name} link={link} print />
              </>,
              document.body,
            )}
        </Stack>
      )}
    </Modal>
  );
}

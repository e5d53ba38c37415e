import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Modal } from './modal.component';
import { ProblemAlert } from './problem-alert.component';

export interface ConfirmModalProps {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  /** red for what cannot easily be undone */
  color?: string;
  loading?: boolean;
  error?: unknown;
  /** The mutation the confirmation starts: it shows its progress and error, and is reset when the question is put away. */
  mutation?: { isPending: boolean; error: unknown; reset: () => void };
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmModal({
  opened,
  title,
  message,
  confirmLabel,
  color = 'red',
  loading,
  error,
  mutation,
  onConfirm,
  onClose,
}: ConfirmModalProps) {
  const { t } = useTranslation();
  const close = () => {
    mutation?.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={title}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text size="sm">{message}</Text>
        <ProblemAlert error={error ?? mutation?.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          {/* The darker shade: white on Mantine's default red or blue is below WCAG AA contrast. */}
          <Button
            color={color.includes('.') ? color : `${color}.8`}
            loading={loading ?? mutation?.isPending}
            onClick={onConfirm}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Button, Group, Popover, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../app/use-format';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { BellButton } from './notifications-bell.component';
import {
  type AppNotification,
  aboveMandateData,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
} from './notifications.api';

/** The bell with its dropdown; loaded the first time the bell is pressed. */
export function NotificationsPopover({ opened, onToggle, onClose }: { opened: boolean; onToggle: () => void; onClose: () => void }) {
  const phone = useIsPhone();
  return (
    <Popover opened={opened} onChange={(o) => (o ? undefined : onClose())} onDismiss={onClose} position="bottom-end" width={phone ? 'calc(100vw - 16px)' : 380} shadow="md" withinPortal>
      <Popover.Target>
        <BellButton opened={opened} onClick={onToggle} />
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <NotificationList onDone={onClose} />
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationList({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const markAll = useMarkAllNotificationsRead();
  const items = notifications.data?.items ?? [];
  return (
    <Stack gap={0}>
      <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Text fw={700}>{t('notifications.title')}</Text>
        {(notifications.data?.unread ?? 0) > 0 && (
          <Button size="compact-sm" variant="subtle" loading={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('notifications.markAllRead')}
          </Button>
        )}
      </Group>
      {notifications.error ? (
        <div style={{ padding: 12 }}>
          <ProblemAlert error={notifications.error} />
        </div>
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm" p="md">
          {notifications.data ? t('notifications.none') : t('common.loading')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah="min(70vh, 480px)" type="auto">
          <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((notification) => (
              <li key={notification.id}>
                <NotificationItem notification={notification} onDone={onDone} />
              </li>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
      <ProblemAlert error={markAll.error} />
    </Stack>
  );
}

function NotificationItem({ notification, onDone }: { notification: AppNotification; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const markRead = useMarkNotificationRead();
  const data = aboveMandateData(notification);
  const unread = !notification.readAt;
  const open = () => {
    if (unread) markRead.mutate(notification.id);
    onDone();
    if (data) navigate(`/extras/${data.extraId}`);
  };
  return (
    <UnstyledButton
      onClick={open}
      w="100%"
      px="md"
      py="sm"
      style={{
        display: 'block',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        background: unread ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <span
          aria-hidden="true"
          style={{
            width: 8,
            height: 8,
            marginTop: 7,
            borderRadius: 4,
            flexShrink: 0,
            background: unread ? 'var(--mantine-color-blue-6)' : 'transparent',
          }}
        />
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={unread ? 600 : 400}>
            {data
              ? t('notifications.aboveMandate', { name: data.memberName, amount: format.money(data.costCents / 100), reason: data.reason })
              : t('notifications.other')}
          </Text>
          {data?.occasion && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {data.occasion}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {format.date(notification.createdAt, true)}
            {unread && <VisuallyHidden> · {t('notifications.unread')}</VisuallyHidden>}
          </Text>
        </div>
      </Group>
    </UnstyledButton>
  );
}

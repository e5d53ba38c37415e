import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type OutboxItem, problemAsError, removeFromOutbox, useOutbox } from '../../app/outbox';
import { useOnline, useSendOutbox } from '../../app/outbox-sender.component';
import { problemMessage } from '../../app/problem';
import { useFormat } from '../../app/use-format';
import { ConfirmModalWhenOpen } from '../../components/confirm-when-open.component';

/**
 * The extras on this phone that have not reached the server: waiting ones go by themselves; a refused
 * one says why and can be fixed (back into the form) or discarded. Nothing leaves this list silently.
 */
export function OutboxList({ memberId, onFix }: { memberId: string; onFix: (item: OutboxItem) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const online = useOnline();
  const items = useOutbox(memberId);
  const [discarding, setDiscarding] = useState<OutboxItem | null>(null);
  const [sending, setSending] = useState(false);
  const send = useSendOutbox(memberId);
  if (items.length === 0) return null;
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="outbox-title">
      <Stack gap="xs">
        <div>
          <Text id="outbox-title" fw={600} size="sm">
            {t('offline.outboxTitle')}
          </Text>
          <Text size="xs" c="gray.7">
            {t('offline.outboxText')}
          </Text>
        </div>
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item) => (
            <li key={item.key}>
              <Paper p="xs" radius="sm" bg={item.state === 'refused' ? 'red.0' : 'gray.0'}>
                <Text size="sm" lineClamp={2}>
                  {item.label}
                </Text>
                <Text size="xs" c={item.state === 'refused' ? 'red.9' : 'dark.6'}>
                  {item.state === 'refused'
                    ? t('offline.refused', {
                        reason: item.problem ? problemMessage(t, problemAsError(item.problem)) : '',
                      })
                    : t('offline.waiting')}
                  {' · '}
                  {t('offline.savedAt', { when: format.date(item.savedAt, true) })}
                </Text>
                {item.state === 'refused' && (
                  <Group gap="xs" mt={6}>
                    <Button size="compact-sm" color="blue.8" onClick={() => onFix(item)}>
                      {t('offline.fix')}
                    </Button>
                    <Button size="compact-sm" variant="default" onClick={() => setDiscarding(item)}>
                      {t('offline.discard')}
                    </Button>
                  </Group>
                )}
              </Paper>
            </li>
          ))}
        </Stack>
        {online && items.some((i) => i.state === 'waiting') && (
          <Group>
            <Button
              size="compact-sm"
              variant="light"
              loading={sending}
              onClick={async () => {
                setSending(true);
                await send().finally(() => setSending(false));
              }}
            >
              {t('offline.sendNow')}
            </Button>
          </Group>
        )}
      </Stack>
      <ConfirmModalWhenOpen
        opened={!!discarding}
        title={t('offline.discardTitle')}
        message={t('offline.discardText', { label: discarding?.label ?? '' })}
        confirmLabel={t('offline.discard')}
        onConfirm={() => {
          if (discarding) removeFromOutbox(memberId, discarding.key);
          setDiscarding(null);
        }}
        onClose={() => setDiscarding(null)}
      />
    </Paper>
  );
}

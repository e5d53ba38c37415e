import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookEvent, type WebhookFormat } from '../../../contracts/constants';
import type { WebhookEndpoint } from '../../../contracts/integrations.contract';
import { useFormat } from '../../app/use-format';
import { ConfirmModal } from '../../components/confirm.modal';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { ApiKeysSection } from './api-keys.component';
import { useCreateWebhook, useDeleteWebhook, useDeliveries, useUpdateWebhook, useWebhooks } from './integrations.api';
import { ShownOnce } from './shown-once.component';

const EVENT_KEYS = {
  'extra.logged': 'integrations.events.extra_logged',
  'reaction.very_negative': 'integrations.events.reaction_very_negative',
  'promise.at_risk': 'integrations.events.promise_at_risk',
  'promise.broken': 'integrations.events.promise_broken',
  'proposal.decided': 'integrations.events.proposal_decided',
  'thanks.given': 'integrations.events.thanks_given',
} as const satisfies Record<WebhookEvent, string>;
const eventKey = (event: WebhookEvent) => EVENT_KEYS[event];
const DELIVERY_COLOR = { pending: 'yellow', delivered: 'green', failed: 'red' } as const;

/** The administrator's integrations: webhook addresses with their delivery logs, and API keys. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('integrations.title')} description={t('integrations.intro')} />
      <Stack gap="xl">
        <WebhooksSection />
        <ApiKeysSection />
      </Stack>
    </>
  );
}

// ---------- webhooks ----------

function WebhooksSection() {
  const { t } = useTranslation();
  const webhooks = useWebhooks();
  const [secret, setSecret] = useState<string | null>(null);
  const [removing, setRemoving] = useState<WebhookEndpoint | null>(null);
  return (
    <section aria-labelledby="webhooks-title">
      <Text component="h2" id="webhooks-title" fw={700} size="xl" mb="xs">
        {t('integrations.webhooks.title')}
      </Text>
      <Text size="sm" c="dimmed" mb="md">
        {t('integrations.webhooks.intro')}
      </Text>
      <Stack>
        <WebhookForm onCreated={setSecret} />
        {secret && (
          <ShownOnce
            title={t('integrations.webhooks.secretTitle')}
            note={t('integrations.webhooks.secretNote')}
            value={secret}
          />
        )}
        {webhooks.error ? (
          <ProblemAlert error={webhooks.error} />
        ) : !webhooks.data ? (
          <PageLoader />
        ) : webhooks.data.length === 0 ? (
          <Text c="dimmed">{t('integrations.webhooks.empty')}</Text>
        ) : (
          webhooks.data.map((webhook) => <WebhookCard key={webhook.id} webhook={webhook} onRemove={setRemoving} />)
        )}
      </Stack>
      <RemoveWebhookModal webhook={removing} onClose={() => setRemoving(null)} />
    </section>
  );
}

function WebhookForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const create = useCreateWebhook();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('klantwerk');
  const [events, setEvents] = useState<WebhookEvent[]>([]);
  const [tried, setTried] = useState(false);
  const urlOk = /^https?:\/\/\S+$/i.test(url.trim());
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Text component="h3" id={headingId} fw={700} size="lg" mb="xs">
        {t('integrations.webhooks.add')}
      </Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (!name.trim() || !urlOk || events.length === 0) return;
          create.mutate(
            { name: name.trim(), url: url.trim(), format, events },
            {
              onSuccess: (created) => {
                onCreated(created.secret);
                setName('');
                setUrl('');
                setEvents([]);
                setTried(false);
              },
            },
          );
        }}
      >
        <Stack>
          <ProblemAlert error={create.error} />
          <Group align="flex-start" grow preventGrowOverflow={false}>
            <TextInput
              label={t('integrations.webhooks.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              maxLength={80}
              error={tried && !name.trim() ? t('validation.required') : undefined}
            />
            <Select
              label={t('integrations.webhooks.format')}
              data={WEBHOOK_FORMATS.map((f) => ({ value: f, label: t(`integrations.formats.${f}`) }))}
              value={format}
              onChange={(value) => value && setFormat(value as WebhookFormat)}
              allowDeselect={false}
            />
          </Group>
          <TextInput
            label={t('integrations.webhooks.url')}
            type="url"
            inputMode="url"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            required
            maxLength={2000}
            error={tried && !urlOk ? t('integrations.webhooks.urlInvalid') : undefined}
          />
          <Checkbox.Group
            label={t('integrations.webhooks.eventsLabel')}
            value={events}
            onChange={(value) => setEvents(value as WebhookEvent[])}
            required
            error={tried && events.length === 0 ? t('validation.required') : undefined}
          >
            <Stack gap="xs" mt="xs">
              {WEBHOOK_EVENTS.map((e) => (
                <Checkbox key={e} value={e} label={t(eventKey(e))} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('integrations.webhooks.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function WebhookCard({
  webhook,
  onRemove,
}: {
  webhook: WebhookEndpoint;
  onRemove: (webhook: WebhookEndpoint) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateWebhook();
  const [showLog, setShowLog] = useState(false);
  const headingId = useId();
  let host = webhook.url;
  try {
    host = new URL(webhook.url).host;
  } catch {
    // shown as it is
  }
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text component="h3" id={headingId} fw={700}>
              {webhook.name}
            </Text>
            <Badge variant="light" color={webhook.active ? 'green' : 'gray'}>
              {webhook.active ? t('integrations.webhooks.active') : t('integrations.webhooks.paused')}
            </Badge>
            <Badge variant="outline" color="gray">
              {t(`integrations.formats.${webhook.format}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {host}
          </Text>
          <Text size="sm">{webhook.events.map((e) => t(eventKey(e))).join(' · ')}</Text>
          <Text size="sm" c="dimmed">
            {webhook.lastDelivery
              ? t('integrations.webhooks.lastDelivery', {
                  status: t(`integrations.webhooks.status.${webhook.lastDelivery.status}`),
                })
              : t('integrations.webhooks.noDeliveries')}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button size="sm" variant="default" aria-expanded={showLog} onClick={() => setShowLog((v) => !v)}>
            {showLog ? t('integrations.webhooks.hideLog') : t('integrations.webhooks.showLog')}
          </Button>
          <Button
            size="sm"
            variant="default"
            loading={update.isPending}
            aria-label={`${webhook.active ? t('integrations.webhooks.pause') : t('integrations.webhooks.resume')}: ${webhook.name}`}
            onClick={() => update.mutate({ id: webhook.id, active: !webhook.active })}
          >
            {webhook.active ? t('integrations.webhooks.pause') : t('integrations.webhooks.resume')}
          </Button>
          <Button
            size="sm"
            variant="subtle"
            color="red"
            aria-label={`${t('integrations.webhooks.remove')}: ${webhook.name}`}
            onClick={() => onRemove(webhook)}
          >
            {t('integrations.webhooks.remove')}
          </Button>
        </Group>
      </Group>
      <ProblemAlert error={update.error} />
      {showLog && <DeliveryLog webhook={webhook} />}
    </Card>
  );
}

function DeliveryLog({ webhook }: { webhook: WebhookEndpoint }) {
  const { t } = useTranslation();
  const format = useFormat();
  const deliveries = useDeliveries(webhook.id);
  if (deliveries.error) return <ProblemAlert error={deliveries.error} />;
  if (!deliveries.data) return <PageLoader />;
  if (deliveries.data.length === 0)
    return (
      <Text size="sm" c="dimmed" mt="sm">
        {t('integrations.webhooks.noDeliveries')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={720} mt="sm">
      <Table verticalSpacing="xs">
        <caption>
          <VisuallyHidden>{t('integrations.webhooks.log.title', { name: webhook.name })}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('integrations.webhooks.log.event')}</Table.Th>
            <Table.Th>{t('integrations.webhooks.log.status')}</Table.Th>
            <Table.Th>{t('integrations.webhooks.log.attempts')}</Table.Th>
            <Table.Th>{t('integrations.webhooks.log.code')}</Table.Th>
            <Table.Th>{t('integrations.webhooks.log.lastTry')}</Table.Th>
            <Table.Th>{t('integrations.webhooks.log.nextTry')}</Table.Th>
            <Table.Th>{t('integrations.webhooks.log.error')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.data.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{t(eventKey(d.event))}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={DELIVERY_COLOR[d.status]}>
                  {t(`integrations.webhooks.status.${d.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{d.attempts}</Table.Td>
              <Table.Td>{d.statusCode ?? '–'}</Table.Td>
              <Table.Td>{d.lastAttemptAt ? format.date(d.lastAttemptAt, true) : '–'}</Table.Td>
              <Table.Td>{d.nextAttemptAt ? format.date(d.nextAttemptAt, true) : '–'}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{d.lastError ?? '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RemoveWebhookModal({ webhook, onClose }: { webhook: WebhookEndpoint | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteWebhook();
  return (
    <ConfirmModal
      opened={!!webhook}
      title={t('integrations.webhooks.remove')}
      message={t('integrations.webhooks.removeConfirm', { name: webhook?.name })}
      confirmLabel={t('integrations.webhooks.remove')}
      mutation={remove}
      onClose={onClose}
      onConfirm={() => webhook && remove.mutate(webhook.id, { onSuccess: onClose })}
    />
  );
}

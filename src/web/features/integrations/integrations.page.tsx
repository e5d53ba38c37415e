import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  API_KEY_MAX_DAYS,
  ROLES,
  type Role,
  WEBHOOK_EVENTS,
  WEBHOOK_FORMATS,
  type WebhookEvent,
  type WebhookFormat,
} from '../../../contracts/constants';
import type { ApiKey, WebhookEndpoint } from '../../../contracts/integrations.contract';
import { useFormat } from '../../app/use-format';
import { ConfirmModal } from '../../components/confirm.modal';
import { CopyButton } from '../../components/copy-button.component';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import {
  useApiKeys,
  useCreateApiKey,
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useRevokeApiKey,
  useUpdateWebhook,
  useWebhooks,
} from './integrations.api';

const EVENT_KEYS = {
  'extra.logged': 'integrations.events.extra_logged',
  'reaction.very_negative': 'integrations.events.reaction_very_negative',
  'promise.at_risk': 'integrations.events.promise_at_risk',
  'promise.broken': 'integrations.events.promise_broken',
  'proposal.decided': 'integrations.events.proposal_decided',
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

/** A secret shown once, with a way to copy it. */
function ShownOnce({ title, note, value }: { title: string; note: string; value: string }) {
  return (
    <Alert color="blue" title={title}>
      <Stack gap="xs">
        <Text size="sm">{note}</Text>
        <Code block data-testid="shown-once" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          {value}
        </Code>
        <Group>
          <CopyButton value={value} context={title} />
        </Group>
      </Stack>
    </Alert>
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

// ---------- API keys ----------

function ApiKeysSection() {
  const { t } = useTranslation();
  const keys = useApiKeys();
  const [shown, setShown] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  return (
    <section aria-labelledby="api-keys-title">
      <Text component="h2" id="api-keys-title" fw={700} size="xl" mb="xs">
        {t('integrations.keys.title')}
      </Text>
      <Text size="sm" c="dimmed" mb="md">
        {t('integrations.keys.intro')}
      </Text>
      <Stack>
        <ApiKeyForm onCreated={setShown} />
        {shown && (
          <ShownOnce title={t('integrations.keys.keyTitle')} note={t('integrations.keys.keyNote')} value={shown} />
        )}
        {keys.error ? (
          <ProblemAlert error={keys.error} />
        ) : !keys.data ? (
          <PageLoader />
        ) : keys.data.length === 0 ? (
          <Text c="dimmed">{t('integrations.keys.empty')}</Text>
        ) : (
          <ApiKeysTable keys={keys.data} onRevoke={setRevoking} />
        )}
      </Stack>
      <RevokeKeyModal apiKey={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}

function ApiKeyForm({ onCreated }: { onCreated: (key: string) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [days, setDays] = useState<number | string>(90);
  const [tried, setTried] = useState(false);
  const daysOk = typeof days === 'number' && days >= 1 && days <= API_KEY_MAX_DAYS;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Text component="h3" id={headingId} fw={700} size="lg" mb="xs">
        {t('integrations.keys.add')}
      </Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (!name.trim() || !daysOk) return;
          create.mutate(
            { name: name.trim(), role, expiresInDays: days as number },
            {
              onSuccess: (created) => {
                onCreated(created.key);
                setName('');
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
              label={t('integrations.keys.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              maxLength={80}
              error={tried && !name.trim() ? t('validation.required') : undefined}
            />
            <Select
              label={t('integrations.keys.role')}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={role}
              onChange={(value) => value && setRole(value as Role)}
              allowDeselect={false}
            />
            <NumberInput
              label={t('integrations.keys.expires')}
              value={days}
              onChange={setDays}
              min={1}
              max={API_KEY_MAX_DAYS}
              allowDecimal={false}
              required
              error={tried && !daysOk ? t('validation.required') : undefined}
            />
          </Group>
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('integrations.keys.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function ApiKeysTable({ keys, onRevoke }: { keys: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = Date.now();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('integrations.keys.name')}</Table.Th>
            <Table.Th>{t('integrations.keys.role')}</Table.Th>
            <Table.Th>{t('integrations.keys.status')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => {
            const expired = new Date(key.expiresAt).getTime() <= now;
            return (
              <Table.Tr key={key.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {key.name}
                  </Text>
                  <Text size="sm" c="dimmed">
                    <Code>{key.prefix}…</Code>
                    {key.createdByName ? ` · ${t('integrations.keys.madeBy', { name: key.createdByName })}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`roles.${key.role}`)}</Table.Td>
                <Table.Td>
                  {key.revokedAt ? (
                    <Badge color="gray" variant="light">
                      {t('integrations.keys.revoked')}
                    </Badge>
                  ) : expired ? (
                    <Badge color="gray" variant="light">
                      {t('integrations.keys.expired')}
                    </Badge>
                  ) : (
                    <Text size="sm">{t('integrations.keys.expiresAt', { date: format.date(key.expiresAt) })}</Text>
                  )}
                  <Text size="sm" c="dimmed">
                    {key.lastUsedAt
                      ? t('integrations.keys.lastUsed', { date: format.date(key.lastUsedAt, true), count: key.uses })
                      : t('integrations.keys.neverUsed')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {!key.revokedAt && !expired && (
                    <Button
                      size="sm"
                      variant="subtle"
                      color="red"
                      aria-label={`${t('integrations.keys.revoke')}: ${key.name}`}
                      onClick={() => onRevoke(key)}
                    >
                      {t('integrations.keys.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RevokeKeyModal({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiKey();
  return (
    <ConfirmModal
      opened={!!apiKey}
      title={t('integrations.keys.revoke')}
      message={t('integrations.keys.revokeConfirm', { name: apiKey?.name })}
      confirmLabel={t('integrations.keys.revoke')}
      mutation={revoke}
      onClose={onClose}
      onConfirm={() => apiKey && revoke.mutate(apiKey.id, { onSuccess: onClose })}
    />
  );
}

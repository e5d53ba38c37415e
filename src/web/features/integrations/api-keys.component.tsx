import { Badge, Button, Card, Code, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_KEY_MAX_DAYS, ROLES, type Role } from '../../../contracts/constants';
import type { ApiKey } from '../../../contracts/integrations.contract';
import { useFormat } from '../../app/use-format';
import { ConfirmModal } from '../../components/confirm.modal';
import { ListTable } from '../../components/list-table.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from './integrations.api';
import { ShownOnce } from './shown-once.component';

/* The integrations page's API keys: the list, making one (shown once) and revoking one. */

export function ApiKeysSection() {
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
    <ListTable
      minWidth={640}
      columns={[t('integrations.keys.name'), t('integrations.keys.role'), t('integrations.keys.status')]}
    >
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
    </ListTable>
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

import { Alert, Badge, Button, Code, Group, Image, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterDevice, CreatedCounterDevice } from '../../../contracts/workforce.contract';
import { useFormat } from '../../app/use-format';
import { ConfirmModal } from '../../components/confirm.modal';
import { ListTable } from '../../components/list-table.component';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { NameTeamForm } from './name-team-form.component';
import { useCounterDevices, useCreateCounterDevice, useRevokeCounterDevice } from './workforce.api';

const STATUS_COLOR = { waiting: 'yellow', active: 'green', revoked: 'gray' } as const;

/** The administrator's counter devices: make one for a team (a set-up link for the tablet), see them, revoke them. */
export function CounterDevicesPage() {
  const { t } = useTranslation();
  const devices = useCounterDevices();
  const [created, setCreated] = useState<CreatedCounterDevice | null>(null);
  const [revoking, setRevoking] = useState<CounterDevice | null>(null);
  return (
    <>
      <PageHeader title={t('workforce.devices.title')} description={t('workforce.devices.intro')} />
      <Stack gap="xl">
        <CreateDeviceForm onCreated={setCreated} />
        {created && (
          <Alert color="blue" title={t('workforce.devices.setupTitle', { name: created.device.name })}>
            <Group align="flex-start" wrap="nowrap">
              <Image
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(created.qrSvg)}`}
                alt={t('workforce.devices.qrAlt')}
                w={140}
                h={140}
              />
              <Stack gap="xs" style={{ minWidth: 0 }}>
                <Text size="sm">{t('workforce.devices.setupText')}</Text>
                <Code block data-testid="setup-url" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {created.setupUrl}
                </Code>
              </Stack>
            </Group>
          </Alert>
        )}
        <section aria-labelledby="devices-list">
          <Text component="h2" id="devices-list" fw={700} size="lg" mb="sm">
            {t('workforce.devices.listTitle')}
          </Text>
          {devices.error ? (
            <ProblemAlert error={devices.error} />
          ) : !devices.data ? (
            <PageLoader />
          ) : devices.data.length === 0 ? (
            <Text c="dimmed">{t('workforce.devices.none')}</Text>
          ) : (
            <DevicesTable devices={devices.data} onRevoke={setRevoking} />
          )}
        </section>
      </Stack>
      <RevokeModal device={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}

function CreateDeviceForm({ onCreated }: { onCreated: (created: CreatedCounterDevice) => void }) {
  const { t } = useTranslation();
  const create = useCreateCounterDevice();
  return (
    <NameTeamForm
      title={t('workforce.devices.newTitle')}
      nameLabel={t('workforce.devices.name')}
      namePlaceholder={t('workforce.devices.namePlaceholder')}
      nameMax={80}
      teamLabel={t('workforce.devices.team')}
      submitLabel={t('workforce.devices.create')}
      pending={create.isPending}
      error={create.error}
      onSubmit={(values, done) =>
        create.mutate(values, {
          onSuccess: (result) => {
            onCreated(result);
            done();
          },
        })
      }
    />
  );
}

function DevicesTable({ devices, onRevoke }: { devices: CounterDevice[]; onRevoke: (device: CounterDevice) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ListTable
      minWidth={560}
      columns={[t('workforce.devices.name'), t('workforce.devices.team'), t('workforce.devices.state')]}
    >
      {devices.map((device) => (
        <Table.Tr key={device.id}>
          <Table.Td>
            <Text size="sm" fw={600}>
              {device.name}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{device.team.name}</Text>
          </Table.Td>
          <Table.Td>
            <Badge color={STATUS_COLOR[device.status]} variant="light">
              {t(`workforce.devices.status.${device.status}`)}
            </Badge>
            {device.lastUsedAt && (
              <Text size="sm" c="dimmed">
                {t('workforce.devices.lastUsed', { date: format.date(device.lastUsedAt, true) })}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            {device.status !== 'revoked' && (
              <Button
                size="sm"
                variant="subtle"
                color="red.8"
                aria-label={`${t('workforce.devices.revoke')}: ${device.name}`}
                onClick={() => onRevoke(device)}
              >
                {t('workforce.devices.revoke')}
              </Button>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

function RevokeModal({ device, onClose }: { device: CounterDevice | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeCounterDevice();
  return (
    <ConfirmModal
      opened={!!device}
      title={t('workforce.devices.revokeTitle')}
      message={t('workforce.devices.revokeText', { name: device?.name })}
      confirmLabel={t('workforce.devices.revoke')}
      mutation={revoke}
      onClose={onClose}
      onConfirm={() => device && revoke.mutate(device.id, { onSuccess: onClose })}
    />
  );
}

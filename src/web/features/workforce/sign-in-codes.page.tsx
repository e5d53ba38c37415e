import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CodeHolder, IssuedCode, IssuedCounterPin } from '../../../contracts/workforce.contract';
import { useFormat } from '../../app/use-format';
import { useRoles } from '../../app/use-me';
import { ConfirmModal } from '../../components/confirm.modal';
import { ListTable } from '../../components/list-table.component';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { CodeCards } from './code-cards.component';
import { NameTeamForm } from './name-team-form.component';
import { useAddCodePerson, useCodeHolders, useIssuePin, useReplaceCode } from './workforce.api';

/** Staff without an e-mail address: add them with a name and a team, print their card, replace a lost one. */
export function SignInCodesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const holders = useCodeHolders();
  const [issued, setIssued] = useState<IssuedCode[]>([]);
  const [replacing, setReplacing] = useState<CodeHolder | null>(null);
  const [pinFor, setPinFor] = useState<CodeHolder | null>(null);
  const [pin, setPin] = useState<IssuedCounterPin | null>(null);

  return (
    <>
      <PageHeader
        title={t('workforce.codes.title')}
        description={t('workforce.codes.intro')}
        actions={
          roles.includes('admin') ? (
            <Anchor component={Link} to="/members/import">
              {t('workforce.import.title')}
            </Anchor>
          ) : undefined
        }
      />
      <Stack gap="xl">
        <AddPersonForm onIssued={(code) => setIssued([code])} />
        <CodeCards codes={issued} />
        {pin && (
          <Alert color="blue" role="status" title={t('workforce.codes.pinTitle', { name: pin.name })}>
            <Text size="xl" fw={700} ff="monospace" data-testid="counter-pin">
              {pin.pin}
            </Text>
            <Text size="sm" mt="xs">
              {t('workforce.codes.pinOnce')}
            </Text>
            <Group mt="xs">
              <Button size="sm" variant="default" onClick={() => setPin(null)}>
                {t('workforce.codes.pinDone')}
              </Button>
            </Group>
          </Alert>
        )}
        <section aria-labelledby="code-holders">
          <Text component="h2" id="code-holders" fw={700} size="lg" mb="sm">
            {t('workforce.codes.listTitle')}
          </Text>
          {holders.error ? (
            <ProblemAlert error={holders.error} />
          ) : !holders.data ? (
            <PageLoader />
          ) : holders.data.length === 0 ? (
            <Text c="dimmed">{t('workforce.codes.none')}</Text>
          ) : (
            <HoldersTable holders={holders.data} onReplace={setReplacing} onPin={setPinFor} />
          )}
        </section>
      </Stack>
      <ReplaceModal holder={replacing} onClose={() => setReplacing(null)} onIssued={(code) => setIssued([code])} />
      <PinModal holder={pinFor} onClose={() => setPinFor(null)} onIssued={setPin} />
    </>
  );
}

function AddPersonForm({ onIssued }: { onIssued: (code: IssuedCode) => void }) {
  const { t } = useTranslation();
  const add = useAddCodePerson();
  return (
    <NameTeamForm
      title={t('workforce.codes.addTitle')}
      nameLabel={t('workforce.codes.name')}
      nameMax={120}
      teamLabel={t('workforce.codes.team')}
      submitLabel={t('workforce.codes.add')}
      pending={add.isPending}
      error={add.error}
      onSubmit={(values, done) =>
        add.mutate(values, {
          onSuccess: (code) => {
            onIssued(code);
            done();
          },
        })
      }
    />
  );
}

function HoldersTable({
  holders,
  onReplace,
  onPin,
}: {
  holders: CodeHolder[];
  onReplace: (holder: CodeHolder) => void;
  onPin: (holder: CodeHolder) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ListTable
      minWidth={560}
      columns={[t('workforce.codes.name'), t('workforce.codes.teams'), t('workforce.codes.card')]}
    >
      {holders.map((holder) => (
        <Table.Tr key={holder.memberId}>
          <Table.Td>
            <Text size="sm" fw={600}>
              {holder.name}
            </Text>
            {holder.status === 'deactivated' && <Badge color="gray">{t('workforce.codes.deactivated')}</Badge>}
          </Table.Td>
          <Table.Td>
            <Text size="sm">{holder.teams.map((team) => team.name).join(', ')}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">
              {holder.issuedAt
                ? t('workforce.codes.issuedOn', { date: format.date(holder.issuedAt) })
                : t('workforce.codes.noCard')}
            </Text>
            <Text size="sm" c="dimmed">
              {holder.hasCounterPin ? t('workforce.codes.hasPin') : t('workforce.codes.noPin')}
            </Text>
          </Table.Td>
          <Table.Td>
            {holder.status === 'active' && (
              <Group gap="xs" wrap="wrap">
                <Button
                  size="sm"
                  variant="light"
                  aria-label={`${t('workforce.codes.replace')}: ${holder.name}`}
                  onClick={() => onReplace(holder)}
                >
                  {t('workforce.codes.replace')}
                </Button>
                <Button
                  size="sm"
                  variant="default"
                  aria-label={`${t(holder.hasCounterPin ? 'workforce.codes.pinReset' : 'workforce.codes.pinMake')}: ${holder.name}`}
                  onClick={() => onPin(holder)}
                >
                  {t(holder.hasCounterPin ? 'workforce.codes.pinReset' : 'workforce.codes.pinMake')}
                </Button>
              </Group>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

function ReplaceModal({
  holder,
  onClose,
  onIssued,
}: {
  holder: CodeHolder | null;
  onClose: () => void;
  onIssued: (code: IssuedCode) => void;
}) {
  const { t } = useTranslation();
  const replace = useReplaceCode();
  return (
    <ConfirmModal
      opened={!!holder}
      title={t('workforce.codes.replaceTitle')}
      message={t('workforce.codes.replaceText', { name: holder?.name })}
      confirmLabel={t('workforce.codes.replace')}
      mutation={replace}
      onClose={onClose}
      onConfirm={() => {
        if (!holder) return;
        replace.mutate(holder.memberId, {
          onSuccess: (code) => {
            onIssued(code);
            onClose();
          },
        });
      }}
    />
  );
}

function PinModal({
  holder,
  onClose,
  onIssued,
}: {
  holder: CodeHolder | null;
  onClose: () => void;
  onIssued: (pin: IssuedCounterPin) => void;
}) {
  const { t } = useTranslation();
  const issue = useIssuePin();
  return (
    <ConfirmModal
      opened={!!holder}
      title={t(holder?.hasCounterPin ? 'workforce.codes.pinResetTitle' : 'workforce.codes.pinMakeTitle')}
      message={t(holder?.hasCounterPin ? 'workforce.codes.pinResetText' : 'workforce.codes.pinMakeText', {
        name: holder?.name,
      })}
      confirmLabel={t(holder?.hasCounterPin ? 'workforce.codes.pinReset' : 'workforce.codes.pinMake')}
      mutation={issue}
      onClose={onClose}
      onConfirm={() => {
        if (!holder) return;
        issue.mutate(holder.memberId, {
          onSuccess: (pin) => {
            onIssued(pin);
            onClose();
          },
        });
      }}
    />
  );
}

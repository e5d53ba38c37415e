import { Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../../../contracts/org.contract';
import { useInvitations, useResendInvitation, useRevokeInvitation } from '../../app/invitations.api';
import { useFormat } from '../../app/use-format';
import { ConfirmModal } from '../../components/confirm.modal';
import { CopyButton } from '../../components/copy-button.component';
import { InviteMemberModal } from '../../components/invite-member.modal';
import { ListTable } from '../../components/list-table.component';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { RoleBadges } from '../../components/role-badges.component';
import { useIsPhone } from '../../components/use-is-phone';

export function InvitationsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const invitations = useInvitations();
  const [inviteOpened, invite] = useDisclosure(false);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  return (
    <>
      <PageHeader
        title={t('invitations.title')}
        description={t('invitations.intro')}
        actions={<Button onClick={invite.open}>{t('members.invite')}</Button>}
      />
      {invitations.error ? (
        <ProblemAlert error={invitations.error} />
      ) : !invitations.data ? (
        <PageLoader />
      ) : invitations.data.length === 0 ? (
        <Text c="dimmed">{t('invitations.none')}</Text>
      ) : phone ? (
        <Stack gap="sm">
          {invitations.data.map((invitation) => (
            <Card key={invitation.id} withBorder padding="md" component="article">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {invitation.email}
              </Text>
              {invitation.name && <Text size="sm">{invitation.name}</Text>}
              <Stack gap={6} mt="xs">
                <RoleBadges roles={invitation.roles} />
                <InvitationTeams invitation={invitation} />
                <InvitationDates invitation={invitation} />
              </Stack>
              <Group mt="sm">
                <InvitationButtons invitation={invitation} onRevoke={setRevoking} />
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <ListTable minWidth={720} columns={[t('invitations.person'), t('members.roles'), t('invitations.dates')]}>
          {invitations.data.map((invitation) => (
            <Table.Tr key={invitation.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {invitation.email}
                </Text>
                {invitation.name && (
                  <Text size="sm" c="dimmed">
                    {invitation.name}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <RoleBadges roles={invitation.roles} />
                  <InvitationTeams invitation={invitation} />
                </Stack>
              </Table.Td>
              <Table.Td>
                <InvitationDates invitation={invitation} />
              </Table.Td>
              <Table.Td>
                <InvitationButtons invitation={invitation} onRevoke={setRevoking} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <InviteMemberModal opened={inviteOpened} onClose={invite.close} />
      <RevokeModal invitation={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}

function InvitationTeams({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation();
  return (
    <Text size="sm">
      {invitation.teams.length
        ? t('invitations.teams', { teams: invitation.teams.map((team) => team.name).join(', ') })
        : t('invitations.noTeam')}
    </Text>
  );
}

/** "Sent on …" only when the e-mail really went; otherwise the link is ready to pass on. */
function InvitationDates({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={4} align="flex-start">
      <Text size="sm" c="dimmed">
        {invitation.mailedAt
          ? t('invitations.mailedOn', { date: format.date(invitation.mailedAt) })
          : t('invitations.madeOn', { date: format.date(invitation.createdAt) })}
        <br />
        {t('invitations.expiresOn', { date: format.date(invitation.expiresAt) })}
      </Text>
      {invitation.link && (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={600}>
            {t('invitations.linkReady')}
          </Text>
          <CopyButton value={invitation.link} context={invitation.email} size="compact-sm" />
        </Group>
      )}
    </Stack>
  );
}

function InvitationButtons({
  invitation,
  onRevoke,
}: {
  invitation: Invitation;
  onRevoke: (invitation: Invitation) => void;
}) {
  const { t } = useTranslation();
  const resend = useResendInvitation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="sm"
        variant="light"
        loading={resend.isPending}
        aria-label={`${invitation.link ? t('invitations.newLink') : t('invitations.resend')}: ${invitation.email}`}
        onClick={() =>
          resend.mutate(invitation.id, {
            onSuccess: (again) =>
              notifySuccess(
                again.mailedAt
                  ? t('invitations.resent', { email: invitation.email })
                  : t('invitations.newLinkReady', { email: invitation.email }),
              ),
            onError: (error) => notifyError(t, error),
          })
        }
      >
        {invitation.link ? t('invitations.newLink') : t('invitations.resend')}
      </Button>
      <Button
        size="sm"
        variant="subtle"
        color="red"
        aria-label={`${t('invitations.revoke')}: ${invitation.email}`}
        onClick={() => onRevoke(invitation)}
      >
        {t('invitations.revoke')}
      </Button>
    </Group>
  );
}

function RevokeModal({ invitation, onClose }: { invitation: Invitation | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeInvitation();
  return (
    <ConfirmModal
      opened={!!invitation}
      title={t('invitations.revokeTitle')}
      message={t('invitations.revokeText', { email: invitation?.email })}
      confirmLabel={t('invitations.revoke')}
      mutation={revoke}
      onClose={onClose}
      onConfirm={() => {
        if (!invitation) return;
        revoke.mutate(invitation.id, {
          onSuccess: () => {
            notifySuccess(t('invitations.revoked', { email: invitation.email }));
            onClose();
          },
        });
      }}
    />
  );
}

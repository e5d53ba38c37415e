import { Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../contracts/org.contract';
import { hasEmailAddress } from '../../../contracts/workforce.contract';
import {
  type MemberStatusFilter,
  useDownloadMemberData,
  useEraseMember,
  useMembers,
  useSetMemberActive,
} from '../../app/members.api';
import { ACCESS } from '../../app/nav.config';
import { useHasRole, useSignedInMe } from '../../app/use-me';
import { ConfirmModal } from '../../components/confirm.modal';
import { InviteMemberModal } from '../../components/invite-member.modal';
import { ListTable } from '../../components/list-table.component';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { RoleBadges } from '../../components/role-badges.component';
import { useIsPhone } from '../../components/use-is-phone';
import { MemberEditModal } from './member-edit.modal';

export function MembersPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const canManage = useHasRole(ACCESS.manageMembers);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [status, setStatus] = useState<MemberStatusFilter>('active');
  const members = useMembers(status, q);
  const [inviteOpened, invite] = useDisclosure(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const [toggling, setToggling] = useState<Member | null>(null);
  const [erasing, setErasing] = useState<Member | null>(null);
  const download = useDownloadMemberData();

  const actions: MemberActions | null = canManage
    ? {
        onEdit: setEditing,
        onToggleActive: setToggling,
        onErase: setErasing,
        onDownload: (member) =>
          download.mutate(member, {
            onSuccess: () => notifySuccess(t('members.dataDownloaded', { name: member.name })),
          }),
        downloading: download.isPending ? download.variables?.id : undefined,
      }
    : null;

  return (
    <>
      <PageHeader
        title={t('members.title')}
        description={canManage ? undefined : t('members.readOnly')}
        actions={canManage && <Button onClick={invite.open}>{t('members.invite')}</Button>}
      />
      <Group align="flex-end" gap="md" mb="md" wrap="wrap">
        <TextInput
          label={t('members.search')}
          placeholder={t('members.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
          style={{ flex: '1 1 16rem' }}
        />
        <NativeSelect
          label={t('members.status')}
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value as MemberStatusFilter)}
          data={[
            { value: 'active', label: t('members.statusActive') },
            { value: 'deactivated', label: t('members.statusDeactivated') },
            { value: 'all', label: t('members.statusAll') },
          ]}
          style={{ flex: phone ? '1 1 100%' : '0 0 12rem' }}
        />
      </Group>

      <ProblemAlert error={download.error} />
      {members.error ? (
        <ProblemAlert error={members.error} />
      ) : !members.data ? (
        <PageLoader />
      ) : members.data.length === 0 ? (
        <Text c="dimmed">{q ? t('members.noneFound') : t('members.none')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
            {t('members.count', { count: members.data.length })}
          </Text>
          {phone ? (
            <MemberCards members={members.data} actions={actions} />
          ) : (
            <MemberTable members={members.data} actions={actions} showStatus={status === 'all'} />
          )}
        </>
      )}

      {canManage && (
        <>
          <InviteMemberModal opened={inviteOpened} onClose={invite.close} />
          <MemberEditModal member={editing} onClose={() => setEditing(null)} />
          <ToggleActiveModal member={toggling} onClose={() => setToggling(null)} />
          <EraseMemberModal member={erasing} onClose={() => setErasing(null)} />
        </>
      )}
    </>
  );
}

interface MemberActions {
  onEdit: (member: Member) => void;
  onToggleActive: (member: Member) => void;
  onErase: (member: Member) => void;
  onDownload: (member: Member) => void;
  /** The member whose file is being taken. */
  downloading: string | undefined;
}

function StatusBadge({ member }: { member: Member }) {
  const { t } = useTranslation();
  if (member.erasedAt) {
    return (
      <Badge color="dark" variant="light" size="sm">
        {t('members.erasedOne')}
      </Badge>
    );
  }
  return member.status === 'active' ? (
    <Badge color="green" variant="light" size="sm">
      {t('members.statusActiveOne')}
    </Badge>
  ) : (
    <Badge color="gray" variant="light" size="sm">
      {t('members.statusDeactivatedOne')}
    </Badge>
  );
}

function TeamNames({ member }: { member: Member }) {
  const { t } = useTranslation();
  if (member.teams.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Text size="sm">
      {member.teams.map((team, index) => (
        <span key={team.id}>
          {index > 0 && ', '}
          {team.name}
          {team.isManager && ` (${t('teams.manager').toLowerCase()})`}
        </span>
      ))}
    </Text>
  );
}

function MemberButtons({ member, actions }: { member: Member; actions: MemberActions }) {
  const { t } = useTranslation();
  // An erased person is only a placeholder: there is nothing left to change or to take.
  if (member.erasedAt) return null;
  const left = member.status === 'deactivated';
  return (
    <Group gap="xs" wrap="wrap">
      <Button
        size="sm"
        variant="light"
        onClick={() => actions.onEdit(member)}
        aria-label={t('members.editTitle', { name: member.name })}
      >
        {t('common.edit')}
      </Button>
      <Button
        size="sm"
        variant="subtle"
        color={member.status === 'active' ? 'red' : 'green'}
        onClick={() => actions.onToggleActive(member)}
        aria-label={`${member.status === 'active' ? t('members.deactivate') : t('members.reactivate')}: ${member.name}`}
      >
        {member.status === 'active' ? t('members.deactivate') : t('members.reactivate')}
      </Button>
      {left && (
        <>
          <Button
            size="sm"
            variant="subtle"
            loading={actions.downloading === member.id}
            onClick={() => actions.onDownload(member)}
            aria-label={t('members.downloadDataLabel', { name: member.name })}
          >
            {t('members.downloadData')}
          </Button>
          <Button
            size="sm"
            variant="subtle"
            color="red"
            onClick={() => actions.onErase(member)}
            aria-label={t('members.eraseLabel', { name: member.name })}
          >
            {t('members.erase')}
          </Button>
        </>
      )}
    </Group>
  );
}

function MemberTable({
  members,
  actions,
  showStatus,
}: {
  members: Member[];
  actions: MemberActions | null;
  showStatus: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ListTable
      minWidth={720}
      actions={!!actions}
      highlightOnHover
      columns={[
        t('members.name'),
        t('members.jobTitle'),
        t('members.roles'),
        t('members.teams'),
        ...(showStatus ? [t('members.status')] : []),
      ]}
    >
      {members.map((member) => (
        <Table.Tr key={member.id}>
          <Table.Td>
            <Text size="sm" fw={600}>
              {member.name}
            </Text>
            <Text size="xs" c="dimmed">
              {hasEmailAddress(member.email) ? member.email : t('members.noEmail')}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{member.jobTitle ?? '—'}</Text>
          </Table.Td>
          <Table.Td miw={150}>
            <RoleBadges roles={member.roles} />
          </Table.Td>
          <Table.Td>
            <TeamNames member={member} />
          </Table.Td>
          {showStatus && (
            <Table.Td>
              <StatusBadge member={member} />
            </Table.Td>
          )}
          {actions && (
            <Table.Td>
              <MemberButtons member={member} actions={actions} />
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </ListTable>
  );
}

function MemberCards({ members, actions }: { members: Member[]; actions: MemberActions | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {members.map((member) => (
        <Card key={member.id} withBorder padding="md" component="article">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <div style={{ minWidth: 0 }}>
              <Text fw={600}>{member.name}</Text>
              <Text size="sm" c="dimmed" truncate="end">
                {hasEmailAddress(member.email) ? member.email : t('members.noEmail')}
              </Text>
              {member.jobTitle && <Text size="sm">{member.jobTitle}</Text>}
            </div>
            {member.status !== 'active' && <StatusBadge member={member} />}
          </Group>
          <Stack gap={6} mt="sm">
            <RoleBadges roles={member.roles} />
            <TeamNames member={member} />
          </Stack>
          {actions && (
            <Group mt="sm">
              <MemberButtons member={member} actions={actions} />
            </Group>
          )}
        </Card>
      ))}
    </Stack>
  );
}

function ToggleActiveModal({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const setActive = useSetMemberActive();
  const deactivating = member?.status === 'active';
  return (
    <ConfirmModal
      opened={!!member}
      title={
        deactivating
          ? t('members.deactivateTitle', { name: member?.name })
          : t('members.reactivateTitle', { name: member?.name })
      }
      message={
        deactivating
          ? t('members.deactivateText', { name: member?.name, organization: me.activeOrganization?.name })
          : t('members.reactivateText', { name: member?.name })
      }
      confirmLabel={deactivating ? t('members.deactivate') : t('members.reactivate')}
      color={deactivating ? 'red' : 'green'}
      mutation={setActive}
      onClose={onClose}
      onConfirm={() => {
        if (!member) return;
        setActive.mutate(
          { memberId: member.id, active: !deactivating },
          {
            onSuccess: (updated) => {
              notifySuccess(
                deactivating
                  ? t('members.deactivated', { name: updated.name })
                  : t('members.reactivated', { name: updated.name }),
              );
              onClose();
            },
          },
        );
      }}
    />
  );
}

/** Erasing cannot be undone: the modal says what goes and what stays. */
function EraseMemberModal({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const { t } = useTranslation();
  const erase = useEraseMember();
  return (
    <ConfirmModal
      opened={!!member}
      title={t('members.eraseTitle', { name: member?.name })}
      message={t('members.eraseText', { name: member?.name })}
      confirmLabel={t('members.eraseConfirm')}
      mutation={erase}
      onClose={onClose}
      onConfirm={() => {
        if (!member) return;
        erase.mutate(member.id, {
          onSuccess: () => {
            notifySuccess(t('members.erased', { name: member.name }));
            onClose();
          },
        });
      }}
    />
  );
}

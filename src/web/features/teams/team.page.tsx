import { Anchor, Badge, Button, Checkbox, Group, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { TeamDetail } from '../../../contracts/org.contract';
import { useMembers } from '../../app/members.api';
import { ACCESS } from '../../app/nav.config';
import { useArchiveTeam, usePutTeamMember, useRemoveTeamMember, useTeam, useUpdateTeam } from '../../app/teams.api';
import { useHasRole, useSignedInMe } from '../../app/use-me';
import { ConfirmModal } from '../../components/confirm.modal';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { ThanksModal, type ThanksTarget } from '../../components/thanks.modal';
import { TeamFormModal } from './team-form.modal';

export function TeamPage() {
  const { t } = useTranslation();
  const { teamId = '' } = useParams();
  const team = useTeam(teamId);

  return (
    <>
      <Anchor component={Link} to="/teams" size="sm" mb="sm" display="inline-block">
        ← {t('teams.allTeams')}
      </Anchor>
      {team.error ? <ProblemAlert error={team.error} /> : !team.data ? <PageLoader /> : <TeamView team={team.data} />}
    </>
  );
}

function TeamView({ team }: { team: TeamDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useHasRole(ACCESS.manageTeams);
  const update = useUpdateTeam(team.id);
  const archive = useArchiveTeam(team.id);
  const [editOpened, editModal] = useDisclosure(false);
  const [archiveOpened, archiveModal] = useDisclosure(false);
  const [thanking, setThanking] = useState<ThanksTarget | null>(null);

  return (
    <>
      <PageHeader
        title={team.name}
        description={team.description || undefined}
        actions={
          <>
            <Button variant="light" onClick={() => setThanking({ teamId: team.id })}>
              {t('thanks.thankTeam')}
            </Button>
            {canManage && (
              <>
                <Button
                  variant="default"
                  onClick={() => {
                    update.reset();
                    editModal.open();
                  }}
                >
                  {t('common.edit')}
                </Button>
                <Button variant="light" color="red" onClick={archiveModal.open}>
                  {t('teams.archive')}
                </Button>
              </>
            )}
          </>
        }
      />
      <ThanksModal opened={!!thanking} target={thanking ?? undefined} onClose={() => setThanking(null)} />
      <Stack gap="lg" maw={760}>
        <TeamMembers
          team={team}
          canManage={canManage}
          onThank={(memberId) => setThanking({ teamId: team.id, memberId })}
        />
        {canManage && <AddTeamMember team={team} />}
      </Stack>

      {canManage && (
        <>
          <TeamFormModal
            opened={editOpened}
            title={t('teams.editTitle')}
            submitLabel={t('common.save')}
            initialValues={{ name: team.name, description: team.description }}
            mutation={update}
            onClose={editModal.close}
            onSaved={() => {
              notifySuccess(t('common.saved'));
              editModal.close();
            }}
          />
          <ConfirmModal
            opened={archiveOpened}
            title={t('teams.archiveTitle', { name: team.name })}
            message={t('teams.archiveText')}
            confirmLabel={t('teams.archive')}
            loading={archive.isPending}
            error={archive.error}
            onClose={() => {
              archive.reset();
              archiveModal.close();
            }}
            onConfirm={() =>
              archive.mutate(undefined, {
                onSuccess: () => {
                  notifySuccess(t('teams.archived', { name: team.name }));
                  navigate('/teams', { replace: true });
                },
              })
            }
          />
        </>
      )}
    </>
  );
}

function TeamMembers({
  team,
  canManage,
  onThank,
}: {
  team: TeamDetail;
  canManage: boolean;
  onThank: (memberId: string) => void;
}) {
  const { t } = useTranslation();
  const myId = useSignedInMe().member?.id;
  const remove = useRemoveTeamMember(team.id);
  const [removing, setRemoving] = useState<TeamDetail['members'][number] | null>(null);

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section">
      <Title order={2} size="h4" mb="md">
        {t('teams.members')} ({team.members.length})
      </Title>
      {team.members.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('teams.noMembers')}
        </Text>
      ) : (
        <Stack gap={0}>
          {team.members.map((member, index) => (
            <Group
              key={member.id}
              justify="space-between"
              gap="sm"
              py="sm"
              wrap="wrap"
              style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
            >
              <div style={{ minWidth: 0, flex: '1 1 12rem' }}>
                <Group gap="xs">
                  <Text fw={600}>{member.name}</Text>
                  {member.isManager && !canManage && (
                    <Badge variant="light" color="teal" size="sm">
                      {t('teams.manager')}
                    </Badge>
                  )}
                </Group>
                {member.jobTitle && (
                  <Text size="sm" c="dimmed">
                    {member.jobTitle}
                  </Text>
                )}
              </div>
              {member.id !== myId && (
                <Button
                  size="sm"
                  variant="subtle"
                  aria-label={t('thanks.thankMember', { name: member.name })}
                  onClick={() => onThank(member.id)}
                >
                  {t('thanks.action')}
                </Button>
              )}
              {canManage && (
                <Group gap="md" wrap="nowrap">
                  <ManagerSwitch teamId={team.id} member={member} />
                  <Button
                    size="sm"
                    variant="subtle"
                    color="red"
                    aria-label={t('teams.removeMember', { name: member.name })}
                    onClick={() => setRemoving(member)}
                  >
                    {t('teams.remove')}
                  </Button>
                </Group>
              )}
            </Group>
          ))}
        </Stack>
      )}
      <ConfirmModal
        opened={!!removing}
        title={t('teams.removeTitle', { name: removing?.name })}
        message={t('teams.removeText', { name: removing?.name, team: team.name })}
        confirmLabel={t('teams.remove')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          remove.reset();
          setRemoving(null);
        }}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(removing.id, {
            onSuccess: () => {
              notifySuccess(t('teams.removed', { name: removing.name }));
              setRemoving(null);
            },
          });
        }}
      />
    </Paper>
  );
}

/** Manager of this team or not: shows the new state at once, and the old one again if saving fails. */
function ManagerSwitch({ teamId, member }: { teamId: string; member: TeamDetail['members'][number] }) {
  const { t } = useTranslation();
  const put = usePutTeamMember(teamId);
  const [pending, setPending] = useState<boolean | null>(null);
  return (
    <Switch
      label={t('teams.manager')}
      aria-label={t('teams.managerSwitch', { name: member.name })}
      checked={pending ?? member.isManager}
      onChange={(event) => {
        const isManager = event.currentTarget.checked;
        setPending(isManager);
        put.mutate(
          { memberId: member.id, isManager },
          { onError: (error) => notifyError(t, error), onSettled: () => setPending(null) },
        );
      }}
      size="md"
    />
  );
}

function AddTeamMember({ team }: { team: TeamDetail }) {
  const { t } = useTranslation();
  const members = useMembers('active', '');
  const put = usePutTeamMember(team.id);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [isManager, setIsManager] = useState(false);
  const inTeam = new Set(team.members.map((m) => m.id));
  const options = (members.data ?? [])
    .filter((m) => !inTeam.has(m.id))
    .map((m) => ({ value: m.id, label: m.jobTitle ? `${m.name} (${m.jobTitle})` : m.name }));

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section">
      <Title order={2} size="h4" mb="md">
        {t('teams.addMember')}
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!memberId) return;
          put.mutate(
            { memberId, isManager },
            {
              onSuccess: (updated) => {
                const added = updated.members.find((m) => m.id === memberId);
                notifySuccess(t('teams.added', { name: added?.name ?? '' }));
                setMemberId(null);
                setIsManager(false);
              },
            },
          );
        }}
      >
        <Stack>
          <ProblemAlert error={members.error ?? put.error} />
          <Select
            label={t('teams.chooseMember')}
            placeholder={options.length ? t('teams.chooseMemberPlaceholder') : t('teams.everyoneInTeam')}
            data={options}
            value={memberId}
            onChange={setMemberId}
            searchable
            clearable
            nothingFoundMessage={t('teams.nobodyFound')}
            disabled={!members.data || options.length === 0}
          />
          <Checkbox
            label={t('teams.addAsManager')}
            checked={isManager}
            onChange={(event) => setIsManager(event.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" disabled={!memberId} loading={put.isPending && put.variables?.memberId === memberId}>
              {t('teams.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

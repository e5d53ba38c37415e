import { Anchor, Button, Card, SimpleGrid, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ACCESS } from '../../app/nav.config';
import { useCreateTeam, useTeams } from '../../app/teams.api';
import { useHasRole } from '../../app/use-me';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { TeamFormModal } from './team-form.modal';

export function TeamsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useHasRole(ACCESS.manageTeams);
  const teams = useTeams();
  const create = useCreateTeam();
  const [createOpened, createModal] = useDisclosure(false);

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        actions={
          canManage && (
            <Button
              onClick={() => {
                create.reset();
                createModal.open();
              }}
            >
              {t('teams.create')}
            </Button>
          )
        }
      />
      {teams.error ? (
        <ProblemAlert error={teams.error} />
      ) : !teams.data ? (
        <PageLoader />
      ) : teams.data.length === 0 ? (
        <Text c="dimmed">{canManage ? t('teams.noneAdmin') : t('teams.none')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {teams.data.map((team) => (
            <Card key={team.id} withBorder padding="lg" component="article">
              <Anchor component={Link} to={`/teams/${team.id}`} fw={700} size="lg">
                {team.name}
              </Anchor>
              {team.description && (
                <Text size="sm" c="dimmed" mt={4} lineClamp={3}>
                  {team.description}
                </Text>
              )}
              <Text size="sm" mt="sm">
                {t('teams.memberCount', { count: team.memberCount })}
              </Text>
              <Text size="sm" c="dimmed">
                {team.managers.length
                  ? t('teams.managedBy', { names: team.managers.map((m) => m.name).join(', ') })
                  : t('teams.noManager')}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {canManage && (
        <TeamFormModal
          opened={createOpened}
          title={t('teams.create')}
          submitLabel={t('teams.create')}
          initialValues={{ name: '', description: '' }}
          mutation={create}
          onClose={createModal.close}
          onSaved={(team) => {
            notifySuccess(t('teams.created', { name: team.name }));
            createModal.close();
            navigate(`/teams/${team.id}`);
          }}
        />
      )}
    </>
  );
}

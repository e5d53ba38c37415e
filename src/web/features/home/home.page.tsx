import { Alert, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACCESS } from '../../app/nav.config';
import { hasAnyRole } from '../../app/roles';
import { useSignedInMe } from '../../app/use-me';
import { PageHeader } from '../../components/page-header.component';
import { RoleBadges } from '../../components/role-badges.component';
import { HomeStepsCard } from '../promises/home-steps.card';
import { CampaignHomeCard } from '../questions/campaign-home.card';

export function HomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const organization = me.activeOrganization;
  const member = me.member;

  return (
    <>
      <PageHeader
        title={t('home.title', { name: me.user.name })}
        {...(organization ? { description: t('home.intro', { organization: organization.name }) } : {})}
      />
      {!organization || !member ? (
        <Alert color="yellow">{t('home.noOrganization')}</Alert>
      ) : (
        <Stack gap="md" maw={640}>
          {hasAnyRole(member.roles, ACCESS.extras) && (
            <Card withBorder padding="lg" bg="blue.0">
              <Text mb="sm">{t('home.logExtraIntro')}</Text>
              <Button component={Link} to="/extras/new" size="lg" fullWidth>
                {t('nav.logExtra')}
              </Button>
            </Card>
          )}
          {hasAnyRole(member.roles, ACCESS.questions) && <CampaignHomeCard />}
          {hasAnyRole(member.roles, ACCESS.promises) && member.teams.length > 0 && <HomeStepsCard />}
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="xs">
              {t('home.yourRoles')}
            </Title>
            <RoleBadges roles={member.roles} />
          </Card>
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="xs">
              {t('home.yourTeams')}
            </Title>
            {member.teams.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('home.noTeams')}
              </Text>
            ) : (
              <List spacing="xs" listStyleType="none" ml={0} pl={0}>
                {member.teams.map((team) => (
                  <List.Item key={team.id}>
                    <Group gap="xs">
                      <Text>{team.name}</Text>
                      {team.isManager && (
                        <Badge variant="light" color="teal" size="sm">
                          {t('teams.manager')}
                        </Badge>
                      )}
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        </Stack>
      )}
    </>
  );
}

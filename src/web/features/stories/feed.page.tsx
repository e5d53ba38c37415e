import { Box, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ACCESS } from '../../app/nav.config';
import { useFeed } from '../../app/stories.api';
import { useTeams } from '../../app/teams.api';
import { useHasRole, useSignedInMe } from '../../app/use-me';
import { useValues } from '../../app/values.api';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useStoryAccess } from './story-access';
import { StoryCard } from './story-card.component';
import { TeamThanksSection } from './team-thanks.section';
import { WeeklyPickSection } from './weekly-pick.component';

/** The teams whose feed this person reads: their own; a director every team. The choice lives in the address. */
function useFeedTeam() {
  const me = useSignedInMe();
  const director = (me.member?.roles ?? []).includes('director');
  const allTeams = useTeams({ enabled: director });
  const [params, setParams] = useSearchParams();
  const own = me.member?.teams ?? [];
  const teams =
    director && allTeams.data
      ? allTeams.data.map((team) => ({ id: team.id, name: team.name }))
      : own.map((team) => ({ id: team.id, name: team.name }));
  const requested = params.get('team');
  const teamId = teams.some((team) => team.id === requested) ? requested : (own[0]?.id ?? teams[0]?.id ?? null);
  const select = (id: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('team', id);
        return next;
      },
      { replace: true },
    );
  return { teams, teamId, select, loading: director && allTeams.isPending && own.length === 0 };
}

export function FeedPage() {
  const { t } = useTranslation();
  const { teams, teamId, select, loading } = useFeedTeam();
  const access = useStoryAccess();
  const canLog = useHasRole(ACCESS.extras);
  const values = useValues(true);
  const valueNames = useMemo(() => new Map((values.data ?? []).map((v) => [v.id, v.name])), [values.data]);
  const feed = useFeed(teamId);
  const stories = useMemo(() => feed.data?.pages.flatMap((page) => page.items) ?? [], [feed.data]);

  return (
    <Box maw={820}>
      <PageHeader
        title={t('feed.title')}
        description={t('feed.intro')}
        actions={
          canLog ? (
            <Button component={Link} to="/extras/new" variant="light">
              {t('feed.tellStory')}
            </Button>
          ) : undefined
        }
      />
      {teams.length > 1 && teamId && (
        <NativeSelect
          label={t('feed.team')}
          value={teamId}
          onChange={(event) => select(event.currentTarget.value)}
          data={teams.map((team) => ({ value: team.id, label: team.name }))}
          maw={360}
          mb="md"
        />
      )}

      {loading ? (
        <PageLoader />
      ) : !teamId ? (
        <Text c="dimmed">{t('feed.noTeam')}</Text>
      ) : (
        <>
          <WeeklyPickSection key={teamId} teamId={teamId} access={access} valueNames={valueNames} />
          <TeamThanksSection teamId={teamId} />

          <Title order={2} size="h4" mb="sm">
            {t('feed.allStories')}
          </Title>
          {feed.error ? (
            <ProblemAlert error={feed.error} />
          ) : !feed.data ? (
            <PageLoader />
          ) : stories.length === 0 ? (
            <Text c="dimmed">{t('feed.none')}</Text>
          ) : (
            <>
              <Stack gap="md" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {stories.map((story) => (
                  <li key={story.id}>
                    <StoryCard story={story} access={access} valueNames={valueNames} />
                  </li>
                ))}
              </Stack>
              {feed.hasNextPage && (
                <Group justify="center" mt="md">
                  <Button variant="default" loading={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
                    {t('feed.more')}
                  </Button>
                </Group>
              )}
            </>
          )}
        </>
      )}
    </Box>
  );
}

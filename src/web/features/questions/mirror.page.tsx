import { Alert, Anchor, Blockquote, Box, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Mirror } from '../../../contracts/questions.contract';
import { isApiError } from '../../app/api-client';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useCampaignResults, useMirror } from './results.api';
import { DistributionChart } from './results-distribution.component';
import { useResultsFormat } from './results-format';
import { mirrorGap, scoreLabel, withheldText } from './results-model';

// The leadership mirror: per team a manager leads, per self-view question, their own answer about
// themselves beside how the team answered. "De omgeving is de spiegel van het eigen functioneren."

type MirrorTeam = Mirror['teams'][number];
type MirrorQuestion = MirrorTeam['questions'][number];

export function MirrorPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const mirror = useMirror(campaignId);
  // The campaign's title and thresholds, from the organisation's results (shared with the results page).
  const results = useCampaignResults(campaignId, 'org');
  const campaign = results.data?.campaign ?? null;
  const back = (
    <div>
      <Anchor component={Link} to={`/questions/${encodeURIComponent(campaignId)}/results`} size="sm">
        ← {t('questions.mirror.back')}
      </Anchor>
    </div>
  );
  const body = mirror.error ? (
    isApiError(mirror.error) && mirror.error.status === 409 ? (
      <Alert color="blue">{t('errors.campaign_not_closed')}</Alert>
    ) : (
      <ProblemAlert error={mirror.error} />
    )
  ) : !mirror.data || (results.isPending && !results.error) ? (
    <PageLoader />
  ) : mirror.data.teams.length === 0 ? (
    <Text c="dimmed">{t('questions.mirror.noTeams')}</Text>
  ) : (
    <Stack gap="lg">
      {mirror.data.teams.map((team) => (
        <MirrorTeamSection key={team.teamId} team={team} minGroup={campaign?.minGroup ?? null} />
      ))}
    </Stack>
  );
  return (
    <Stack gap="md" maw={960}>
      {back}
      <PageHeader
        title={campaign ? t('questions.mirror.title', { title: campaign.title }) : t('questions.results.mirrorLink')}
        description={t('questions.mirror.intro')}
      />
      <Blockquote color="blue" p="md" mt={0}>
        <Text fs="italic">{t('questions.mirror.quote')}</Text>
      </Blockquote>
      {body}
    </Stack>
  );
}

function withheldReason(
  t: Parameters<typeof withheldText>[0],
  status: MirrorTeam['status'],
  minGroup: number | null,
): string {
  return minGroup === null ? t('questions.results.withheldTitle') : withheldText(t, status, minGroup);
}

function MirrorTeamSection({ team, minGroup }: { team: MirrorTeam; minGroup: number | null }) {
  const { t } = useTranslation();
  const titleId = `mirror-team-${team.teamId}`;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId} mb="sm">
        {team.teamName || t('questions.results.groups.unknownTeam')}
      </Title>
      {team.status !== 'shown' && (
        <Alert color="gray" mb="sm" title={t('questions.results.withheldTitle')}>
          <Text size="sm">{withheldReason(t, team.status, minGroup)}</Text>
        </Alert>
      )}
      {team.questions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('questions.mirror.noQuestions')}
        </Text>
      ) : (
        <Stack gap="md">
          {team.questions.map((question) => (
            <MirrorQuestionRow
              key={question.questionId}
              question={question}
              teamShown={team.status === 'shown'}
              minGroup={minGroup}
            />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function MirrorQuestionRow({
  question,
  teamShown,
  minGroup,
}: {
  question: MirrorQuestion;
  teamShown: boolean;
  minGroup: number | null;
}) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const figures = question.team;
  const shown = figures.status === 'shown';
  const gap = shown ? mirrorGap(question.self, figures.average) : null;
  const selfText =
    question.self === null
      ? t('questions.mirror.noSelf')
      : t('questions.mirror.selfValue', { value: question.self, label: scoreLabel(t, 'agree5', question.self) });
  const teamText = shown
    ? [
        t('questions.results.average', { average: f.average(figures.average), max: 5 }),
        t('questions.results.answers', { count: figures.respondents ?? 0 }),
      ].join(' · ')
    : '';
  return (
    <Box style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} pt="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Stack gap={4}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            {t('questions.mirror.self')}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {f.text(question.selfView)}
          </Text>
          <Text size="sm" fw={600} c={question.self === null ? 'dimmed' : undefined}>
            {selfText}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            {t('questions.mirror.team')}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {f.text(question.text)}
          </Text>
          {shown ? (
            <>
              <Text size="sm" fw={600}>
                {teamText}
              </Text>
              <DistributionChart kind="agree5" figures={figures} />
            </>
          ) : (
            // The team as a whole may be shown while this one question is not (fewer answered it).
            teamShown && (
              <Text size="sm" c="dimmed">
                {minGroup === null ? t('questions.results.withheldTitle') : withheldText(t, figures.status, minGroup)}
              </Text>
            )
          )}
        </Stack>
      </SimpleGrid>
      {shown && question.self !== null && (
        <Box mt="sm">
          <MirrorScale
            self={question.self}
            team={figures.average}
            label={t('questions.mirror.teamAlt', { self: selfText, team: teamText })}
          />
          {gap && (
            <Text size="sm" mt={4}>
              {gap.direction === 'same'
                ? t('questions.mirror.gapSame')
                : gap.direction === 'lower'
                  ? t('questions.mirror.gapLower', { gap: f.average(gap.gap) })
                  : t('questions.mirror.gapHigher', { gap: f.average(gap.gap) })}
            </Text>
          )}
        </Box>
      )}
    </Box>
  );
}

/** The 1–5 scale with the manager's own answer (an open ring) and the team's average (a dot). */
function MirrorScale({ self, team, label }: { self: number; team: number | null; label: string }) {
  const { t } = useTranslation();
  const x = (score: number) => `${((Math.min(Math.max(score, 1), 5) - 1) / 4) * 100}%`;
  return (
    <Box role="img" aria-label={label} px={8}>
      <svg width="100%" height="40" aria-hidden style={{ display: 'block', overflow: 'visible' }}>
        <line x1="0" x2="100%" y1="14" y2="14" stroke="var(--mantine-color-gray-3)" strokeWidth="2" />
        {[1, 2, 3, 4, 5].map((score) => (
          <g key={score}>
            <line x1={x(score)} x2={x(score)} y1="9" y2="19" stroke="var(--mantine-color-gray-4)" />
            <text x={x(score)} y="36" textAnchor="middle" fontSize="10" fill="var(--mantine-color-dimmed)">
              {score}
            </text>
          </g>
        ))}
        {team !== null && <circle cx={x(team)} cy="14" r="7" fill="var(--mantine-color-blue-7)" />}
        <circle cx={x(self)} cy="14" r="7" fill="none" stroke="var(--mantine-color-orange-7)" strokeWidth="3" />
      </svg>
      <Text size="xs" c="dimmed" aria-hidden>
        <span style={{ color: 'var(--mantine-color-orange-7)' }}>○</span> {t('questions.mirror.self')} ·{' '}
        <span style={{ color: 'var(--mantine-color-blue-7)' }}>●</span> {t('questions.mirror.team')}
      </Text>
    </Box>
  );
}

import { Alert, Anchor, Box, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { CampaignResults, QuestionResult } from '../../../contracts/questions.contract';
import { isApiError } from '../../app/api-client';
import { groupLabel } from '../../app/campaign-labels';
import { useDays } from '../../app/use-days';
import { useSignedInMe } from '../../app/use-me';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { ActionFormModal } from './action-form.modal';
import { ActionList } from './action-list.component';
import { resultsCsvUrl, useCampaignResults } from './results.api';
import { useResultsFormat } from './results-format';
import { groupOptions, withheldText } from './results-model';
import { ResultsQuestionCard } from './results-question.card';
import { ResultsThemes } from './results-themes.component';

// The results of a closed campaign for one group at a time (the URL keeps the group in ?group=):
// per theme and per question, the trend over earlier campaigns, and the actions that follow. A group
// whose results are withheld stays in the selector and says why instead of showing figures.

const DEFAULT_GROUP = 'org';

export function ResultsPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const group = params.get('group') || DEFAULT_GROUP;
  const results = useCampaignResults(campaignId, group);
  const chooseGroup = (key: string) => {
    const search = new URLSearchParams(params);
    if (key === DEFAULT_GROUP) search.delete('group');
    else search.set('group', key);
    setParams(search, { replace: true });
  };

  const back = (
    <div>
      <Anchor component={Link} to={`/questions/${encodeURIComponent(campaignId)}`} size="sm">
        ← {t('questions.results.back')}
      </Anchor>
    </div>
  );

  if (results.error) {
    const error = results.error;
    const status = isApiError(error) ? error.status : 0;
    return (
      <Stack gap="md" maw={960}>
        {back}
        <PageHeader title={t('questions.nav')} />
        {status === 409 ? (
          <Alert color="blue">{t('errors.campaign_not_closed')}</Alert>
        ) : (status === 404 || status === 400) && group !== DEFAULT_GROUP ? (
          <Alert color="yellow">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('questions.results.notVisible')}</Text>
              <Button size="compact-sm" variant="light" onClick={() => chooseGroup(DEFAULT_GROUP)}>
                {t('questions.results.toOrg')}
              </Button>
            </Stack>
          </Alert>
        ) : status === 404 || status === 400 ? (
          <Alert color="yellow">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('questions.results.nothingVisible')}</Text>
              <Anchor component={Link} to="/questions" size="sm">
                {t('questions.results.toList')}
              </Anchor>
            </Stack>
          </Alert>
        ) : (
          <ProblemAlert error={error} />
        )}
      </Stack>
    );
  }
  if (!results.data) {
    return (
      <Stack gap="md" maw={960}>
        {back}
        <PageLoader />
      </Stack>
    );
  }
  return (
    <Stack gap="md" maw={960}>
      {back}
      <ResultsView
        results={results.data}
        requestedGroup={group}
        loading={results.isPlaceholderData}
        onGroup={chooseGroup}
      />
    </Stack>
  );
}

function ResultsView({
  results,
  requestedGroup,
  loading,
  onGroup,
}: {
  results: CampaignResults;
  requestedGroup: string;
  loading: boolean;
  onGroup: (key: string) => void;
}) {
  const { t } = useTranslation();
  const days = useDays();
  const f = useResultsFormat();
  const phone = useIsPhone();
  // The mirror is for those who lead a team.
  const mirror = useSignedInMe().member?.teams.some((team) => team.isManager) ?? false;
  const [acting, setActing] = useState<{ question: QuestionResult | null } | null>(null);
  const { campaign, group } = results;
  const name = groupLabel(t, group);
  const shown = group.status === 'shown';
  // Themes with at least one statement in this campaign (a theme of only open or 0–10 questions has no average).
  const themes = results.themes.filter((theme) =>
    results.questions.some((q) => q.theme === theme.theme && q.kind === 'agree5'),
  );
  const hadEarlier = results.earlierActions.length > 0 || results.questions.some((q) => q.trend.length > 0);

  return (
    <>
      <PageHeader
        title={t('questions.results.title', { title: campaign.title })}
        description={
          <>
            {t('questions.results.closedOn', { date: days.day(campaign.closesOn) })}.{' '}
            {t('questions.results.intro', { minGroup: campaign.minGroup })}
          </>
        }
        actions={
          <>
            {mirror && (
              <Button
                component={Link}
                to={`/questions/${encodeURIComponent(campaign.id)}/mirror`}
                variant="light"
                size={phone ? 'sm' : 'md'}
              >
                {t('questions.results.mirrorLink')}
              </Button>
            )}
            <Button
              component="a"
              href={resultsCsvUrl(campaign.id)}
              download
              variant="default"
              size={phone ? 'sm' : 'md'}
            >
              {t('questions.results.csv')}
            </Button>
          </>
        }
      />

      <NativeSelect
        label={t('questions.results.group')}
        value={requestedGroup}
        onChange={(event) => onGroup(event.currentTarget.value)}
        data={groupOptions(t, results.groups)}
        maw={{ base: '100%', sm: 420 }}
      />

      <Stack gap="lg" aria-busy={loading} style={{ opacity: loading ? 0.6 : 1, transition: 'opacity 120ms' }}>
        <div>
          <Title order={2} size="h3">
            {name}
          </Title>
          {group.response !== null && group.audience !== null && (
            <Text size="sm" c="dimmed">
              {t('questions.results.respondents', {
                min: f.count(group.response.min),
                max: f.count(group.response.max),
                audience: f.count(group.audience),
              })}
            </Text>
          )}
        </div>

        {!shown ? (
          <Alert color="gray" title={t('questions.results.withheldTitle')}>
            <Text size="sm">{withheldText(t, group.status, campaign.minGroup)}</Text>
          </Alert>
        ) : (
          <>
            <ResultsThemes themes={themes} />
            <Box component="section" aria-labelledby="results-questions-title">
              <Title order={2} size="h4" id="results-questions-title" mb="sm">
                {t('questions.results.questionsTitle')}
              </Title>
              {results.questions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('questions.results.noQuestions')}
                </Text>
              ) : (
                <Stack gap="sm">
                  {results.questions.map((question) => (
                    <ResultsQuestionCard
                      key={question.questionId}
                      question={question}
                      campaign={campaign}
                      canAct={results.canAct}
                      onAct={() => setActing({ question })}
                    />
                  ))}
                </Stack>
              )}
            </Box>
          </>
        )}

        <Paper
          withBorder
          radius="md"
          p={{ base: 'sm', sm: 'md' }}
          component="section"
          aria-labelledby="results-actions-title"
        >
          <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
            <div style={{ minWidth: 0, flex: '1 1 14rem' }}>
              <Title order={2} size="h4" id="results-actions-title">
                {t('questions.actions.title')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('questions.actions.intro')}
              </Text>
            </div>
            {results.canAct && (
              <Button size="sm" variant="light" onClick={() => setActing({ question: null })}>
                {t('questions.actions.addForGroup')}
              </Button>
            )}
          </Group>
          <ActionList actions={results.actions} empty={t('questions.actions.none')} />
        </Paper>

        {hadEarlier && (
          <Paper
            withBorder
            radius="md"
            p={{ base: 'sm', sm: 'md' }}
            component="section"
            aria-labelledby="results-earlier-title"
          >
            <Title order={2} size="h4" id="results-earlier-title">
              {t('questions.actions.earlier.title')}
            </Title>
            <Text size="xs" c="dimmed" mb="sm">
              {t('questions.actions.earlier.intro')}
            </Text>
            <ActionList actions={results.earlierActions} showCampaign empty={t('questions.actions.earlier.none')} />
          </Paper>
        )}
      </Stack>

      {acting && (
        <ActionFormModal
          key={`${group.key}:${acting.question?.questionId ?? 'group'}`}
          campaignId={campaign.id}
          groupKey={group.key}
          groupName={name}
          question={acting.question ? { id: acting.question.questionId, text: f.text(acting.question.text) } : null}
          opened
          onClose={() => setActing(null)}
        />
      )}
    </>
  );
}

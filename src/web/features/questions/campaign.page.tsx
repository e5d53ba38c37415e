import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CampaignDetail } from '../../../contracts/questions.contract';
import { isApiError } from '../../app/api-client';
import { kindLabel, textIn, themeLabel } from '../../app/campaign-labels';
import { isLanguage } from '../../app/i18n';
import { ACCESS } from '../../app/nav.config';
import { useDays } from '../../app/use-days';
import { useHasRole } from '../../app/use-me';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { NotFoundPage } from '../../components/status-pages.component';
import { useIsPhone } from '../../components/use-is-phone';
import { groupByTheme } from './answer-form';
import { AnswerForm } from './answer-form.component';
import { AnswerMirror } from './answer-mirror.component';
import { CampaignOverview } from './campaign-overview.component';
import { CampaignParticipation } from './campaign-participation.component';
import { useCampaign } from './questions.api';

/** One campaign: the answer form while it is open for me, the overview for directors, the results once closed. */
export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const campaign = useCampaign(campaignId);
  if (campaign.error && isApiError(campaign.error) && (campaign.error.status === 404 || campaign.error.status === 400))
    return <NotFoundPage />;
  if (campaign.error) return <ProblemAlert error={campaign.error} />;
  if (!campaign.data) return <PageLoader />;
  // A new form per campaign: its answers start from what that campaign holds.
  return <CampaignView key={campaign.data.id} campaign={campaign.data} />;
}

function CampaignView({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const days = useDays();
  const steering = useHasRole(ACCESS.manageCampaigns);
  const leader = useHasRole(ACCESS.mirror);
  const asked = campaign.myStatus !== 'not_asked';
  const answering = campaign.status === 'open' && asked;
  const description =
    campaign.status === 'open'
      ? t('questions.answer.openUntil', { day: days.day(campaign.closesOn) })
      : campaign.status === 'scheduled'
        ? t('questions.answer.opensOn', { day: days.day(campaign.opensOn) })
        : t('questions.list.ranUntil', { day: days.day(campaign.closesOn) });

  return (
    <Stack gap="md" maw={820}>
      <div>
        <Anchor component={Link} to="/questions" size="sm">
          ← {t('questions.answer.back')}
        </Anchor>
      </div>
      <PageHeader title={campaign.title} description={description} />

      {campaign.status === 'closed' && <ClosedNote campaign={campaign} />}
      {steering && <CampaignOverview campaign={campaign} />}
      {steering && campaign.status !== 'scheduled' && <CampaignParticipation campaignId={campaign.id} />}

      {answering && <AnswerForm campaign={campaign} />}
      {answering && campaign.mirror && <AnswerMirror campaign={campaign} />}
      {/* A manager sees how their teams respond below their own answers. */}
      {!steering && leader && campaign.status !== 'scheduled' && <CampaignParticipation campaignId={campaign.id} />}

      {steering && campaign.status === 'open' && !asked && (
        <Text size="sm" c="dimmed">
          {t('questions.answer.notAsked')}
        </Text>
      )}
      {steering && !answering && <QuestionList campaign={campaign} />}
    </Stack>
  );
}

/** Closed: the way to the results, and for a manager with a self-view, to their mirror. */
function ClosedNote({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Alert color="blue" variant="light" title={t('questions.answer.closedTitle')}>
      <Stack gap="sm">
        <Text size="sm">{t('questions.answer.closedText')}</Text>
        <Group gap="sm">
          <Button component={Link} to={`/questions/${campaign.id}/results`} fullWidth={phone}>
            {t('questions.answer.results')}
          </Button>
          {campaign.mirror && (
            <Button component={Link} to={`/questions/${campaign.id}/mirror`} variant="default" fullWidth={phone}>
              {t('questions.answer.mirror')}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}

/** What the campaign asks, read-only (for directors when there is nothing for them to answer). */
function QuestionList({ campaign }: { campaign: CampaignDetail }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const titleId = useId();
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId} mb="sm">
        {t('questions.answer.questionsTitle')}
      </Title>
      <Stack gap="md">
        {groupByTheme(campaign.questions).map((group, index, groups) => (
          <div key={group.theme}>
            <Title order={3} size="h6" c="dimmed" tt="uppercase" mb={4}>
              {themeLabel(t, group.theme)}
            </Title>
            <ol
              // One numbering over the themes, as on the answer form.
              start={groups.slice(0, index).reduce((n, g) => n + g.items.length, 0) + 1}
              style={{ margin: 0, paddingLeft: '1.25rem', display: 'flex', flexDirection: 'column', gap: 6 }}
            >
              {group.items.map((question) => (
                <li key={question.id}>
                  <Text size="sm" span style={{ overflowWrap: 'anywhere' }}>
                    {textIn(question.text, language)}
                  </Text>{' '}
                  <Badge variant="default" size="sm" tt="none">
                    {kindLabel(t, question.kind)}
                  </Badge>{' '}
                  {question.selfView && (
                    <Badge variant="light" color="grape" size="sm" tt="none">
                      {t('questions.new.withMirror')}
                    </Badge>
                  )}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </Stack>
    </Card>
  );
}

import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CampaignSummary } from '../../../contracts/questions.contract';
import { useFigureFormat } from '../../app/figures-format';
import { ACCESS } from '../../app/nav.config';
import { useDays } from '../../app/use-days';
import { useHasRole } from '../../app/use-me';
import { ListTable } from '../../components/list-table.component';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { campaignsToAnswer, closedCampaigns, rowAction } from './campaign-list';
import { CampaignStatusBadge } from './campaign-status.component';
import { useCampaigns } from './questions.api';
import { formatShareStep } from './results-model';

/**
 * The campaigns of core questions. Everyone: what waits for my answers first, then the closed ones
 * with their results. Directors and admins: every campaign with its status and response, and a new one.
 */
export function CampaignsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const steering = useHasRole(ACCESS.manageCampaigns);
  const campaigns = useCampaigns();
  const items = campaigns.data ?? [];
  const toAnswer = campaignsToAnswer(items);

  return (
    <>
      <PageHeader
        title={t('questions.list.title')}
        description={steering ? t('questions.list.introSteering') : t('questions.list.intro')}
        actions={
          steering && (
            <Button component={Link} to="/questions/new" size={phone ? 'sm' : 'md'}>
              {t('questions.list.new')}
            </Button>
          )
        }
      />
      {campaigns.error ? (
        <ProblemAlert error={campaigns.error} />
      ) : !campaigns.data ? (
        <PageLoader />
      ) : steering ? (
        <Stack gap="xl">
          {toAnswer.length > 0 && <ToAnswer campaigns={toAnswer} />}
          <Section title={t('questions.list.all')}>
            {items.length === 0 ? (
              <Text c="dimmed">{t('questions.list.none')}</Text>
            ) : phone ? (
              <CampaignCards campaigns={items} />
            ) : (
              <CampaignTable campaigns={items} />
            )}
          </Section>
        </Stack>
      ) : (
        <Stack gap="xl" maw={820}>
          <ToAnswer campaigns={toAnswer} />
          <Closed campaigns={closedCampaigns(items)} />
        </Stack>
      )}
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** Open campaigns put to me, the one closing first on top. */
function ToAnswer({ campaigns }: { campaigns: CampaignSummary[] }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const days = useDays();
  return (
    <Section title={t('questions.list.toAnswer')}>
      {campaigns.length === 0 ? (
        <Text c="dimmed">{t('questions.list.toAnswerNone')}</Text>
      ) : (
        <Stack gap="sm" component="ul" style={listStyle}>
          {campaigns.map((campaign) => {
            const answered = campaign.myStatus === 'answered';
            return (
              <li key={campaign.id}>
                <Card
                  withBorder
                  padding="md"
                  radius="md"
                  style={answered ? undefined : { borderColor: 'var(--mantine-color-blue-4)' }}
                >
                  <Group justify="space-between" gap="sm" align="center">
                    <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                          {campaign.title}
                        </Text>
                        {answered && (
                          <Badge color="green" variant="light" size="sm" tt="none" style={{ flexShrink: 0 }}>
                            {t('questions.list.answered')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="sm" c="dimmed">
                        {t('questions.list.openUntil', { day: days.day(campaign.closesOn) })} ·{' '}
                        {t('questions.list.questionCount', { count: campaign.questionCount })}
                      </Text>
                    </Stack>
                    <Button
                      component={Link}
                      to={`/questions/${campaign.id}`}
                      variant={answered ? 'default' : 'filled'}
                      fullWidth={phone}
                      aria-label={`${answered ? t('questions.list.change') : t('questions.list.answer')}: ${campaign.title}`}
                    >
                      {answered ? t('questions.list.change') : t('questions.list.answer')}
                    </Button>
                  </Group>
                </Card>
              </li>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}

/** Closed campaigns, the latest first, each with the way to its results. */
function Closed({ campaigns }: { campaigns: CampaignSummary[] }) {
  const { t } = useTranslation();
  const days = useDays();
  return (
    <Section title={t('questions.list.closed')}>
      {campaigns.length === 0 ? (
        <Text c="dimmed">{t('questions.list.closedNone')}</Text>
      ) : (
        <Stack gap="sm" component="ul" style={listStyle}>
          {campaigns.map((campaign) => (
            <li key={campaign.id}>
              <Card withBorder padding="md" radius="md">
                <Group justify="space-between" gap="sm" align="center">
                  <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {campaign.title}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t('questions.list.ranUntil', { day: days.day(campaign.closesOn) })} ·{' '}
                      {t('questions.list.questionCount', { count: campaign.questionCount })}
                    </Text>
                  </Stack>
                  <Anchor
                    component={Link}
                    to={`/questions/${campaign.id}/results`}
                    fw={600}
                    aria-label={`${t('questions.list.results')}: ${campaign.title}`}
                  >
                    {t('questions.list.results')} →
                  </Anchor>
                </Group>
              </Card>
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function ResponseText({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const figures = useFigureFormat();
  if (campaign.status === 'scheduled')
    return (
      <Text size="sm" c="dimmed">
        {t('questions.list.notYet')}
      </Text>
    );
  if (campaign.responseRate === null)
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t('questions.list.responseHidden')}
      </Text>
    );
  return <Text size="sm">{formatShareStep(campaign.responseRate, figures.share)}</Text>;
}

/** Directors on a laptop: every campaign in a table. */
function CampaignTable({ campaigns }: { campaigns: CampaignSummary[] }) {
  const { t } = useTranslation();
  const days = useDays();
  const figures = useFigureFormat();
  return (
    <ListTable
      minWidth={820}
      highlightOnHover
      columns={[
        t('questions.list.campaign'),
        t('questions.list.statusLabel'),
        t('questions.list.period'),
        t('questions.list.questions'),
        t('questions.list.asked'),
        t('questions.list.response'),
      ]}
    >
      {campaigns.map((campaign) => (
        <Table.Tr key={campaign.id}>
          <Table.Td maw={320}>
            <Anchor component={Link} to={`/questions/${campaign.id}`} size="sm" fw={600} lineClamp={2}>
              {campaign.title}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <CampaignStatusBadge status={campaign.status} />
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <Text size="sm">
              {t('questions.list.periodText', {
                from: days.day(campaign.opensOn),
                to: days.day(campaign.closesOn),
              })}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{figures.count(campaign.questionCount)}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{campaign.audienceSize === null ? '–' : figures.count(campaign.audienceSize)}</Text>
          </Table.Td>
          <Table.Td>
            <ResponseText campaign={campaign} />
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <RowAction campaign={campaign} />
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

/** The next thing to do with a campaign from the list: answer it, or read its results. */
function RowAction({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const action = rowAction(campaign);
  if (action === 'results')
    return (
      <Anchor
        component={Link}
        to={`/questions/${campaign.id}/results`}
        size="sm"
        aria-label={`${t('questions.list.results')}: ${campaign.title}`}
      >
        {t('questions.list.results')}
      </Anchor>
    );
  if (action === 'answer')
    return (
      <Button
        component={Link}
        to={`/questions/${campaign.id}`}
        size="compact-sm"
        aria-label={`${t('questions.list.answer')}: ${campaign.title}`}
      >
        {t('questions.list.answer')}
      </Button>
    );
  return null;
}

/** Directors on a phone: every campaign as a card. */
function CampaignCards({ campaigns }: { campaigns: CampaignSummary[] }) {
  const { t } = useTranslation();
  const days = useDays();
  return (
    <Stack gap="sm" component="ul" style={listStyle}>
      {campaigns.map((campaign) => (
        <li key={campaign.id}>
          <Card withBorder padding="md" radius="md">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Anchor
                component={Link}
                to={`/questions/${campaign.id}`}
                fw={600}
                style={{ overflowWrap: 'anywhere', minWidth: 0 }}
              >
                {campaign.title}
              </Anchor>
              <CampaignStatusBadge status={campaign.status} />
            </Group>
            <Text size="sm" c="dimmed" mt={2}>
              {t('questions.list.periodText', { from: days.day(campaign.opensOn), to: days.day(campaign.closesOn) })} ·{' '}
              {t('questions.list.questionCount', { count: campaign.questionCount })}
            </Text>
            {campaign.status !== 'scheduled' && (
              <Group gap={4} mt={2}>
                <Text size="sm">{t('questions.list.response')}:</Text>
                <ResponseText campaign={campaign} />
                {campaign.audienceSize !== null && (
                  <Text size="sm" c="dimmed">
                    ({t('questions.list.askedCount', { count: campaign.audienceSize })})
                  </Text>
                )}
              </Group>
            )}
            {rowAction(campaign) && (
              <Group mt="xs">
                <RowAction campaign={campaign} />
              </Group>
            )}
          </Card>
        </li>
      ))}
    </Stack>
  );
}

import { Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultGroup } from '../../../contracts/questions.contract';
import { groupLabel } from '../../app/campaign-labels';
import { useFigureFormat } from '../../app/figures-format';
import { useDays } from '../../app/use-days';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { orderGroups, responseShare } from './campaign-groups';
import { useParticipation } from './questions.api';
import { formatShareStep } from './results-model';

/**
 * The response per group while a campaign runs (and as it was at the close). A group the server
 * withholds has no figures: it says why, never a number. The figures are steps, never counts, and while
 * the campaign runs they are as they stood at the start of the day: one answer never moves them at once.
 */
export function CampaignParticipation({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const titleId = useId();
  const participation = useParticipation(campaignId);
  const days = useDays();
  return (
    <Card withBorder padding={phone ? 'md' : 'lg'} radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id={titleId}>
            {t('questions.participation.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('questions.participation.intro')}
          </Text>
          {participation.data && (
            <Text size="sm" c="dimmed">
              {participation.data.asOf
                ? t('questions.participation.steps', {
                    minGroup: participation.data.minGroup,
                    day: days.day(participation.data.asOf),
                  })
                : t('questions.participation.stepsClosed', { minGroup: participation.data.minGroup })}
            </Text>
          )}
        </div>
        {participation.error ? (
          <ProblemAlert error={participation.error} />
        ) : !participation.data ? (
          <PageLoader />
        ) : participation.data.groups.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('questions.participation.none')}
          </Text>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {orderGroups(participation.data.groups).map((group) => (
              <GroupRow key={group.key} group={group} minGroup={participation.data.minGroup} />
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function GroupRow({ group, minGroup }: { group: ResultGroup; minGroup: number }) {
  const { t } = useTranslation();
  const figures = useFigureFormat();
  const share = responseShare(group);
  const label = groupLabel(t, group);
  const indent = group.kind === 'team_level' || group.kind === 'level';
  const figure =
    share !== null
      ? t('questions.participation.rate', {
          min: figures.count(group.response!.min),
          max: figures.count(group.response!.max),
          audience: figures.count(group.audience!),
          rate: formatShareStep(share, figures.share),
        })
      : group.status === 'difference' || group.status === 'earlier_round'
        ? t('questions.participation.difference')
        : t('questions.participation.tooFew', { minGroup });
  return (
    <li style={{ paddingLeft: indent ? 'var(--mantine-spacing-md)' : undefined }}>
      <Group justify="space-between" gap="xs" wrap="wrap" align="baseline">
        <Text
          size="sm"
          fw={group.kind === 'org' || group.kind === 'team' ? 600 : 400}
          style={{ overflowWrap: 'anywhere' }}
        >
          {label}
        </Text>
        <Text size="sm" c={share === null ? 'dimmed' : undefined} fs={share === null ? 'italic' : undefined}>
          {figure}
        </Text>
      </Group>
      {share !== null && (
        <Progress.Root size="sm" mt={4} aria-hidden="true">
          <Progress.Section value={share.min * 100} />
          <Progress.Section value={(share.max - share.min) * 100} color="blue.2" />
        </Progress.Root>
      )}
    </li>
  );
}

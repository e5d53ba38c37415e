import { Button, Card, DataList, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CampaignDetail } from '../../../contracts/questions.contract';
import { useFigureFormat } from '../../app/figures-format';
import { useTeams } from '../../app/teams.api';
import { useDays } from '../../app/use-days';
import { ConfirmModal } from '../../components/confirm.modal';
import { notifySuccess } from '../../components/notify';
import { useIsPhone } from '../../components/use-is-phone';
import { CampaignStatusBadge } from './campaign-status.component';
import { useCancelCampaign, useCloseCampaign } from './questions.api';
import { formatShareStep } from './results-model';

/**
 * For directors and admins: where the campaign stands (status, days, who is asked, reminders, the
 * response), with closing it now while it runs, calling it off before it opens, and the results after.
 */
export function CampaignOverview({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const days = useDays();
  const figures = useFigureFormat();
  const titleId = useId();
  const navigate = useNavigate();
  const teams = useTeams({ enabled: !campaign.audience.all && campaign.audience.teamIds.length > 0 });
  const close = useCloseCampaign(campaign.id);
  const cancel = useCancelCampaign(campaign.id);
  const [closeOpened, closeDialog] = useDisclosure(false);
  const [cancelOpened, cancelDialog] = useDisclosure(false);

  const teamName = (id: string) => teams.data?.find((team) => team.id === id)?.name ?? '…';
  const audience = campaign.audience.all
    ? t('questions.participation.audienceAll')
    : [...campaign.audience.teamIds.map(teamName), ...campaign.audience.roles.map((role) => t(`roles.${role}`))].join(
        ', ',
      );
  const reminders = [...campaign.reminderDays]
    .sort((a, b) => b - a)
    .map((d) => days.day(days.addDays(campaign.closesOn, -d)))
    .join(', ');

  return (
    <Card withBorder padding={phone ? 'md' : 'lg'} radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Group justify="space-between" gap="sm" align="center">
          <Title order={2} size="h4" id={titleId}>
            {t('questions.participation.overview')}
          </Title>
          <CampaignStatusBadge status={campaign.status} size="lg" />
        </Group>
        <DataList orientation={phone ? 'vertical' : 'horizontal'} labelWidth="10rem" gap="xs">
          <DataList.Item>
            <DataList.ItemLabel>{t('questions.participation.opensOn')}</DataList.ItemLabel>
            <DataList.ItemValue>{days.day(campaign.opensOn)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('questions.participation.closesOn')}</DataList.ItemLabel>
            <DataList.ItemValue>{days.day(campaign.closesOn)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('questions.participation.audience')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {audience}
              <Text span size="sm" c="dimmed">
                {' · '}
                {campaign.audienceSize === null
                  ? t('questions.participation.audienceFixed')
                  : t('questions.participation.audienceSize', { count: campaign.audienceSize })}
              </Text>
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('questions.participation.questions')}</DataList.ItemLabel>
            <DataList.ItemValue>{figures.count(campaign.questionCount)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('questions.participation.reminders')}</DataList.ItemLabel>
            <DataList.ItemValue>{reminders || t('questions.participation.remindersNone')}</DataList.ItemValue>
          </DataList.Item>
          {campaign.status !== 'scheduled' && (
            <DataList.Item>
              <DataList.ItemLabel>{t('questions.participation.response')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {campaign.responseRate === null ? (
                  <Text span c="dimmed" fs="italic">
                    {t('questions.participation.responseHidden')}
                  </Text>
                ) : (
                  formatShareStep(campaign.responseRate, figures.share)
                )}
              </DataList.ItemValue>
            </DataList.Item>
          )}
        </DataList>

        <Group gap="sm">
          {campaign.status === 'open' && (
            <Button color="red" variant="light" onClick={closeDialog.open}>
              {t('questions.participation.closeNow')}
            </Button>
          )}
          {campaign.status === 'scheduled' && (
            <Button color="red" variant="light" onClick={cancelDialog.open}>
              {t('questions.participation.cancel')}
            </Button>
          )}
          {campaign.status === 'closed' && (
            <Button component={Link} to={`/questions/${campaign.id}/results`}>
              {t('questions.participation.results')}
            </Button>
          )}
        </Group>
      </Stack>

      <ConfirmModal
        opened={closeOpened}
        title={t('questions.participation.closeTitle')}
        message={t('questions.participation.closeText')}
        confirmLabel={t('questions.participation.closeNow')}
        loading={close.isPending}
        error={close.error}
        onConfirm={() =>
          close.mutate(undefined, {
            onSuccess: () => {
              closeDialog.close();
              notifySuccess(t('questions.participation.closed'));
            },
          })
        }
        onClose={() => {
          close.reset();
          closeDialog.close();
        }}
      />
      <ConfirmModal
        opened={cancelOpened}
        title={t('questions.participation.cancelTitle')}
        message={t('questions.participation.cancelText')}
        confirmLabel={t('questions.participation.cancel')}
        loading={cancel.isPending}
        error={cancel.error}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => {
              cancelDialog.close();
              notifySuccess(t('questions.participation.cancelled'));
              navigate('/questions');
            },
          })
        }
        onClose={() => {
          cancel.reset();
          cancelDialog.close();
        }}
      />
    </Card>
  );
}

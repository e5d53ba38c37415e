import { Button, Group, Paper, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeamThanks } from '../../app/thanks.api';
import { lazyDialog } from '../../components/modal.component';
import { ThanksPages } from '../../components/thanks-list.component';

const ThanksModal = lazyDialog(() => import('../../components/thanks.modal').then((m) => m.ThanksModal));

/** The team's thanks in its feed: to the team and its people, and what the team gave; with a way to thank. */
export function TeamThanksSection({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  const thanks = useTeamThanks(teamId);
  const [thanking, setThanking] = useState(false);
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      mb="lg"
      component="section"
      aria-labelledby="team-thanks"
    >
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="team-thanks">
          {t('thanks.feedTitle')}
        </Title>
        <Button variant="light" size="sm" onClick={() => setThanking(true)}>
          {t('thanks.action')}
        </Button>
      </Group>
      <ThanksPages thanks={thanks} emptyText={t('thanks.feedNone')} />
      <ThanksModal opened={thanking} onClose={() => setThanking(false)} />
    </Paper>
  );
}

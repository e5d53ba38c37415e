import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeamThanks } from '../../app/thanks.api';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { ThanksModal } from '../../components/thanks.modal';
import { ThanksList } from '../../components/thanks-list.component';

/** The team's thanks in its feed: to the team and its people, and what the team gave; with a way to thank. */
export function TeamThanksSection({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  const thanks = useTeamThanks(teamId);
  const [thanking, setThanking] = useState(false);
  const items = thanks.data?.pages.flatMap((page) => page.items) ?? [];
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
      {thanks.error ? (
        <ProblemAlert error={thanks.error} />
      ) : !thanks.data ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('thanks.feedNone')}
        </Text>
      ) : (
        <ThanksList items={items} />
      )}
      {thanks.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button
            variant="default"
            size="sm"
            loading={thanks.isFetchingNextPage}
            onClick={() => void thanks.fetchNextPage()}
          >
            {t('thanks.more')}
          </Button>
        </Group>
      )}
      <ThanksModal opened={thanking} onClose={() => setThanking(false)} />
    </Paper>
  );
}

import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useReceivedThanks } from '../../app/thanks.api';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { ThanksList } from '../../components/thanks-list.component';

/** On the profile: the thanks colleagues and other teams gave me and my teams. */
export function ReceivedThanksSection() {
  const { t } = useTranslation();
  const thanks = useReceivedThanks();
  const items = thanks.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="received-thanks">
      <Title order={2} size="h4" mb="xs" id="received-thanks">
        {t('thanks.receivedTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('thanks.receivedIntro')}
      </Text>
      {thanks.error ? (
        <ProblemAlert error={thanks.error} />
      ) : !thanks.data ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('thanks.receivedNone')}
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
    </Paper>
  );
}

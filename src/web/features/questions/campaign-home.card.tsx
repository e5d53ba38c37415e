import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDays } from '../promises/use-days';
import { useCampaigns } from './questions.api';

/** On the home page, only while a round of core questions waits for my answers. */
export function CampaignHomeCard() {
  const { t } = useTranslation();
  const days = useDays();
  const campaigns = useCampaigns();
  const waiting = (campaigns.data ?? []).filter((c) => c.status === 'open' && c.myStatus === 'to_answer');
  if (waiting.length === 0) return null;
  return (
    <Card withBorder padding="lg" bg="teal.0">
      <Title order={2} size="h4" mb="xs">
        {t('questions.home.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('questions.home.intro')}</Text>
        {waiting.map((c) => (
          // The label wraps: a long title with its day must not be cut on a phone.
          <Button
            key={c.id}
            component={Link}
            to={`/questions/${c.id}`}
            variant="filled"
            color="teal"
            fullWidth
            h="auto"
            py={10}
            styles={{ label: { whiteSpace: 'normal', overflow: 'visible', textAlign: 'center', lineHeight: 1.3 } }}
          >
            {t('questions.home.answer', { title: c.title, day: days.day(c.closesOn) })}
          </Button>
        ))}
      </Stack>
    </Card>
  );
}

import { Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useReceivedThanks } from '../../app/thanks.api';
import { ThanksPages } from '../../components/thanks-list.component';

/** On the profile: the thanks colleagues and other teams gave me and my teams. */
export function ReceivedThanksSection() {
  const { t } = useTranslation();
  const thanks = useReceivedThanks();
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="received-thanks">
      <Title order={2} size="h4" mb="xs" id="received-thanks">
        {t('thanks.receivedTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('thanks.receivedIntro')}
      </Text>
      <ThanksPages thanks={thanks} emptyText={t('thanks.receivedNone')} />
    </Paper>
  );
}

import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

function StatusPage({ title, message }: { title: string; message: string }) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · Klantwerk`);
  return (
    <Stack align="flex-start" gap="sm" py="xl">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">{message}</Text>
      <Button component={Link} to="/" variant="light">
        {t('common.toHome')}
      </Button>
    </Stack>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <StatusPage title={t('status.notFoundTitle')} message={t('status.notFoundText')} />;
}

export function NoAccessPage() {
  const { t } = useTranslation();
  return <StatusPage title={t('status.noAccessTitle')} message={t('status.noAccessText')} />;
}

import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function AppFailed({ unreachable = false }: { unreachable?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md">
      <Stack align="center" gap="sm" maw={420} ta="center">
        <Title order={1} size="h3">
          {unreachable ? t('app.unreachableTitle') : t('app.failedTitle')}
        </Title>
        <Text c="dimmed">{unreachable ? t('app.unreachableText') : t('app.failedText')}</Text>
        <Button onClick={() => window.location.reload()}>{t('app.reload')}</Button>
      </Stack>
    </Center>
  );
}

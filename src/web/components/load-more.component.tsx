import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Meer laden" under a list that pages with a cursor. */
export function LoadMore({ hasMore, loading, onLoad }: { hasMore: boolean; loading: boolean; onLoad: () => void }) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <Group justify="center" mt="md">
      <Button variant="default" loading={loading} onClick={onLoad}>
        {t('promises.list.more')}
      </Button>
    </Group>
  );
}

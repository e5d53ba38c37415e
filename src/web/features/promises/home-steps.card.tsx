import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useWorkList } from './promises.api';
import { useDays } from './use-days';

/** On the home page: what my teams still have to do for promises, the late ones first. */
export function HomeStepsCard() {
  const { t } = useTranslation();
  const days = useDays();
  const work = useWorkList({ teamId: '', state: 'open' });
  const first = work.data?.pages[0];
  const items = first?.items ?? [];
  // Only steps that are the person's own: one already due before they joined is not theirs to be told about.
  const late = items.filter((item) => item.step.late && item.yours).length;
  const more = first?.nextCursor ? '+' : '';
  const next = items.find((item) => !item.step.late);
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="xs">
        {t('workList.home.title')}
      </Title>
      <Stack gap="xs">
        {work.isPending ? (
          <Text c="dimmed" size="sm">
            {t('common.loading')}
          </Text>
        ) : items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('workList.noneOpen')}
          </Text>
        ) : (
          <>
            {late > 0 && (
              <Text c="red.8" fw={600}>
                {t('workList.home.late', { count: late, more: late === items.length ? more : '' })}
              </Text>
            )}
            {next && <Text size="sm">{t('workList.home.next', { what: next.step.what, day: days.day(next.step.dueDate) })}</Text>}
          </>
        )}
        <Group gap="sm" wrap="wrap">
          <Anchor component={Link} to="/steps">
            {t('workList.home.open')}
          </Anchor>
          <Button component={Link} to="/promises/new" variant="light" size="compact-md">
            {t('promises.list.new')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowupDueDay } from '../../../contracts/voice.contract';
import { notifySuccess } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useSaveVoiceSettings, useVoiceSettings } from './voice.api';

const MAX_DAYS = 30;

/** The administrator sets how many days a follow-up has, per very negative score (worse: sooner). */
export function FollowupDueDaysCard() {
  const { t } = useTranslation();
  const settings = useVoiceSettings();
  const save = useSaveVoiceSettings();
  const [days, setDays] = useState<FollowupDueDay[]>([]);
  useEffect(() => {
    if (settings.data) setDays(settings.data.followupDueDays);
  }, [settings.data]);
  if (!settings.data) return <ProblemAlert error={settings.error} />;
  const valid = days.every((d) => Number.isInteger(d.days) && d.days >= 0 && d.days <= MAX_DAYS);
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="due-days-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="due-days-title">
          {t('voice.dueDays.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('voice.dueDays.intro')}
        </Text>
        <ProblemAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          {days.map((d, i) => (
            <NumberInput
              key={`${d.scale}:${d.score}`}
              label={t('voice.dueDays.score', {
                score: d.score,
                max: d.scale === 'agree5' ? 5 : 10,
              })}
              suffix={` ${t('voice.dueDays.days')}`}
              min={0}
              max={MAX_DAYS}
              allowDecimal={false}
              value={d.days}
              error={Number.isInteger(d.days) && d.days >= 0 && d.days <= MAX_DAYS ? null : t('voice.dueDays.range')}
              onChange={(value) =>
                setDays(
                  days.map((x, j) => (j === i ? { ...x, days: typeof value === 'number' ? value : Number.NaN } : x)),
                )
              }
            />
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button
            disabled={!valid}
            loading={save.isPending}
            onClick={() => save.mutate(days, { onSuccess: () => notifySuccess(t('voice.dueDays.saved')) })}
          >
            {t('voice.dueDays.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

import { Anchor, Badge, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Setup, SetupStep } from '../../../contracts/home.contract';
import { notifyError } from '../../components/notify';
import { useSkipSetupStep } from './home.api';

/** Where each step is done: the existing screens. */
const STEP_PATH: Record<SetupStep, string> = {
  purpose: '/values',
  values: '/values',
  offerings: '/values',
  teams: '/teams',
  mandates: '/mandates',
  invitations: '/invitations',
};

/** Bulk invitations (pasted or from a CSV file) live on their own screen. */
const IMPORT_PATH = '/members/import';

/**
 * The first run of a new organisation: purpose → values → offerings → teams → mandates → invitations,
 * each done (read from the data) or skipped (remembered), each one tap from its screen.
 */
export function SetupChecklist({ setup, headingLevel = 2 }: { setup: Setup; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const skip = useSkipSetupStep();
  const settled = setup.steps.filter((s) => s.done || s.skipped).length;
  const next = setup.steps.find((s) => !s.done && !s.skipped)?.step;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="setup-title">
      <Stack gap="sm">
        <Title order={headingLevel} size="h4" id="setup-title">
          {t('home.setup.title')}
        </Title>
        <Text size="sm">{setup.finished ? t('home.setup.finished') : t('home.setup.intro')}</Text>
        <Progress
          value={(settled / setup.steps.length) * 100}
          aria-label={t('home.setup.progress', { done: settled, total: setup.steps.length })}
        />
        <Text size="sm" fw={600}>
          {t('home.setup.progress', { done: settled, total: setup.steps.length })}
        </Text>
        <Stack gap="xs" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {setup.steps.map(({ step, done, skipped }, index) => (
            <Card key={step} component="li" withBorder padding="sm" bg={step === next ? 'blue.0' : undefined}>
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={2} style={{ minWidth: 0, flex: '1 1 220px' }}>
                  <Group gap="xs">
                    <Text fw={700}>
                      {index + 1}. {t(`home.setup.steps.${step}.title`)}
                    </Text>
                    <Badge color={done ? 'green' : skipped ? 'gray' : 'blue'} variant="light" tt="none">
                      {done ? t('home.setup.done') : skipped ? t('home.setup.skipped') : t('home.setup.todo')}
                    </Badge>
                  </Group>
                  <Text size="sm">{t(`home.setup.steps.${step}.text`)}</Text>
                </Stack>
                <Group gap="xs">
                  <Button
                    component={Link}
                    to={STEP_PATH[step]}
                    size="compact-md"
                    variant={step === next ? 'filled' : 'light'}
                    aria-label={`${t('home.setup.go')}: ${t(`home.setup.steps.${step}.title`)}`}
                  >
                    {t('home.setup.go')}
                  </Button>
                  {step === 'invitations' && (
                    <Anchor component={Link} to={IMPORT_PATH} size="sm">
                      {t('home.setup.importMany')}
                    </Anchor>
                  )}
                  {!done && (
                    <Button
                      size="compact-md"
                      variant="subtle"
                      loading={skip.isPending && skip.variables?.step === step}
                      aria-label={`${skipped ? t('home.setup.unskip') : t('home.setup.skip')}: ${t(`home.setup.steps.${step}.title`)}`}
                      onClick={() =>
                        skip.mutate({ step, skipped: !skipped }, { onError: (error) => notifyError(t, error) })
                      }
                    >
                      {skipped ? t('home.setup.unskip') : t('home.setup.skip')}
                    </Button>
                  )}
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}

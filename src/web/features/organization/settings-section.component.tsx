import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.component';

interface SettingsSectionProps {
  /** Names the section for screen readers (`<id>-title`). */
  id: string;
  title: string;
  intro: string;
  error: unknown;
  saving: boolean;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}

/** One titled block of organisation settings with its own form and save button. */
export function SettingsSection({ id, title, intro, error, saving, onSubmit, children }: SettingsSectionProps) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      maw={640}
      mt="xl"
      component="section"
      aria-labelledby={`${id}-title`}
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack>
          <div>
            <Title order={2} size="h4" id={`${id}-title`}>
              {title}
            </Title>
            <Text size="sm" mt={4}>
              {intro}
            </Text>
          </div>
          <ProblemAlert error={error} />
          {children}
          <Group>
            <Button type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

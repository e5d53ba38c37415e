import { Box, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignResults } from '../../../contracts/questions.contract';
import { themeLabel } from '../../app/campaign-labels';
import { useResultsFormat } from './results-format';

// The average per theme over the statements (1–5) of the campaign: a bar from 1 to 5 with its figure.

export function ResultsThemes({ themes }: { themes: CampaignResults['themes'] }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  if (themes.length === 0) return null;
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      component="section"
      aria-labelledby="results-themes-title"
    >
      <Title order={2} size="h4" id="results-themes-title">
        {t('questions.results.themes.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('questions.results.themes.note')}
      </Text>
      <Stack gap="sm">
        {themes.map((theme) => {
          const label = themeLabel(t, theme.theme);
          const shown = theme.average !== null;
          return (
            <Box key={theme.theme}>
              <VisuallyHidden>
                {shown
                  ? t('questions.results.themes.row', {
                      theme: label,
                      average: f.average(theme.average),
                      questions: t('questions.results.themes.questions', { count: theme.questions }),
                    })
                  : t('questions.results.themes.rowNone', { theme: label })}
              </VisuallyHidden>
              <Group gap="sm" wrap="wrap" align="center" aria-hidden>
                <Box w={{ base: '100%', sm: '38%' }}>
                  <Text size="sm" fw={500}>
                    {label}
                  </Text>
                  {shown && (
                    <Text size="xs" c="dimmed">
                      {t('questions.results.themes.questions', { count: theme.questions })}
                    </Text>
                  )}
                </Box>
                {shown ? (
                  <Group gap="sm" wrap="nowrap" style={{ flex: 1, minWidth: 180 }}>
                    <div
                      style={{
                        flex: 1,
                        height: 12,
                        borderRadius: 6,
                        background: 'var(--mantine-color-gray-2)',
                        overflow: 'hidden',
                      }}
                    >
                      <div
                        style={{
                          width: `${(Math.min(Math.max(theme.average!, 1), 5) - 1) * 25}%`,
                          height: '100%',
                          background: 'var(--mantine-color-blue-6)',
                        }}
                      />
                    </div>
                    <Text size="sm" fw={600} w={32} ta="right">
                      {f.average(theme.average)}
                    </Text>
                  </Group>
                ) : (
                  <Text size="xs" c="dimmed" style={{ flex: 1 }}>
                    {t('questions.results.themes.none')}
                  </Text>
                )}
              </Group>
            </Box>
          );
        })}
      </Stack>
    </Paper>
  );
}

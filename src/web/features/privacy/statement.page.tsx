import { Box, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../contracts/constants';
import type { PrivacyStatement } from '../../../contracts/privacy.contract';
import { apiGet, queryString } from '../../app/api-client';
import { isLanguage } from '../../app/i18n';
import { queryKeys } from '../../app/query-keys';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';

// The staff privacy statement, as the server writes it from the organisation's settings: to read on
// screen in Dutch or English, and to print for the works council and the DPIA (the app's frame and the
// controls stay off the paper).

const NO_PRINT = 'kw-no-print';
const PRINT_CSS = `
@media print {
  @page { margin: 18mm; }
  body > * > header, #main-menu, .${NO_PRINT} { display: none !important; }
  main { padding: 0 !important; }
  .kw-statement { color: #000; }
  .kw-statement section { break-inside: avoid-page; }
}`;

function useStatement(language: Language) {
  return useQuery({
    queryKey: queryKeys.privacyStatement(language),
    queryFn: () => apiGet<PrivacyStatement>(`/api/v1/privacy/statement${queryString({ language })}`),
  });
}

export function PrivacyStatementPage() {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<Language>(isLanguage(i18n.language) ? i18n.language : 'nl');
  const statement = useStatement(language);
  const data = statement.data;

  return (
    <>
      <style>{PRINT_CSS}</style>
      <Group className={NO_PRINT} justify="space-between" mb="md" gap="sm">
        <SegmentedControl
          aria-label={t('privacyStatement.language')}
          value={language}
          onChange={(value) => isLanguage(value) && setLanguage(value)}
          data={[
            { value: 'nl', label: 'Nederlands' },
            { value: 'en', label: 'English' },
          ]}
        />
        <Button variant="light" onClick={() => window.print()} disabled={!data}>
          {t('privacyStatement.print')}
        </Button>
      </Group>
      <ProblemAlert error={statement.error} />
      {!data ? (
        statement.isPending && <PageLoader />
      ) : (
        <Box className="kw-statement" lang={data.language} maw={780}>
          <PageHeader title={data.title} />
          <Stack gap="lg">
            <Text>{data.intro}</Text>
            {data.sections.map((section) => (
              <Paper
                key={section.key}
                component="section"
                withBorder
                p={{ base: 'md', sm: 'lg' }}
                aria-labelledby={`statement-${section.key}`}
              >
                <Title order={2} size="h4" mb="sm" id={`statement-${section.key}`}>
                  {section.title}
                </Title>
                <Stack gap="sm">
                  {section.paragraphs.map((paragraph) => (
                    <Text key={paragraph} size="sm">
                      {paragraph}
                    </Text>
                  ))}
                  {section.items.length > 0 && (
                    <Box component="dl" m={0}>
                      {section.items.map((item) => (
                        <Box key={item.term} mb="sm">
                          <Text component="dt" size="sm" fw={700}>
                            {item.term}
                          </Text>
                          <Text component="dd" size="sm" ms={0}>
                            {item.text}
                          </Text>
                        </Box>
                      ))}
                    </Box>
                  )}
                </Stack>
              </Paper>
            ))}
          </Stack>
        </Box>
      )}
    </>
  );
}

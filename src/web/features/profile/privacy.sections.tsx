import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FigureViewList } from '../../../contracts/privacy.contract';
import { apiGet } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';
import { useFormat } from '../../app/use-format';
import { ProblemAlert } from '../../components/problem-alert.component';

// On the profile: the way to the staff privacy statement, and who looked at my per-member figures.

export function PrivacyStatementSection({ organizationName }: { organizationName: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section">
      <Title order={2} size="h4" mb="md">
        {t('profile.privacy.title')}
      </Title>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('profile.privacy.statementIntro', { organization: organizationName })}</Text>
        <Anchor component={Link} to="/privacy-statement" size="sm" fw={600}>
          {t('profile.privacy.statementLink')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

export function FigureViewsSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const views = useQuery({
    queryKey: queryKeys.figureViews,
    queryFn: () => apiGet<FigureViewList>('/api/v1/me/figure-views'),
  });
  const data = views.data;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="figure-views-title">
      <Title order={2} size="h4" mb="xs" id="figure-views-title">
        {t('profile.privacy.viewsTitle')}
      </Title>
      <ProblemAlert error={views.error} />
      {data && (
        <Stack gap="sm">
          <Text size="sm" c="gray.7">
            {t(data.memberComparison ? 'profile.privacy.viewsOn' : 'profile.privacy.viewsOff', { days: data.keepDays })}
          </Text>
          {data.items.length === 0 ? (
            <Text size="sm">{t('profile.privacy.viewsNone')}</Text>
          ) : (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('profile.privacy.who')}</Table.Th>
                  <Table.Th scope="col">{t('profile.privacy.what')}</Table.Th>
                  <Table.Th scope="col">{t('profile.privacy.when')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{item.viewer.name}</Table.Td>
                    <Table.Td>{t(`profile.privacy.view.${item.view}`, { team: item.team?.name ?? '' })}</Table.Td>
                    <Table.Td>{format.date(item.at, true)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Paper>
  );
}

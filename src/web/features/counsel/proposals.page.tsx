import { Button, Card, Group, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ProposalSummary } from '../../../contracts/counsel.contract';
import { isLanguage } from '../../app/i18n';
import { ACCESS } from '../../app/nav.config';
import { useFormat } from '../../app/use-format';
import { useHasRole } from '../../app/use-me';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { useProposals } from './counsel.api';
import { FlaggedBadge, ProposalStatusBadge } from './counsel-badges.component';
import {
  decisionTimeText,
  isStatusFilter,
  kindLabel,
  STATUS_FILTERS,
  type StatusFilter,
  statusFilterLabel,
} from './counsel-labels';

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

/** My proposals (directors and admins: all), by status; each with where it stands and how long it took. */
export function ProposalsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const steering = useHasRole(ACCESS.decide);
  const [params, setParams] = useSearchParams();
  const asked = params.get('status');
  const status: StatusFilter = isStatusFilter(asked) ? asked : 'any';
  const proposals = useProposals(status);
  const items = proposals.data ?? [];
  const filterData = STATUS_FILTERS.map((value) => ({ value, label: statusFilterLabel(t, value) }));
  const setStatus = (value: string) => setParams(value === 'any' ? {} : { status: value }, { replace: true });

  return (
    <Stack gap="md" maw={860}>
      <PageHeader
        title={t('counsel.proposals.title')}
        description={steering ? t('counsel.proposals.introAll') : t('counsel.proposals.introMine')}
        actions={
          <Button component={Link} to="/proposals/new" size={phone ? 'sm' : 'md'}>
            {t('counsel.proposals.new')}
          </Button>
        }
      />
      {phone ? (
        <NativeSelect
          label={t('counsel.proposals.status')}
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value)}
          data={filterData}
        />
      ) : (
        <SegmentedControl
          aria-label={t('counsel.proposals.status')}
          value={status}
          onChange={setStatus}
          data={filterData}
          style={{ alignSelf: 'flex-start' }}
        />
      )}
      {proposals.error ? (
        <ProblemAlert error={proposals.error} />
      ) : !proposals.data ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Stack gap="xs" align="flex-start" py="md">
          <Text c="dimmed">
            {status === 'any' ? t('counsel.proposals.none') : t('counsel.proposals.noneWithStatus')}
          </Text>
          {status === 'any' && (
            <Button component={Link} to="/needs" variant="light">
              {t('counsel.proposals.toNeeds')}
            </Button>
          )}
        </Stack>
      ) : (
        <Stack gap="sm" component="ul" style={listStyle}>
          {items.map((proposal) => (
            <li key={proposal.id}>
              <ProposalCard proposal={proposal} showAuthor={steering && !proposal.mine} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function ProposalCard({ proposal, showAuthor }: { proposal: ProposalSummary; showAuthor: boolean }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const format = useFormat();
  const time = decisionTimeText(t, language, proposal);
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component={Link}
      to={`/proposals/${proposal.id}`}
      style={{ textDecoration: 'none', color: 'inherit' }}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {[kindLabel(t, proposal.kind), showAuthor ? proposal.authorName : '', format.date(proposal.submittedAt)]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <ProposalStatusBadge status={proposal.status} />
        </Group>
        <Text fw={600} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {proposal.title}
        </Text>
        <Text size="sm" c="dimmed" lineClamp={1} style={{ overflowWrap: 'anywhere' }}>
          {proposal.need ? t('counsel.proposals.serves', { need: proposal.need.what }) : t('counsel.brief.noNeed')}
        </Text>
        <Group justify="space-between" gap="xs" mt={2}>
          <Text size="sm">
            {[time, proposal.costCents === null ? '' : format.money(proposal.costCents / 100)]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {proposal.flagged && <FlaggedBadge />}
        </Group>
      </Stack>
    </Card>
  );
}

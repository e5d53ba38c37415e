import { Alert, Anchor, DataList, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Proposal } from '../../../contracts/counsel.contract';
import { isLanguage } from '../../app/i18n';
import { useDays } from '../../app/use-days';
import { useFormat } from '../../app/use-format';
import { useIsPhone } from '../../components/use-is-phone';
import { ProposalStatusBadge } from './counsel-badges.component';
import { decisionTimeText, kindLabel } from './counsel-labels';

const prose = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

/** One part of the brief: a heading and the advisor's words as they wrote them. */
function BriefSection({ title, text }: { title: string; text: string }) {
  return (
    <section>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      <Text size="sm" style={prose}>
        {text}
      </Text>
    </section>
  );
}

/** Why the proposal is flagged: no need named, or one the director has not recognised (yet). */
export function FlaggedNote({ proposal }: { proposal: Pick<Proposal, 'flagged' | 'need'> }) {
  const { t } = useTranslation();
  if (!proposal.flagged) return null;
  return (
    <Alert color="orange" variant="light" title={t('counsel.flaggedTitle')} p="sm">
      <Text size="sm">
        {proposal.need ? t('counsel.flaggedUnrecognised', { need: proposal.need.what }) : t('counsel.flaggedNoNeed')}
      </Text>
    </Alert>
  );
}

/**
 * The one-page brief, laid out to be read (and printed): status and kind, the need it serves, who
 * brings it, the cost and the day a decision is wanted, the time to decision; then the proposal, its
 * effect on customers and on staff, and the risks.
 */
export function ProposalBrief({
  proposal,
  withTitle = false,
  linkTitle = false,
}: {
  proposal: Proposal;
  withTitle?: boolean;
  linkTitle?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl';
  const phone = useIsPhone();
  const format = useFormat();
  const days = useDays();
  const time = decisionTimeText(t, language, proposal);
  return (
    <Stack gap="md">
      <Group gap={6} wrap="wrap">
        <ProposalStatusBadge status={proposal.status} size="md" />
        <Text size="sm" c="dimmed">
          {kindLabel(t, proposal.kind)}
        </Text>
      </Group>
      {withTitle && (
        <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {linkTitle ? (
            <Anchor component={Link} to={`/proposals/${proposal.id}`} inherit>
              {proposal.title}
            </Anchor>
          ) : (
            proposal.title
          )}
        </Title>
      )}
      <FlaggedNote proposal={proposal} />
      <DataList orientation={phone ? 'vertical' : 'horizontal'} labelWidth="11rem" gap="xs">
        <DataList.Item>
          <DataList.ItemLabel>{t('counsel.brief.need')}</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>
            {proposal.need ? (
              <>
                {proposal.need.what}
                <Text span size="sm" c={proposal.need.recognised ? 'green.8' : 'orange.8'}>
                  {' '}
                  · {proposal.need.recognised ? t('counsel.needs.recognised') : t('counsel.needs.notRecognised')}
                </Text>
              </>
            ) : (
              t('counsel.brief.noNeed')
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('counsel.brief.author')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {proposal.authorName || t('counsel.history.someone')}
            <Text span size="sm" c="dimmed">
              {' '}
              · {format.date(proposal.submittedAt)}
            </Text>
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('counsel.brief.cost')}</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>
            {proposal.costCents === null ? t('counsel.brief.noCost') : format.money(proposal.costCents / 100)}
            {proposal.costNote && (
              <Text span size="sm" c="dimmed" style={prose}>
                {' '}
                · {proposal.costNote}
              </Text>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('counsel.brief.decisionWantedBy')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {proposal.decisionWantedBy ? days.day(proposal.decisionWantedBy) : t('counsel.brief.noDay')}
          </DataList.ItemValue>
        </DataList.Item>
        {time && (
          <DataList.Item>
            <DataList.ItemLabel>{t('counsel.brief.time')}</DataList.ItemLabel>
            <DataList.ItemValue>{time}</DataList.ItemValue>
          </DataList.Item>
        )}
      </DataList>
      <BriefSection title={t('counsel.brief.proposal')} text={proposal.proposal} />
      <BriefSection title={t('counsel.brief.effectCustomers')} text={proposal.effectCustomers} />
      <BriefSection title={t('counsel.brief.effectStaff')} text={proposal.effectStaff} />
      <BriefSection title={t('counsel.brief.risks')} text={proposal.risks} />
    </Stack>
  );
}

import {
  Anchor,
  Badge,
  Box,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Chain, ChainArrow } from '../../../contracts/promises.contract';
import { useFigureFormat } from '../../app/figures-format';
import { localDay } from '../../app/format';
import { ACCESS } from '../../app/nav.config';
import { useHasRole, useSignedInMe } from '../../app/use-me';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { useChain } from './chain.api';
import { ChainDiagram } from './chain-diagram.component';
import {
  arrowKey,
  CHAIN_PRESETS,
  type ChainPreset,
  chainPeriod,
  handoffPromisesPath,
  teamFiguresPath,
  WEAK_RULE,
  weakFirst,
} from './chain-model';
import { useArrowText } from './use-arrow-text';

// The internal customer chain: which team hands work to which, how often on time, how the receiving
// team rated it, and where it breaks. Every arrow leads to the promises behind it.

export function ChainPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const seesAll = useHasRole(ACCESS.allPromises);
  const timeZone = me.activeOrganization?.timeZone ?? 'Europe/Amsterdam';
  const [preset, setPreset] = useState<ChainPreset>('90');
  const period = chainPeriod(preset, localDay(new Date(), timeZone));
  const chain = useChain(period.from, period.to);

  return (
    <Box maw={960}>
      <PageHeader title={t('chain.title')} description={t('chain.intro')} />
      <Stack gap="lg">
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            label={t('chain.period')}
            value={preset}
            onChange={(event) => setPreset(event.currentTarget.value as ChainPreset)}
            data={CHAIN_PRESETS.map((value) => ({ value, label: t(`chain.presets.p${value}`) }))}
          />
        </Group>
        <Text size="sm" c="dimmed">
          {t('chain.explain', {
            minimum: WEAK_RULE.minimum,
            percent: WEAK_RULE.onTimePercent,
            rating: WEAK_RULE.rating,
          })}
        </Text>

        {chain.error ? (
          <ProblemAlert error={chain.error} />
        ) : !chain.data ? (
          <PageLoader />
        ) : chain.data.arrows.length === 0 ? (
          <Paper withBorder radius="md" p="md">
            <Text c="dimmed">{t('chain.empty')}</Text>
          </Paper>
        ) : (
          <ChainBody chain={chain.data} scope={seesAll ? 'all' : 'team'} />
        )}
      </Stack>
    </Box>
  );
}

function ChainBody({ chain, scope }: { chain: Chain; scope: 'all' | 'team' }) {
  const { t } = useTranslation();
  const arrows = weakFirst(chain.arrows);
  const arrowPath = (arrow: ChainArrow) => handoffPromisesPath(arrow, chain, scope);
  return (
    <Stack gap="lg">
      <WeakLinks arrows={arrows.filter((a) => a.weak)} arrowPath={arrowPath} />
      <Paper
        withBorder
        radius="md"
        p={{ base: 'xs', sm: 'md' }}
        component="section"
        aria-labelledby="chain-picture-title"
      >
        <Title order={2} size="h4" mb="xs" id="chain-picture-title">
          {t('chain.pictureTitle')}
        </Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t('chain.legend')}
        </Text>
        <ChainDiagram chain={chain} arrowPath={arrowPath} nodePath={teamFiguresPath} />
      </Paper>
      <ArrowTable arrows={arrows} arrowPath={arrowPath} />
    </Stack>
  );
}

function WeakLinks({ arrows, arrowPath }: { arrows: ChainArrow[]; arrowPath: (arrow: ChainArrow) => string }) {
  const { t } = useTranslation();
  const text = useArrowText();
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="chain-weak-title"
      style={arrows.length ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Title order={2} size="h4" mb="xs" id="chain-weak-title" c={arrows.length ? 'red.8' : undefined}>
        {t('chain.weakTitle')}
      </Title>
      {arrows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('chain.weakNone')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {arrows.map((arrow) => (
            <li key={arrowKey(arrow)}>
              <Anchor component={Link} to={arrowPath(arrow)} fw={600} c="red.8" style={{ overflowWrap: 'anywhere' }}>
                {t('chain.fromTo', { from: arrow.from.name, to: arrow.to.name })}
              </Anchor>
              <Text size="sm" c="dimmed">
                {text.sentence(arrow)}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** Every arrow as a row: the picture's accessible alternative. A row opens the promises behind it. */
function ArrowTable({ arrows, arrowPath }: { arrows: ChainArrow[]; arrowPath: (arrow: ChainArrow) => string }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const text = useArrowText();
  const f = useFigureFormat();
  return (
    <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="chain-table-title">
      <Title order={2} size="h4" mb="sm" id="chain-table-title">
        {t('chain.table.title')}
      </Title>
      <Table verticalSpacing="xs" horizontalSpacing={phone ? 6 : 'sm'} highlightOnHover fz={phone ? 'xs' : 'sm'}>
        <Table.Thead>
          <Table.Tr>
            {phone ? (
              <Table.Th>{t('chain.table.handoff')}</Table.Th>
            ) : (
              <>
                <Table.Th>{t('chain.table.from')}</Table.Th>
                <Table.Th>{t('chain.table.to')}</Table.Th>
              </>
            )}
            <Table.Th ta="right">{phone ? t('chain.table.handoffsShort') : t('chain.table.handoffs')}</Table.Th>
            <Table.Th ta="right">{t('chain.table.onTime')}</Table.Th>
            <Table.Th ta="right">{phone ? t('chain.table.ratingShort') : t('chain.table.rating')}</Table.Th>
            <Table.Th ta="right">{phone ? t('chain.table.thanksShort') : t('chain.table.thanks')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {arrows.map((arrow) => {
            const path = arrowPath(arrow);
            const link = (
              <Anchor
                component={Link}
                to={path}
                c={arrow.weak ? 'red.8' : undefined}
                fw={arrow.weak ? 600 : undefined}
                fz="inherit"
                onClick={(event) => event.stopPropagation()}
              >
                {phone ? t('chain.fromTo', { from: arrow.from.name, to: arrow.to.name }) : arrow.from.name}
                {/* The whole sentence for a screen reader, after the words shown (a name must hold what is seen). */}
                <VisuallyHidden>: {text.sentence(arrow)}</VisuallyHidden>
              </Anchor>
            );
            return (
              <Table.Tr key={arrowKey(arrow)} onClick={() => void navigate(path)} style={{ cursor: 'pointer' }}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {link}
                  {arrow.weak && (
                    <Badge color="red" variant="light" size="xs" ml={6}>
                      {t('chain.table.weak')}
                    </Badge>
                  )}
                </Table.Td>
                {!phone && <Table.Td style={{ overflowWrap: 'anywhere' }}>{arrow.to.name}</Table.Td>}
                <Table.Td ta="right">{f.count(arrow.handoffs)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {phone ? f.share(arrow.onTimeShare) : text.onTime(arrow)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {phone ? f.rating(arrow.averageRating) : text.rating(arrow)}
                </Table.Td>
                <Table.Td ta="right">{f.count(arrow.thanks)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

import { Box, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Tower } from '../../../contracts/tower.contract';
import { type QuestionTheme, THEME_ORDER, themeLabel } from '../../app/campaign-labels';
import { PageHeader } from '../../components/page-header.component';
import { PageLoader } from '../../components/page-loader.component';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useTower } from './tower.api';
import { ChangeLine, Figure, hasWeeks, Sparkline, Tile, useTowerText } from './tower-blocks.component';
import {
  euros,
  extrasPath,
  isEmptyCount,
  percent,
  percentStep,
  promisesPath,
  resultsPath,
  voicePath,
} from './tower-model';

// The tower: the director's overview of every module on one screen. Each tile has its main figures,
// the change against the 28 days (or the round) before in words, twelve weeks as a sparkline with the
// weeks in words for a screen reader, and links to the detail. One column on a phone, up to four wide.

export function TowerPage() {
  const { t } = useTranslation();
  const tower = useTower();
  return (
    <Box maw={1400}>
      <PageHeader title={t('tower.title')} description={t('tower.intro')} />
      {tower.error ? (
        <ProblemAlert error={tower.error} />
      ) : !tower.data ? (
        <PageLoader />
      ) : (
        <TowerBody tower={tower.data} />
      )}
    </Box>
  );
}

function TowerBody({ tower }: { tower: Tower }) {
  const x = useTowerText();
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {x.t('tower.period', { from: x.day(tower.period.from), to: x.day(tower.period.to) })}
      </Text>
      <SimpleGrid
        type="container"
        cols={{ base: 1, '560px': 2, '880px': 3, '1180px': 4 }}
        spacing="md"
        verticalSpacing="md"
      >
        <ExtrasTile tower={tower} />
        <MandateTile tower={tower} />
        <VoiceTile tower={tower} />
        <PromisesTile tower={tower} />
        <WeakestLinkTile tower={tower} />
        <CoreQuestionsTile tower={tower} />
        <CounselTile tower={tower} />
      </SimpleGrid>
    </Stack>
  );
}

// ---- The tiles ----

function ExtrasTile({ tower }: { tower: Tower }) {
  const x = useTowerText();
  const e = tower.extras;
  const empty = isEmptyCount(e.count, e.previousCount, e.weekly);
  return (
    <Tile
      title={x.t('tower.extras.title')}
      links={[
        { to: extrasPath(tower.period), label: x.t('tower.extras.toList') },
        { to: '/what-works', label: x.t('tower.extras.toWhatWorks') },
      ]}
    >
      <Figure
        main
        label={x.t('tower.extras.count')}
        value={empty ? null : x.figure(e.count, 'count')}
        change={x.change(e.count, e.previousCount, 'count')}
      />
      <Figure
        label={x.t('tower.extras.positive')}
        value={percent(e.positiveShare, x.language)}
        change={x.change(e.positiveShare, e.previousPositiveShare, 'share')}
      />
      {!empty && (
        <Sparkline
          tile="extras"
          weekly={e.weekly}
          values={e.weekly.map((w) => w.count)}
          range={{ min: 0 }}
          caption={x.t('tower.extras.sparkCaption')}
        />
      )}
    </Tile>
  );
}

function MandateTile({ tower }: { tower: Tower }) {
  const x = useTowerText();
  const m = tower.mandate;
  const empty = isEmptyCount(m.spentCents, m.previousSpentCents, m.weekly, (w) => w.value);
  return (
    <Tile title={x.t('tower.mandate.title')} links={[{ to: '/mandates', label: x.t('tower.mandate.toList') }]}>
      <Figure
        main
        label={x.t('tower.mandate.spent')}
        value={empty ? null : euros(m.spentCents, x.language)}
        change={x.change(m.spentCents, m.previousSpentCents, 'cents', { better: 'neither' })}
      />
      <Figure
        label={x.t('tower.mandate.above')}
        value={x.figure(m.aboveMandate, 'count')}
        change={x.change(m.aboveMandate, m.previousAboveMandate, 'count', { better: 'down' })}
      />
      {!empty && (
        <Sparkline
          tile="mandate"
          weekly={m.weekly}
          values={m.weekly.map((w) => w.value)}
          range={{ min: 0 }}
          caption={x.t('tower.mandate.sparkCaption')}
        />
      )}
    </Tile>
  );
}

function VoiceTile({ tower }: { tower: Tower }) {
  const x = useTowerText();
  const v = tower.voice;
  const empty = isEmptyCount(v.count, v.previousCount, v.weekly);
  return (
    <Tile
      title={x.t('tower.voice.title')}
      links={[
        { to: voicePath(tower.period), label: x.t('tower.voice.toList') },
        { to: '/customer-voice/follow-ups', label: x.t('tower.voice.toFollowups') },
      ]}
    >
      <Figure
        main
        label={x.t('tower.voice.count')}
        value={empty ? null : x.figure(v.count, 'count')}
        change={x.change(v.count, v.previousCount, 'count')}
      />
      <Figure
        label={x.t('tower.voice.average')}
        value={x.figure(v.average, 'rating')}
        change={x.change(v.average, v.previousAverage, 'rating')}
      />
      <SimpleGrid cols={2} spacing="sm">
        <Figure label={x.t('tower.voice.veryNegative')} value={x.figure(v.veryNegative, 'count')} />
        <Figure
          label={x.t('tower.voice.followups')}
          value={x.figure(v.openFollowups, 'count')}
          note={v.lateFollowups > 0 ? x.t('tower.voice.late', { n: x.figure(v.lateFollowups, 'count')! }) : null}
        />
      </SimpleGrid>
      {hasWeeks(v.weekly) && (
        <Sparkline
          tile="voice"
          weekly={v.weekly}
          values={v.weekly.map((w) => w.value)}
          range={{ min: 1, max: 5 }}
          caption={x.t('tower.voice.sparkCaption')}
        />
      )}
    </Tile>
  );
}

function PromisesTile({ tower }: { tower: Tower }) {
  const x = useTowerText();
  const p = tower.promises;
  return (
    <Tile
      title={x.t('tower.promises.title')}
      links={[
        { to: promisesPath('atRisk'), label: x.t('tower.promises.toAtRisk') },
        { to: promisesPath('open'), label: x.t('tower.promises.toOpen') },
      ]}
    >
      <Figure
        main
        label={x.t('tower.promises.kept')}
        value={percent(p.keptShare, x.language)}
        note={
          p.settled > 0 ? x.t('tower.promises.settled', { count: p.settled, n: x.figure(p.settled, 'count')! }) : null
        }
        change={x.change(p.keptShare, p.previousKeptShare, 'share')}
      />
      <SimpleGrid cols={2} spacing="sm">
        <Figure label={x.t('tower.promises.atRisk')} value={x.figure(p.atRisk, 'count')} />
        <Figure label={x.t('tower.promises.open')} value={x.figure(p.open, 'count')} />
      </SimpleGrid>
      {hasWeeks(p.weekly) && (
        <Sparkline
          tile="promises"
          weekly={p.weekly}
          values={p.weekly.map((w) => w.value)}
          range={{ min: 0, max: 1 }}
          caption={x.t('tower.promises.sparkCaption')}
        />
      )}
    </Tile>
  );
}

function WeakestLinkTile({ tower }: { tower: Tower }) {
  const x = useTowerText();
  const link = tower.weakestLink;
  return (
    <Tile title={x.t('tower.weakest.title')} links={[{ to: '/chain', label: x.t('tower.weakest.toChain') }]}>
      {!link ? (
        <Text size="sm" c="dimmed">
          {x.t('tower.weakest.none')}
        </Text>
      ) : (
        <>
          <div>
            <Text fw={700} size="lg" lh={1.3} style={{ overflowWrap: 'anywhere' }}>
              {x.t('tower.weakest.fromTo', { from: link.from.name, to: link.to.name })}
            </Text>
            <Text size="xs" c="dimmed">
              {x.t('tower.weakest.handoffs', { count: link.handoffs, n: x.figure(link.handoffs, 'count')! })}
            </Text>
          </div>
          <SimpleGrid cols={2} spacing="sm">
            <Figure label={x.t('tower.weakest.onTime')} value={percent(link.onTimeShare, x.language)} />
            <Figure label={x.t('tower.weakest.rating')} value={x.figure(link.averageRating, 'rating')} />
          </SimpleGrid>
        </>
      )}
    </Tile>
  );
}

const isTheme = (theme: string): theme is QuestionTheme => (THEME_ORDER as readonly string[]).includes(theme);

function CoreQuestionsTile({ tower }: { tower: Tower }) {
  const x = useTowerText();
  const q = tower.coreQuestions;
  if (!q) {
    return (
      <Tile title={x.t('tower.questions.title')} links={[{ to: '/questions', label: x.t('tower.questions.toList') }]}>
        <div>
          <Text size="md" fw={500} c="dimmed">
            {x.t('tower.noData')}
          </Text>
          <Text size="sm" c="dimmed">
            {x.t('tower.questions.none')}
          </Text>
        </div>
      </Tile>
    );
  }
  return (
    <Tile
      title={x.t('tower.questions.title')}
      links={[{ to: resultsPath(q.campaignId), label: x.t('tower.questions.toResults') }]}
    >
      <div>
        <Text fw={700} size="lg" lh={1.3} style={{ overflowWrap: 'anywhere' }}>
          {q.title}
        </Text>
        <Text size="xs" c="dimmed">
          {x.t('tower.questions.closedOn', { day: x.day(q.closesOn) })}
        </Text>
        {q.previousTitle && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {x.t('tower.questions.comparedWith', { title: q.previousTitle })}
          </Text>
        )}
      </div>
      <SimpleGrid cols={2} spacing="sm">
        <Figure
          label={x.t('tower.questions.responseRate')}
          value={q.responseRate && percentStep(q.responseRate, x.language)}
        />
        <Figure
          label={x.t('tower.questions.promoterScore')}
          value={x.figure(q.promoterScore, 'score')}
          change={x.change(q.promoterScore, q.previousPromoterScore, 'score', { against: 'round' })}
        />
      </SimpleGrid>
      {q.themes.length > 0 && (
        <div>
          <Text size="sm" c="dimmed" mb={4}>
            {x.t('tower.questions.themes')}
          </Text>
          <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {q.themes.map((theme) => {
              const value = x.figure(theme.average, 'rating');
              const change = x.change(theme.average, theme.previous, 'rating', { against: 'round' });
              return (
                <li key={theme.theme}>
                  <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
                    <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                      {isTheme(theme.theme) ? themeLabel(x.t, theme.theme) : theme.theme}
                    </Text>
                    <Text size="sm" fw={700} c={value === null ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
                      {value ?? x.t('tower.noData')}
                    </Text>
                  </Group>
                  {value !== null && change && <ChangeLine change={change} />}
                </li>
              );
            })}
          </Stack>
        </div>
      )}
    </Tile>
  );
}

function CounselTile({ tower }: { tower: Tower }) {
  const x = useTowerText();
  const c = tower.counsel;
  return (
    <Tile
      title={x.t('tower.counsel.title')}
      links={[
        { to: '/decision-queue', label: x.t('tower.counsel.toQueue') },
        { to: '/needs', label: x.t('tower.counsel.toNeeds') },
      ]}
    >
      <Figure main label={x.t('tower.counsel.queue')} value={x.figure(c.queue, 'count')} />
      <SimpleGrid cols={2} spacing="sm">
        <Figure
          label={x.t('tower.counsel.oldest')}
          value={c.queue === 0 ? x.t('tower.counsel.noneWaiting') : x.days(c.oldestWaitingDays)}
        />
        <Figure label={x.t('tower.counsel.median')} value={x.days(c.medianDaysToDecision)} />
      </SimpleGrid>
      <Figure
        label={x.t('tower.counsel.needs')}
        value={x.figure(c.needsRecognised, 'count')}
        note={
          c.needsWaiting > 0
            ? x.t('tower.counsel.needsWaiting', { count: c.needsWaiting, n: x.figure(c.needsWaiting, 'count')! })
            : null
        }
      />
    </Tile>
  );
}

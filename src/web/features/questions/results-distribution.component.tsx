import { Box, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Figures } from '../../../contracts/questions.contract';
import { useResultsFormat } from './results-format';
import {
  type Band,
  bandOf,
  distributionSegments,
  roundedPercents,
  type ScoredKind,
  type Segment,
  scoreLabel,
} from './results-model';

// How the answers to one question were spread. A statement (1–5): one stacked bar from "strongly
// disagree" to "strongly agree". A 0–10 question: a small bar per score, coloured as detractor,
// passive or promoter. The chart carries the figures as its text alternative; the legend repeats
// them for the eye only.

/** Red for disagreement, grey for neutral, blue for agreement: readable without telling red from green. */
const AGREE_COLORS: Record<number, { fill: string; ink: string }> = {
  1: { fill: 'var(--mantine-color-red-8)', ink: 'var(--mantine-color-white)' },
  2: { fill: 'var(--mantine-color-red-3)', ink: 'var(--mantine-color-dark-7)' },
  3: { fill: 'var(--mantine-color-gray-4)', ink: 'var(--mantine-color-dark-7)' },
  4: { fill: 'var(--mantine-color-blue-3)', ink: 'var(--mantine-color-dark-7)' },
  5: { fill: 'var(--mantine-color-blue-8)', ink: 'var(--mantine-color-white)' },
};
const BAND_COLORS: Record<Band, string> = {
  low: 'var(--mantine-color-red-6)',
  middle: 'var(--mantine-color-gray-5)',
  high: 'var(--mantine-color-blue-7)',
};

/** A segment wide enough to carry its percentage inside. */
const LABEL_MIN_SHARE = 0.1;

export function DistributionChart({ kind, figures }: { kind: ScoredKind; figures: Figures }) {
  const f = useResultsFormat();
  if (figures.status !== 'shown' || !figures.distribution) return null;
  const segments = distributionSegments(kind, figures.distribution);
  return (
    <Box role="img" aria-label={f.describe(kind, figures)}>
      <Box aria-hidden>
        {kind === 'agree5' ? <StackedBar segments={segments} /> : <ScoreBars segments={segments} />}
      </Box>
    </Box>
  );
}

function Swatch({ color }: { color: string }) {
  return (
    <span
      style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: color, flexShrink: 0 }}
    />
  );
}

function StackedBar({ segments }: { segments: Segment[] }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  return (
    <>
      <div
        style={{
          display: 'flex',
          height: 24,
          borderRadius: 4,
          overflow: 'hidden',
          background: 'var(--mantine-color-gray-1)',
        }}
      >
        {segments
          .filter((s) => s.count > 0)
          .map((s) => (
            <div
              key={s.score}
              style={{
                width: `${s.share * 100}%`,
                background: AGREE_COLORS[s.score]!.fill,
                color: AGREE_COLORS[s.score]!.ink,
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
                fontSize: 12,
                fontWeight: 600,
                minWidth: 2,
              }}
            >
              {s.share >= LABEL_MIN_SHARE ? f.percent(s.percent) : ''}
            </div>
          ))}
      </div>
      <Group gap="xs" mt={6} wrap="wrap">
        {segments.map((s) => (
          <Group key={s.score} gap={4} wrap="nowrap">
            <Swatch color={AGREE_COLORS[s.score]!.fill} />
            <Text size="xs" c="dimmed">
              {scoreLabel(t, 'agree5', s.score)} {f.percent(s.percent)}
            </Text>
          </Group>
        ))}
      </Group>
    </>
  );
}

const VIEW = { width: 330, height: 96, top: 14, bottom: 16 };

function ScoreBars({ segments }: { segments: Segment[] }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const plot = VIEW.height - VIEW.top - VIEW.bottom;
  const slot = VIEW.width / segments.length;
  const barWidth = slot * 0.7;
  const base = VIEW.top + plot;
  const most = Math.max(...segments.map((s) => s.share)) || 1;
  const bands = (['low', 'middle', 'high'] as const).map((band) =>
    segments.filter((s) => bandOf('scale10', s.score) === band).reduce((a, s) => a + s.count, 0),
  );
  const bandPercents = roundedPercents(bands);
  const bandLabels = [
    t('questions.results.scale.detractors'),
    t('questions.results.scale.passives'),
    t('questions.results.scale.promoters'),
  ];
  return (
    <>
      {/* biome-ignore lint/a11y/noSvgWithoutTitle: each bar's percentage and score are text inside the picture, read in order */}
      <svg
        viewBox={`0 0 ${VIEW.width} ${VIEW.height}`}
        width="100%"
        style={{ display: 'block', height: 'auto', maxWidth: 520 }}
      >
        <line x1={0} x2={VIEW.width} y1={base} y2={base} stroke="var(--mantine-color-gray-4)" />
        {segments.map((s, i) => {
          const center = slot * i + slot / 2;
          const height = (s.share / most) * plot;
          return (
            <g key={s.score}>
              {s.count > 0 && (
                <rect
                  x={center - barWidth / 2}
                  y={base - height}
                  width={barWidth}
                  height={Math.max(height, 1)}
                  rx={2}
                  fill={BAND_COLORS[bandOf('scale10', s.score)]}
                />
              )}
              {s.count > 0 && (
                <text
                  x={center}
                  y={base - height - 3}
                  textAnchor="middle"
                  fontSize={9}
                  fill="var(--mantine-color-dark-6)"
                >
                  {f.percent(s.percent)}
                </text>
              )}
              <text x={center} y={VIEW.height - 3} textAnchor="middle" fontSize={10} fill="var(--mantine-color-dimmed)">
                {s.score}
              </text>
            </g>
          );
        })}
      </svg>
      <Group gap="sm" mt={4} wrap="wrap">
        {(['low', 'middle', 'high'] as const).map((band, i) => (
          <Group key={band} gap={4} wrap="nowrap">
            <Swatch color={BAND_COLORS[band]} />
            <Text size="xs" c="dimmed">
              {bandLabels[i]} {f.percent(bandPercents[i]!)}
            </Text>
          </Group>
        ))}
      </Group>
    </>
  );
}

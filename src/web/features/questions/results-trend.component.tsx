import { Box, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Figures, QuestionResult } from '../../../contracts/questions.contract';
import { useDays } from '../../app/use-days';
import { useResultsFormat } from './results-format';
import { formatTrendValue, type ScoredKind, sparklinePoints, trendRange, trendText, trendValue } from './results-model';

// The same question in earlier campaigns for the same group: a sparkline ending in this campaign,
// and the figures written out beside it (the sparkline's label says them all).

const SPARK = { width: 120, height: 32 };

export function ResultsTrend({
  kind,
  trend,
  current,
}: {
  kind: ScoredKind;
  trend: QuestionResult['trend'];
  current: Figures;
}) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const days = useDays();
  if (trend.length === 0) return null;
  const entries = trend.map((p) => ({ title: p.title, date: days.day(p.closesOn), figures: p }));
  const values = [...trend.map((p) => trendValue(kind, p)), trendValue(kind, current)];
  const points = sparklinePoints(values, trendRange(kind), SPARK.width, SPARK.height);
  // A line through the figures that are there; a withheld one is left out, its neighbours joined.
  const path = points
    .flatMap((p) => (p ? [`${p.x.toFixed(1)},${p.y.toFixed(1)}`] : []))
    .map((xy, i) => `${i === 0 ? 'M' : 'L'}${xy}`)
    .join(' ');
  return (
    <Box mt="xs">
      <Text size="xs" fw={600} c="dimmed">
        {t('questions.results.trend.title')}
      </Text>
      <Group
        gap="sm"
        align="center"
        wrap="wrap"
        role="img"
        aria-label={trendText(t, f.language, kind, entries, current)}
      >
        <svg width={SPARK.width} height={SPARK.height} aria-hidden style={{ flexShrink: 0, overflow: 'visible' }}>
          <line
            x1={0}
            x2={SPARK.width}
            y1={SPARK.height / 2}
            y2={SPARK.height / 2}
            stroke="var(--mantine-color-gray-2)"
          />
          {path && <path d={path} fill="none" stroke="var(--mantine-color-blue-5)" strokeWidth={1.5} />}
          {points.map((p, i) =>
            p ? (
              <circle
                // biome-ignore lint/suspicious/noArrayIndexKey: one point per round, in a fixed order
                key={i}
                cx={p.x}
                cy={p.y}
                r={i === points.length - 1 ? 3.5 : 2.5}
                fill={i === points.length - 1 ? 'var(--mantine-color-blue-8)' : 'var(--mantine-color-blue-5)'}
              />
            ) : null,
          )}
        </svg>
        <Text size="xs" c="dimmed" aria-hidden style={{ flex: '1 1 12rem', minWidth: 0 }}>
          {[
            ...entries.map((e) => `${e.title}: ${formatTrendValue(t, f.language, kind, e.figures)}`),
            `${t('questions.results.trend.now')}: ${formatTrendValue(t, f.language, kind, current)}`,
          ].join(' · ')}
        </Text>
      </Group>
    </Box>
  );
}

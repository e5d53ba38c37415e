import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Language } from '../../../contracts/constants';
import type { Tower } from '../../../contracts/tower.contract';
import { isLanguage } from '../../app/i18n';
import { formatDay } from '../../app/use-days';
import {
  type ChangeView,
  changeText,
  type Direction,
  formatFigure,
  type Measure,
  sparkline,
  type Tone,
  type WeeklyTile,
  weeksText,
} from './tower-model';

/* The control tower's building blocks: the tile, a figure with its change, the twelve-week line. */

/** The interface's language and the words that turn the model's figures into text. */
export function useTowerText() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'nl';
  return {
    t,
    language,
    figure: (value: number | null, measure: Measure) => formatFigure(value, measure, language),
    change: (
      current: number | null,
      previous: number | null,
      measure: Measure,
      options?: Parameters<typeof changeText>[5],
    ) => changeText(t, language, current, previous, measure, options),
    day: (day: string) => formatDay(day, language),
    days: (value: number | null) => {
      if (value === null) return null;
      const rounded = Math.round(value * 10) / 10;
      return t('tower.counsel.days', { count: rounded, days: formatFigure(rounded, 'days', language)! });
    },
  };
}

export interface TileLink {
  to: string;
  label: string;
}

export function Tile({ title, links, children }: { title: string; links: TileLink[]; children: ReactNode }) {
  const titleId = useId();
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={titleId}
      style={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}
    >
      <Title order={2} size="h4" mb="sm" id={titleId}>
        {title}
      </Title>
      <Stack gap="sm" style={{ flex: 1 }}>
        {children}
      </Stack>
      <Group gap="md" mt="md" wrap="wrap">
        {links.map((link) => (
          <Anchor key={link.to} component={Link} to={link.to} size="sm" fw={500}>
            {link.label}
            <span aria-hidden> →</span>
          </Anchor>
        ))}
      </Group>
    </Paper>
  );
}

const ARROWS: Record<Direction, string> = { up: '↑', down: '↓', same: '→' };
/** Colour only adds to the words and the arrow: better is teal, worse is red, the rest grey. */
const TONE_COLORS: Record<Tone, string> = { good: 'teal.8', bad: 'red.8', neutral: 'dimmed' };

export function ChangeLine({ change }: { change: ChangeView }) {
  return (
    <Text size="xs" c={TONE_COLORS[change.tone]} fw={change.tone === 'neutral' ? undefined : 500}>
      {change.direction && <span aria-hidden>{ARROWS[change.direction]} </span>}
      {change.text}
    </Text>
  );
}

/** A labelled figure, "Nog geen gegevens" when there is none, with what it is out of and its change. */
export function Figure({
  label,
  value,
  note,
  change,
  main = false,
}: {
  label: string;
  value: string | null;
  note?: string | null;
  change?: ChangeView | null;
  main?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {value === null ? (
        <Text size={main ? 'md' : 'sm'} fw={500} c="dimmed">
          {t('tower.noData')}
        </Text>
      ) : (
        <Text fz={main ? 28 : 'lg'} fw={700} lh={1.25} style={{ overflowWrap: 'anywhere' }}>
          {value}
          {note && (
            <Text span size="sm" c="dimmed" fw={400}>
              {' '}
              {note}
            </Text>
          )}
        </Text>
      )}
      {value !== null && change && <ChangeLine change={change} />}
    </div>
  );
}

const SPARK_BOX = { width: 200, height: 40, pad: 4 };

/** Some week has a figure: else there is no line to draw (the tile says "Nog geen gegevens"). */
export const hasWeeks = (weekly: Tower['extras']['weekly']) => weekly.some((w) => w.value !== null);

/** Twelve weeks as a line; the weeks in words are the picture's label for a screen reader. */
export function Sparkline({
  tile,
  weekly,
  values,
  range,
  caption,
}: {
  tile: WeeklyTile;
  weekly: Tower['extras']['weekly'];
  values: (number | null)[];
  range: { min?: number; max?: number };
  caption: string;
}) {
  const x = useTowerText();
  const s = sparkline(values, SPARK_BOX, range);
  const base = SPARK_BOX.height - SPARK_BOX.pad;
  return (
    <div>
      <Text size="xs" c="dimmed" mb={2}>
        {caption}
      </Text>
      <svg
        viewBox={`0 0 ${SPARK_BOX.width} ${SPARK_BOX.height}`}
        width={SPARK_BOX.width}
        height={SPARK_BOX.height}
        role="img"
        aria-label={weeksText(x.t, x.language, tile, weekly)}
        style={{ display: 'block', maxWidth: '100%', height: 'auto', overflow: 'visible' }}
      >
        <line x1={0} x2={SPARK_BOX.width} y1={base} y2={base} stroke="var(--mantine-color-gray-3)" />
        {s.lines.map((points) => (
          <polyline
            key={points}
            points={points}
            fill="none"
            stroke="var(--mantine-color-blue-6)"
            strokeWidth={2}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        ))}
        {s.dots.map((dot) => (
          <circle key={`${dot.x},${dot.y}`} cx={dot.x} cy={dot.y} r={2.5} fill="var(--mantine-color-blue-6)" />
        ))}
        {s.last && <circle cx={s.last.x} cy={s.last.y} r={3.5} fill="var(--mantine-color-blue-8)" />}
      </svg>
    </div>
  );
}

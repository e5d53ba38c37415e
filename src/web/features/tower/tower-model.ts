import type { TFunction } from 'i18next';
import type { Language } from '../../../contracts/constants';
import type { Tower } from '../../../contracts/tower.contract';
import { formatMoney, formatNumber, localeOf, numberFormat } from '../../app/format';
import { formatDay } from '../../app/use-days';

// The tower's logic, pure so it is tested beside it: figures as text, the change against the period
// (or round) before in signs and words, the twelve weeks as a sparkline and as a sentence.

export type Week = Tower['extras']['weekly'][number];

/**
 * How a figure is shown: a count, a share (0–1, as a whole percentage), a rating on five points (one
 * decimal), an amount in cents (in euros), a promoter score (-100 to 100, signed) or days (at most one decimal).
 */
export type Measure = 'count' | 'share' | 'rating' | 'cents' | 'score' | 'days';

/** Which way is better for a figure: it only picks the colour, the words say the rest. */
export type Better = 'up' | 'down' | 'neither';

/** What a change is compared with: the 28 days before, or the round of core questions before. */
export type Against = 'period' | 'round';

export type Direction = 'up' | 'down' | 'same';
export type Tone = 'good' | 'bad' | 'neutral';

/** A figure as text in the language; null when there is none (the page says "nog geen gegevens"). */
export function formatFigure(value: number | null, measure: Measure, language: Language): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  const locale = localeOf(language);
  switch (measure) {
    case 'count':
      return formatNumber(value, language);
    case 'share':
      return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
    case 'rating':
      return numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'days':
      return numberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    case 'cents':
      return euros(value, language);
    case 'score':
      return numberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(Math.round(value));
  }
}

/** Cents in euros: 123456 → "€ 1.234,56" / "€1,234.56". */
export function euros(cents: number, language: Language): string {
  return formatMoney(cents / 100, language);
}

/** A share as a whole percentage: 0.834 → "83%"; null → null. */
export function percent(share: number | null, language: Language): string | null {
  return formatFigure(share, 'share', language);
}

/** A share given as a step (the core questions' response: never a count), "40–60%". */
export function percentStep(step: { min: number; max: number }, language: Language): string | null {
  const [min, max] = [percent(step.min, language), percent(step.max, language)];
  return min === max ? min : `${min?.replace(/\s*%$/, '')}–${max}`;
}

/** A figure in the units it is shown in (whole percentage points, tenths of a rating), so equal figures never differ. */
function shown(value: number, measure: Measure): number {
  switch (measure) {
    case 'share':
      return Math.round(value * 100);
    case 'rating':
    case 'days':
      return Math.round(value * 10);
    default:
      return Math.round(value);
  }
}

export interface Change {
  direction: Direction;
  /** The difference in the units shown: a count, percentage points, tenths, cents or score points. */
  delta: number;
  tone: Tone;
}

/** The change of a figure against the one before; null when either is missing. */
export function changeOf(
  current: number | null,
  previous: number | null,
  measure: Measure,
  better: Better = 'up',
): Change | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const delta = shown(current, measure) - shown(previous, measure);
  const direction: Direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'same';
  const tone: Tone = direction === 'same' || better === 'neither' ? 'neutral' : direction === better ? 'good' : 'bad';
  return { direction, delta, tone };
}

/** "+" or "−" (a real minus sign, which screen readers read as "min") and the size of the change. */
export function deltaText(t: TFunction, change: Change, measure: Measure, language: Language): string {
  const sign = change.delta > 0 ? '+' : change.delta < 0 ? '−' : '';
  const size = Math.abs(change.delta);
  switch (measure) {
    case 'share':
      return `${sign}${t('tower.change.points', { count: size, points: formatNumber(size, language) })}`;
    case 'rating':
    case 'days':
      return `${sign}${formatFigure(size / 10, measure, language)}`;
    case 'cents':
      return `${sign}${euros(size, language)}`;
    default:
      return `${sign}${formatNumber(size, language)}`;
  }
}

export interface ChangeView {
  /** ↑, ↓ or →, beside the words (for the eye only: the words carry the direction). */
  direction: Direction | null;
  tone: Tone;
  text: string;
}

/**
 * The change as words: "+12 tegen de 28 dagen ervoor", "gelijk aan de 28 dagen ervoor", "de 28 dagen
 * ervoor hadden nog geen gegevens"; null when neither period has a figure.
 */
export function changeText(
  t: TFunction,
  language: Language,
  current: number | null,
  previous: number | null,
  measure: Measure,
  options: { better?: Better; against?: Against } = {},
): ChangeView | null {
  const against = options.against ?? 'period';
  const hasCurrent = current !== null && Number.isFinite(current);
  const hasPrevious = previous !== null && Number.isFinite(previous);
  if (!hasCurrent && !hasPrevious) return null;
  if (!hasPrevious) {
    const text = against === 'round' ? t('tower.change.round.noPrevious') : t('tower.change.period.noPrevious');
    return { direction: null, tone: 'neutral', text };
  }
  if (!hasCurrent) {
    const figure = formatFigure(previous, measure, language)!;
    const text =
      against === 'round'
        ? t('tower.change.round.onlyPrevious', { previous: figure })
        : t('tower.change.period.onlyPrevious', { previous: figure });
    return { direction: null, tone: 'neutral', text };
  }
  const change = changeOf(current, previous, measure, options.better ?? 'up')!;
  if (change.direction === 'same') {
    return {
      direction: 'same',
      tone: 'neutral',
      text: against === 'round' ? t('tower.change.round.same') : t('tower.change.period.same'),
    };
  }
  const delta = deltaText(t, change, measure, language);
  const text = against === 'round' ? t('tower.change.round.diff', { delta }) : t('tower.change.period.diff', { delta });
  return { direction: change.direction, tone: change.tone, text };
}

/** Nothing was counted in either period nor in any of the twelve weeks: no data yet, not "0". */
export function isEmptyCount(
  current: number,
  previous: number,
  weekly: Week[],
  value: (week: Week) => number | null = (w) => w.count,
): boolean {
  return current === 0 && previous === 0 && weekly.every((w) => !value(w));
}

// ---- The sparkline ----

export interface Box {
  width: number;
  height: number;
  /** Room kept free at every edge, so a dot at the top or bottom stays whole. */
  pad: number;
}

export interface SparkPoint {
  x: number;
  y: number;
}

export interface Sparkline {
  /** Each run of weeks with a value, as an SVG polyline's points ("x,y x,y …"). */
  lines: string[];
  /** A week with a value between two without: a dot, since a line needs two. */
  dots: SparkPoint[];
  /** The latest week with a value, marked on the line. */
  last: SparkPoint | null;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The points of a sparkline for the weeks' values, oldest first. A week without a value breaks the line.
 * The vertical scale runs from `range.min` to `range.max` when given (0–1 for a share), else from the
 * lowest to the highest value; a flat series sits in the middle, or on the floor when it is the range's minimum.
 */
export function sparkline(values: (number | null)[], box: Box, range: { min?: number; max?: number } = {}): Sparkline {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const min = range.min ?? (present.length ? Math.min(...present) : 0);
  const max = range.max ?? (present.length ? Math.max(...present) : 1);
  const innerW = box.width - 2 * box.pad;
  const innerH = box.height - 2 * box.pad;
  const x = (i: number) => r2(values.length > 1 ? box.pad + (i * innerW) / (values.length - 1) : box.width / 2);
  const y = (v: number) => {
    // A flat series: on the floor when it is the floor of the range (no extras at all), else in the middle.
    if (max <= min) return r2(range.min !== undefined && v <= range.min ? box.pad + innerH : box.height / 2);
    const clamped = Math.min(Math.max(v, min), max);
    return r2(box.pad + innerH - ((clamped - min) / (max - min)) * innerH);
  };
  const lines: string[] = [];
  const dots: SparkPoint[] = [];
  let run: SparkPoint[] = [];
  const flush = () => {
    if (run.length > 1) lines.push(run.map((p) => `${p.x},${p.y}`).join(' '));
    else if (run.length === 1) dots.push(run[0]!);
    run = [];
  };
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) flush();
    else run.push({ x: x(i), y: y(v) });
  });
  const lastIndex = values.findLastIndex((v) => v !== null && Number.isFinite(v));
  const lastValue = values[lastIndex];
  const last = lastIndex >= 0 && lastValue != null ? { x: x(lastIndex), y: y(lastValue) } : null;
  flush();
  return { lines, dots, last };
}

// ---- The twelve weeks in words ----

/** The tiles that carry twelve weeks. */
export type WeeklyTile = 'extras' | 'mandate' | 'voice' | 'promises';

/** One week of a tile in words: "4 extra's, 75% positief". */
export function weekText(t: TFunction, language: Language, tile: WeeklyTile, week: Week): string {
  const count = week.count;
  switch (tile) {
    case 'extras':
      return week.value === null
        ? t('tower.extras.weekNoReactions', { count, n: formatNumber(count, language) })
        : t('tower.extras.week', { count, n: formatNumber(count, language), positive: percent(week.value, language)! });
    case 'mandate':
      return t('tower.mandate.week', {
        count,
        n: formatNumber(count, language),
        spent: euros(week.value ?? 0, language),
      });
    case 'voice':
      return week.value === null
        ? t('tower.voice.weekNone')
        : t('tower.voice.week', {
            count,
            n: formatNumber(count, language),
            average: formatFigure(week.value, 'rating', language)!,
          });
    case 'promises':
      return week.value === null
        ? t('tower.promises.weekNone')
        : t('tower.promises.week', { count, n: formatNumber(count, language), kept: percent(week.value, language)! });
  }
}

/** The screen reader's alternative for a sparkline: every week, oldest first, in words. */
export function weeksText(t: TFunction, language: Language, tile: WeeklyTile, weekly: Week[]): string {
  const weeks = weekly
    .map((w) => t('tower.weekOf', { day: formatDay(w.week, language), figures: weekText(t, language, tile, w) }))
    .join('; ');
  return t('tower.weeks', { weeks });
}

// ---- Where a tile leads ----

const withQuery = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;

export interface Period {
  from: string;
  to: string;
}

/** The director's list of all extras, over the tower's 28 days. */
export const extrasPath = (period: Period) => withQuery('/extras', { scope: 'all', from: period.from, to: period.to });

/** All customer reactions over the tower's 28 days. */
export const voicePath = (period: Period) =>
  withQuery('/customer-voice', { scope: 'all', period: 'custom', from: period.from, to: period.to });

/** All promises at risk, or all that are still open (the list's "active" status is its default). */
export const promisesPath = (which: 'atRisk' | 'open') =>
  which === 'atRisk'
    ? withQuery('/promises', { scope: 'all', status: 'at_risk' })
    : withQuery('/promises', { scope: 'all' });

export const resultsPath = (campaignId: string) => `/questions/${encodeURIComponent(campaignId)}/results`;

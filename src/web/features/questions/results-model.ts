import type { TFunction } from 'i18next';
import type { Language } from '../../../contracts/constants';
import {
  type Action,
  type Figures,
  LEVELS,
  type Level,
  type QuestionResult,
  type ResultGroup,
} from '../../../contracts/questions.contract';
import { agreeLabel, groupLabel } from '../../app/campaign-labels';
import { formatRating, NO_FIGURE } from '../../app/figures-format';
import { formatNumber, localeOf, numberFormat } from '../../app/format';

// The results of a campaign as the page shows them: the groups in the selector, a
// distribution as bar segments with percentages that add up to 100, the figures as text (also the
// text alternative of every chart), the trend, the mirror's gap and an action's state. No React here.

export type ScoredKind = 'agree5' | 'scale10';

// ---------- groups ----------

const levelRank = (level: Level | null) => (level ? LEVELS.indexOf(level) : -1);

export interface ParsedGroupKey {
  kind: ResultGroup['kind'];
  teamId: string | null;
  level: Level | null;
}

const GROUP_KEY = /^(?:(org)|level:(top|middle|staff)|team:([0-9a-f-]{36})(?::level:(top|middle|staff))?)$/;

/** 'org', 'level:top', 'team:<id>', 'team:<id>:level:staff'; null for anything else. */
export function parseGroupKey(key: string): ParsedGroupKey | null {
  const match = GROUP_KEY.exec(key);
  if (!match) return null;
  const [, org, level, teamId, teamLevel] = match;
  if (org) return { kind: 'org', teamId: null, level: null };
  if (level) return { kind: 'level', teamId: null, level: level as Level };
  if (teamLevel) return { kind: 'team_level', teamId: teamId!, level: teamLevel as Level };
  return { kind: 'team', teamId: teamId!, level: null };
}

/** The group an action was written for, from its key and the team name the server gives. */
export function actionGroupLabel(t: TFunction, action: Pick<Action, 'groupKey' | 'groupLabel'>): string {
  const parsed = parseGroupKey(action.groupKey);
  if (!parsed) return action.groupLabel;
  return groupLabel(t, { kind: parsed.kind, level: parsed.level, teamName: action.groupLabel || null });
}

const byTeamName = (a: Pick<ResultGroup, 'teamName' | 'teamId'>, b: Pick<ResultGroup, 'teamName' | 'teamId'>) =>
  (a.teamName ?? '').localeCompare(b.teamName ?? '') || (a.teamId ?? '').localeCompare(b.teamId ?? '');

/**
 * The order of the selector: the organisation, the levels from top to staff, then every team by name
 * followed by its levels.
 */
export function sortGroups<G extends ResultGroup>(groups: readonly G[]): G[] {
  const org = groups.filter((g) => g.kind === 'org');
  const levels = groups.filter((g) => g.kind === 'level').sort((a, b) => levelRank(a.level) - levelRank(b.level));
  const teamIds = [...new Map(groups.filter((g) => g.teamId).map((g) => [g.teamId!, g])).values()]
    .sort(byTeamName)
    .map((g) => g.teamId!);
  const perTeam = teamIds.flatMap((teamId) => [
    ...groups.filter((g) => g.kind === 'team' && g.teamId === teamId),
    ...groups
      .filter((g) => g.kind === 'team_level' && g.teamId === teamId)
      .sort((a, b) => levelRank(a.level) - levelRank(b.level)),
  ]);
  return [...org, ...levels, ...perTeam];
}

export interface GroupOption {
  value: string;
  label: string;
}
export interface GroupOptionSection {
  group: string;
  items: GroupOption[];
}

/**
 * The selector's options in sections: the organisation and its levels, then one section per team.
 * A group whose results are withheld stays in the list, marked as not shown.
 */
export function groupOptions(t: TFunction, groups: readonly ResultGroup[]): GroupOptionSection[] {
  const option = (g: ResultGroup): GroupOption => {
    const label = g.kind === 'team' ? t('questions.results.groups.team', { team: groupLabel(t, g) }) : groupLabel(t, g);
    return { value: g.key, label: g.status === 'shown' ? label : t('questions.results.groups.withheld', { label }) };
  };
  const sorted = sortGroups(groups);
  const whole = sorted.filter((g) => g.kind === 'org' || g.kind === 'level');
  const sections: GroupOptionSection[] = whole.length
    ? [{ group: t('questions.results.groups.organisation'), items: whole.map(option) }]
    : [];
  const perTeam = new Map<string, GroupOptionSection>();
  for (const g of sorted) {
    if (!g.teamId) continue;
    let section = perTeam.get(g.teamId);
    if (!section) {
      section = { group: g.teamName || t('questions.results.groups.unknownTeam'), items: [] };
      perTeam.set(g.teamId, section);
      sections.push(section);
    }
    section.items.push(option(g));
  }
  return sections;
}

// ---------- distributions ----------

export const scaleOf = (kind: ScoredKind) => (kind === 'agree5' ? { min: 1, max: 5 } : { min: 0, max: 10 });

/**
 * Whole percentages from the counts, by largest remainder, with equal counts always given the same
 * percentage: each is its exact share rounded down or up, a larger count never shows less, and they
 * add up to 100 unless a tie stands in the way (1, 1, 1 of 3 become 33, 33, 33, not 34, 33, 33: two
 * answers given once each must not read as 5% and 4%). All zero when nobody answered.
 */
export function roundedPercents(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return counts.map(() => 0);
  const exact = counts.map((c) => (c / total) * 100);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  // Equal counts share one remainder: they go up together or not at all.
  const byCount = new Map<number, number[]>();
  for (const [i, c] of counts.entries()) byCount.set(c, [...(byCount.get(c) ?? []), i]);
  const groups = [...byCount.values()]
    .map((members) => ({ members, rest: exact[members[0]!]! - floors[members[0]!]! }))
    .filter((g) => g.rest > 1e-9);
  groups.sort((a, b) => b.rest - a.rest);
  for (const { members } of groups) {
    // Stopping at the first tie that does not fit keeps the order: a smaller remainder never goes up past a larger one.
    if (members.length > left) break;
    for (const i of members) floors[i]! += 1;
    left -= members.length;
  }
  return floors;
}

export interface Segment {
  /** The answer: 1..5 or 0..10. */
  score: number;
  count: number;
  /** Of all answers, 0..1: the segment's width. */
  share: number;
  /** Where the segment starts, 0..1. */
  start: number;
  /** Whole percentage for the label, from the same counts (see roundedPercents). */
  percent: number;
}

/** A distribution (counts of 1..5 or 0..10) as the segments of one stacked bar, left to right. */
export function distributionSegments(kind: ScoredKind, distribution: readonly number[]): Segment[] {
  const { min, max } = scaleOf(kind);
  const counts = Array.from({ length: max - min + 1 }, (_, i) => Math.max(0, distribution[i] ?? 0));
  const total = counts.reduce((a, b) => a + b, 0);
  const percents = roundedPercents(counts);
  let start = 0;
  return counts.map((count, i) => {
    const share = total > 0 ? count / total : 0;
    const segment = { score: min + i, count, share, start, percent: percents[i]! };
    start += share;
    return segment;
  });
}

/** Where an answer falls: disagree / neutral / agree, or detractor / passive / promoter. */
export type Band = 'low' | 'middle' | 'high';
export function bandOf(kind: ScoredKind, score: number): Band {
  if (kind === 'agree5') return score <= 2 ? 'low' : score === 3 ? 'middle' : 'high';
  return score <= 6 ? 'low' : score <= 8 ? 'middle' : 'high';
}

/** The name of one answer: "Helemaal oneens" … "Helemaal eens", or "score 7". */
export function scoreLabel(t: TFunction, kind: ScoredKind, score: number): string {
  if (kind === 'scale10') return t('questions.results.alt.score', { score });
  return agreeLabel(t, score);
}

// ---------- figures as text ----------

/** 23 → "+23", -8 → "-8", 0 → "0"; null → "–". */
export function formatPromoterScore(score: number | null, language: Language): string {
  if (score === null || !Number.isFinite(score)) return NO_FIGURE;
  return numberFormat(localeOf(language), { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(
    Math.round(score),
  );
}

/** An average with one decimal ("3,8" / "3.8"); null → "–". */
export const formatAverage = (average: number | null, language: Language) => formatRating(average, language);

/** A whole percentage: 15 → "15%". */
export function formatPercent(percent: number, language: Language): string {
  return numberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}

/** A question's words in the interface's language, or the other one when the organisation wrote only that. */
export function localText(pair: { nl: string; en: string }, language: Language): string {
  return pair[language] || pair.nl || pair.en;
}

export const isScored = (kind: QuestionResult['kind']): kind is ScoredKind => kind === 'agree5' || kind === 'scale10';

/**
 * The text alternative of a question's chart: how many answered, the average (and promoter score),
 * and every answer with its count and percentage. Empty when the figures are withheld.
 */
export function distributionText(t: TFunction, language: Language, kind: ScoredKind, figures: Figures): string {
  if (figures.status !== 'shown' || !figures.distribution) return '';
  const parts = distributionSegments(kind, figures.distribution)
    .map((s) =>
      t('questions.results.alt.part', {
        label: scoreLabel(t, kind, s.score),
        count: formatNumber(s.count, language),
        percent: formatPercent(s.percent, language),
      }),
    )
    .join(', ');
  const answers = t('questions.results.answers', { count: figures.respondents ?? 0 });
  const average = formatAverage(figures.average, language);
  return kind === 'agree5'
    ? t('questions.results.alt.agree5', { answers, average, parts })
    : t('questions.results.alt.scale10', {
        answers,
        average,
        score: formatPromoterScore(figures.promoterScore, language),
        parts,
      });
}

/** Withheld figures: why (too few answered, it would reveal a smaller group by difference, or would beside an earlier round). */
export function withheldText(t: TFunction, status: Figures['status'], threshold: number, open = false): string {
  if (status === 'shown') return '';
  if (status === 'earlier_round') return t('questions.results.earlierRound', { minGroup: threshold });
  if (open)
    return status === 'difference'
      ? t('questions.results.open.difference', { minTexts: threshold })
      : t('questions.results.open.tooFew', { minTexts: threshold });
  return status === 'difference'
    ? t('questions.results.difference', { minGroup: threshold })
    : t('questions.results.tooFew', { minGroup: threshold });
}

/** A step of shares as the screen says it: "40–60%", or one figure when both ends meet. */
export function formatShareStep(step: { min: number; max: number }, share: (x: number) => string): string {
  const [min, max] = [share(step.min), share(step.max)];
  return min === max ? min : `${min.replace(/\s*%$/, '')}–${max}`;
}

// ---------- the trend ----------

/** The figure followed over campaigns: the average of a statement, the promoter score of a 0–10 question. */
export function trendValue(kind: ScoredKind, figures: Figures): number | null {
  if (figures.status !== 'shown') return null;
  return kind === 'agree5' ? figures.average : figures.promoterScore;
}

export const trendRange = (kind: ScoredKind) => (kind === 'agree5' ? { min: 1, max: 5 } : { min: -100, max: 100 });

export function formatTrendValue(t: TFunction, language: Language, kind: ScoredKind, figures: Figures): string {
  const value = trendValue(kind, figures);
  if (value === null) return t('questions.results.trend.withheld');
  return kind === 'agree5' ? formatAverage(value, language) : formatPromoterScore(value, language);
}

export interface TrendEntry {
  title: string;
  /** The day it closed, written out. */
  date: string;
  figures: Figures;
}

/** The trend as one sentence: every earlier campaign with its figure, then this one ("nu"). */
export function trendText(
  t: TFunction,
  language: Language,
  kind: ScoredKind,
  earlier: readonly TrendEntry[],
  current: Figures,
): string {
  const points = [
    ...earlier.map((p) =>
      t('questions.results.trend.point', {
        title: p.title,
        date: p.date,
        value: formatTrendValue(t, language, kind, p.figures),
      }),
    ),
    `${t('questions.results.trend.now')}: ${formatTrendValue(t, language, kind, current)}`,
  ];
  return t('questions.results.trend.label', { points: points.join('; ') });
}

/** A sparkline's points in a width × height box; a withheld figure leaves a gap (null). */
export function sparklinePoints(
  values: readonly (number | null)[],
  range: { min: number; max: number },
  width: number,
  height: number,
  pad = 4,
) {
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  return values.map((value, i) => {
    if (value === null) return null;
    const clamped = Math.min(Math.max(value, range.min), range.max);
    const y = pad + (1 - (clamped - range.min) / (range.max - range.min)) * (height - 2 * pad);
    return { x: values.length > 1 ? pad + i * step : width / 2, y };
  });
}

// ---------- the mirror ----------

export interface MirrorGap {
  direction: 'lower' | 'higher' | 'same';
  /** How far apart, in points on the 1–5 scale, one decimal. */
  gap: number;
}

/** The team's average against the manager's own answer; under a quarter point is "about the same". */
export function mirrorGap(self: number | null, teamAverage: number | null): MirrorGap | null {
  if (self === null || teamAverage === null) return null;
  const diff = teamAverage - self;
  const gap = Math.round(Math.abs(diff) * 10) / 10;
  if (Math.abs(diff) < 0.25) return { direction: 'same', gap };
  return { direction: diff < 0 ? 'lower' : 'higher', gap };
}

// ---------- actions ----------

export type ActionState = 'done' | 'late' | 'open';
export function actionState(action: Pick<Action, 'doneOn' | 'dueOn'>, today: string): ActionState {
  if (action.doneOn) return 'done';
  return action.dueOn < today ? 'late' : 'open';
}

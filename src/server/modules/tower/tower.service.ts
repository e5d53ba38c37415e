import type { Tower } from '../../../contracts/tower.contract';
import type { Db } from '../../db/client';
import { addDays, localDay, weekOf } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { findChain } from '../promises/chain.service';
import { responseRateStep } from '../questions/response-step';
import { figuresOf } from '../questions/results.service';
import * as read from './tower.read-model';

// The tower. Everything at a glance for the director: the last 28 days against the 28 before,
// and twelve weeks, per module. It reads the day sums and indexes the modules keep, all at once, through
// its read model (tower.read-model.ts).

const PERIOD_DAYS = 28;
const WEEKS = 12;

type Daily = Map<string, number[]>;

const round = (x: number | null, digits = 2) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Sums of the columns of daily rows over [from, to]. */
function sumOver(daily: Daily, from: string, to: string, columns: number) {
  const total = new Array<number>(columns).fill(0);
  for (const [day, values] of daily) {
    if (day < from || day > to) continue;
    for (const [i, v] of values.entries()) total[i]! += v;
  }
  return total;
}

/** Twelve weeks ending with this one, each with a value made from the week's sums. */
function weekly(
  daily: Daily,
  firstWeek: string,
  columns: number,
  value: (sums: number[]) => number | null,
  count: (sums: number[]) => number,
) {
  const weeks = Array.from({ length: WEEKS }, (_, i) => addDays(firstWeek, 7 * i));
  return weeks.map((week) => {
    const sums = sumOver(daily, week, addDays(week, 6), columns);
    return { week, value: round(value(sums)), count: count(sums) };
  });
}

function toDaily(rows: { day: string; [k: string]: unknown }[], columns: string[]): Daily {
  return new Map(rows.map((r) => [r.day, columns.map((c) => Number(r[c] ?? 0))]));
}

export async function findTower(db: Db, tenant: TenantContext): Promise<Tower> {
  const org = tenant.orgId;
  const tz = tenant.timeZone;
  const today = localDay(tz);
  const period = { from: addDays(today, -(PERIOD_DAYS - 1)), to: today };
  const previous = { from: addDays(period.from, -PERIOD_DAYS), to: addDays(period.from, -1) };
  const firstWeek = addDays(weekOf(today), -7 * (WEEKS - 1));
  const start = firstWeek < previous.from ? firstWeek : previous.from;

  const [extras, spend, voice, followups, promiseDays, promiseNow, chain, campaigns, counsel] = await Promise.all([
    read.extraDays(db, org, start),
    read.spendDays(db, org, start),
    read.reactionDays(db, org, tz, start),
    read.openFollowups(db, org, today),
    read.promiseDays(db, org, start, today),
    read.promisesNow(db, org, today),
    findChain(db, tenant, { from: addDays(today, -89), to: today }),
    read.latestClosedRounds(db, org),
    read.counselNow(db, org),
  ]);

  const extrasDaily = toDaily(extras, ['extras', 'n', 'positives']);
  const [eCount, eN, ePos] = sumOver(extrasDaily, period.from, period.to, 3);
  const [pCount, pN, pPos] = sumOver(extrasDaily, previous.from, previous.to, 3);
  const spendDaily = toDaily(spend, ['cents', 'above']);
  const [spent, above] = sumOver(spendDaily, period.from, period.to, 2);
  const [prevSpent, prevAbove] = sumOver(spendDaily, previous.from, previous.to, 2);
  const voiceDaily = toDaily(voice, ['n', 'points', 'very_negative']);
  const [vN, vPoints, vNeg] = sumOver(voiceDaily, period.from, period.to, 3);
  const [pvN, pvPoints] = sumOver(voiceDaily, previous.from, previous.to, 3);
  const promisesDaily = toDaily(promiseDays, ['settled', 'kept']);
  const [settled, kept] = sumOver(promisesDaily, period.from, period.to, 2);
  const [prevSettled, prevKept] = sumOver(promisesDaily, previous.from, previous.to, 2);

  // The weakest link: among the arrows marked weak, the one least often on time (then worst rated).
  const candidates = chain.arrows.filter((a) => a.weak);
  const weakest = candidates.sort(
    (a, b) => (a.onTimeShare ?? 1) - (b.onTimeShare ?? 1) || (a.averageRating ?? 5) - (b.averageRating ?? 5),
  )[0];

  return {
    asOf: today,
    period,
    previous,
    extras: {
      count: eCount!,
      previousCount: pCount!,
      positiveShare: round(ratio(ePos!, eN!)),
      previousPositiveShare: round(ratio(pPos!, pN!)),
      weekly: weekly(
        extrasDaily,
        firstWeek,
        3,
        (s) => ratio(s[2]!, s[1]!),
        (s) => s[0]!,
      ),
    },
    mandate: {
      spentCents: spent!,
      previousSpentCents: prevSpent!,
      aboveMandate: above!,
      previousAboveMandate: prevAbove!,
      weekly: weekly(
        spendDaily,
        firstWeek,
        2,
        (s) => s[0]!,
        (s) => s[1]!,
      ),
    },
    voice: {
      count: vN!,
      previousCount: pvN!,
      average: round(ratio(vPoints!, vN!)),
      previousAverage: round(ratio(pvPoints!, pvN!)),
      veryNegative: vNeg!,
      openFollowups: followups?.open ?? 0,
      lateFollowups: followups?.late ?? 0,
      weekly: weekly(
        voiceDaily,
        firstWeek,
        3,
        (s) => ratio(s[1]!, s[0]!),
        (s) => s[0]!,
      ),
    },
    promises: {
      settled: settled!,
      keptShare: round(ratio(kept!, settled!)),
      previousKeptShare: round(ratio(prevKept!, prevSettled!)),
      atRisk: promiseNow?.at_risk ?? 0,
      open: promiseNow?.open ?? 0,
      weekly: weekly(
        promisesDaily,
        firstWeek,
        2,
        (s) => ratio(s[1]!, s[0]!),
        (s) => s[0]!,
      ),
    },
    weakestLink: weakest
      ? {
          from: weakest.from,
          to: weakest.to,
          handoffs: weakest.handoffs,
          onTimeShare: weakest.onTimeShare,
          averageRating: weakest.averageRating,
        }
      : null,
    coreQuestions: await coreQuestions(db, org, campaigns),
    counsel: {
      queue: counsel?.queue ?? 0,
      oldestWaitingDays: round(counsel?.oldest ?? null, 1),
      medianDaysToDecision: round(counsel?.median ?? null, 1),
      needsRecognised: counsel?.recognised ?? 0,
      needsWaiting: counsel?.waiting ?? 0,
    },
  };
}

/** The latest closed round against the one before: theme averages and the promoter score of the organisation. */
async function coreQuestions(db: Db, org: string, latest: read.ClosedRound[]): Promise<Tower['coreQuestions']> {
  const [last, before] = latest;
  if (!last) return null;
  const rows = await read.roundResults(
    db,
    org,
    latest.map((c) => c.id),
  );
  const participation = await read.roundParticipation(db, org, last.id);
  const of = (campaignId: string | undefined) =>
    rows.filter((r) => r.campaign_id === campaignId).map((r) => ({ ...r, figures: figuresOf(r.kind, r) }));
  const themeAverages = (list: ReturnType<typeof of>) => {
    const byTheme = new Map<string, number[]>();
    for (const r of list)
      if (r.kind === 'agree5' && r.figures.average !== null)
        byTheme.set(r.theme, [...(byTheme.get(r.theme) ?? []), r.figures.average]);
    return new Map([...byTheme].map(([theme, values]) => [theme, values.reduce((a, b) => a + b, 0) / values.length]));
  };
  const now = of(last.id);
  const then = of(before?.id);
  const themesNow = themeAverages(now);
  const themesThen = themeAverages(then);
  const ips = (list: ReturnType<typeof of>) =>
    list.find((r) => r.kind === 'scale10' && r.figures.promoterScore !== null)?.figures.promoterScore ?? null;
  const p = participation[0];
  return {
    campaignId: last.id,
    title: last.title,
    closesOn: last.closes_on,
    // As everywhere, a step and never the count (questions' response-step.ts).
    responseRate: p?.audience ? responseRateStep(p.audience, p.respondents!, p.min_group) : null,
    previousTitle: before?.title ?? null,
    // Themes with statements (a theme of only 0–10 or open questions has its promoter score or texts instead).
    themes: [...new Set(now.map((r) => r.theme))]
      .filter((theme) => themesNow.has(theme))
      .map((theme) => ({
        theme,
        average: round(themesNow.get(theme) ?? null),
        previous: round(themesThen.get(theme) ?? null),
      })),
    promoterScore: ips(now),
    previousPromoterScore: ips(then),
  };
}

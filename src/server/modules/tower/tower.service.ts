import { sql } from 'drizzle-orm';
import type { Tower } from '../../../contracts/tower.contract';
import type { Db } from '../../db/client';
import { addDays, localDay, weekOf } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { findChain } from '../promises/chain.service';
import { responseRateStep } from '../questions/response-step';
import { figuresOf } from '../questions/results.service';

// The tower. Everything at a glance for the director: the last 28 days against the 28 before,
// and twelve weeks, per module. It reads the day sums and indexes the modules keep, all at once.

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
  const from = sql`${start}::date`;
  const localStart = sql`(${start}::date::timestamp at time zone ${tz})`;

  const [extras, spend, voice, followups, promiseDays, promiseNow, chain, campaigns, counsel] = await Promise.all([
    db.execute<{ day: string; extras: number; n: number; positives: number }>(sql`
      select day::text, sum(extras)::int as extras, sum(n)::int as n, sum(positives)::int as positives
        from extra_day_sums_live where org_id = ${org} and day >= ${from} group by day`),
    db.execute<{ day: string; cents: number; above: number }>(sql`
      select day::text, sum(cost_cents)::bigint as cents, sum(above_mandate)::int as above
        from extra_day_sums_live where org_id = ${org} and day >= ${from} group by day`),
    db.execute<{ day: string; n: number; points: number; very_negative: number }>(sql`
      select (created_at at time zone ${tz})::date::text as day, count(*)::int as n,
             sum(case when scale = 'agree5' then score else 1 + score * 0.4 end)::float8 as points,
             count(*) filter (where (scale = 'agree5' and score <= 1) or (scale = 'scale10' and score <= 2))::int as very_negative
        from customer_reactions where org_id = ${org} and created_at >= ${localStart} group by 1`),
    db.execute<{ open: number; late: number }>(sql`
      select count(*)::int as open, count(*) filter (where due_on < ${today}::date)::int as late
        from voice_followups where org_id = ${org} and status = 'open'`),
    db.execute<{ day: string; settled: number; kept: number }>(sql`
      select due_date::text as day, count(*) filter (where outcome is not null or due_date < ${today}::date)::int as settled,
             count(*) filter (where outcome = 'kept')::int as kept
        from promises where org_id = ${org} and due_date >= ${from} and due_date <= ${today}::date group by 1`),
    // At risk (the rule of statusOf in promises.repo.ts): a hand-off done after its day (counted on the
    // promise by a trigger), or one still open past its day (few, found on the open-steps index).
    db.execute<{ open: number; at_risk: number }>(sql`
      with late_open as (
        select distinct s.promise_id from promise_steps s
         where s.done_on is null and s.due_date < ${today}::date and s.org_id = ${org} and s.kind = 'handoff')
      select count(*)::int as open,
             count(*) filter (where p.late_handoffs > 0 or p.id in (select promise_id from late_open))::int as at_risk
        from promises p where p.org_id = ${org} and p.outcome is null and p.due_date >= ${today}::date`),
    findChain(db, tenant, { from: addDays(today, -89), to: today }),
    db.execute<{ id: string; title: string; closes_on: string }>(sql`
      select id, title, closes_on::text from campaigns where org_id = ${org} and status = 'closed' order by closes_on desc, closed_at desc limit 2`),
    db.execute<{
      queue: number;
      oldest: number | null;
      median: number | null;
      recognised: number;
      waiting: number;
    }>(sql`
      select (select count(*)::int from proposals where org_id = ${org} and status = 'submitted') as queue,
             (select extract(epoch from now() - min(queued_at)) / 86400 from proposals where org_id = ${org} and status = 'submitted')::float8 as oldest,
             (select percentile_cont(0.5) within group (order by extract(epoch from decided_at - submitted_at) / 86400)
                from proposals where org_id = ${org} and decided_at > now() - interval '90 days')::float8 as median,
             (select count(*)::int from needs where org_id = ${org} and recognised_at is not null) as recognised,
             (select count(*)::int from needs where org_id = ${org} and recognised_at is null) as waiting`),
  ]);

  const extrasDaily = toDaily(extras.rows, ['extras', 'n', 'positives']);
  const [eCount, eN, ePos] = sumOver(extrasDaily, period.from, period.to, 3);
  const [pCount, pN, pPos] = sumOver(extrasDaily, previous.from, previous.to, 3);
  const spendDaily = toDaily(spend.rows, ['cents', 'above']);
  const [spent, above] = sumOver(spendDaily, period.from, period.to, 2);
  const [prevSpent, prevAbove] = sumOver(spendDaily, previous.from, previous.to, 2);
  const voiceDaily = toDaily(voice.rows, ['n', 'points', 'very_negative']);
  const [vN, vPoints, vNeg] = sumOver(voiceDaily, period.from, period.to, 3);
  const [pvN, pvPoints] = sumOver(voiceDaily, previous.from, previous.to, 3);
  const promisesDaily = toDaily(promiseDays.rows, ['settled', 'kept']);
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
      openFollowups: followups.rows[0]?.open ?? 0,
      lateFollowups: followups.rows[0]?.late ?? 0,
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
      atRisk: promiseNow.rows[0]?.at_risk ?? 0,
      open: promiseNow.rows[0]?.open ?? 0,
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
    coreQuestions: await coreQuestions(db, org, campaigns.rows),
    counsel: {
      queue: counsel.rows[0]?.queue ?? 0,
      oldestWaitingDays: round(counsel.rows[0]?.oldest ?? null, 1),
      medianDaysToDecision: round(counsel.rows[0]?.median ?? null, 1),
      needsRecognised: counsel.rows[0]?.recognised ?? 0,
      needsWaiting: counsel.rows[0]?.waiting ?? 0,
    },
  };
}

/** The latest closed round against the one before: theme averages and the promoter score of the organisation. */
async function coreQuestions(
  db: Db,
  org: string,
  latest: { id: string; title: string; closes_on: string }[],
): Promise<Tower['coreQuestions']> {
  const [last, before] = latest;
  if (!last) return null;
  const { rows } = await db.execute<{
    campaign_id: string;
    theme: string;
    kind: string;
    status: string;
    respondents: number | null;
    value_sum: number | null;
    counts: number[] | null;
  }>(sql`
    select r.campaign_id, q.theme, q.kind, r.status, r.respondents, r.value_sum, r.counts
      from campaign_results r join campaign_questions q on q.org_id = r.org_id and q.campaign_id = r.campaign_id and q.id = r.question_id
     where r.org_id = ${org} and r.campaign_id = any(${sql.param(latest.map((c) => c.id))}::uuid[]) and r.group_key = 'org'
     order by q.position`);
  const { rows: participation } = await db.execute<{
    audience: number | null;
    respondents: number | null;
    min_group: number;
  }>(sql`
    select p.audience, p.respondents, c.min_group from campaign_participation p join campaigns c on c.org_id = p.org_id and c.id = p.campaign_id
     where p.org_id = ${org} and p.campaign_id = ${last.id} and p.group_key = 'org' and p.status = 'shown'`);
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

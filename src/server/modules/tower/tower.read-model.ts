import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

// A read model: what the tower reads of the other modules' tables (the extras' day sums of learning,
// the customers' reactions and follow-ups of voice, promises and their hand-offs, the rounds of core
// questions, counsel's proposals and needs) to show them at a glance. Read only; when an owner changes
// its tables, this is the one file of the tower to look at. Days are local days in `yyyy-mm-dd`.

/** Per local day since `start`: extras logged, extras with a customer reaction (n), of which positive. */
export async function extraDays(db: Db, org: string, start: string) {
  const { rows } = await db.execute<{ day: string; extras: number; n: number; positives: number }>(sql`
    select day::text, sum(extras)::int as extras, sum(n)::int as n, sum(positives)::int as positives
      from extra_day_sums_live where org_id = ${org} and day >= ${start}::date group by day`);
  return rows;
}

/** Per local day since `start`: what extras cost, and how many went above the mandate. */
export async function spendDays(db: Db, org: string, start: string) {
  const { rows } = await db.execute<{ day: string; cents: number; above: number }>(sql`
    select day::text, sum(cost_cents)::bigint as cents, sum(above_mandate)::int as above
      from extra_day_sums_live where org_id = ${org} and day >= ${start}::date group by day`);
  return rows;
}

/** Per local day since `start`: customers' reactions, their points (1–5) and how many were very negative. */
export async function reactionDays(db: Db, org: string, tz: string, start: string) {
  const localStart = sql`(${start}::date::timestamp at time zone ${tz})`;
  const { rows } = await db.execute<{ day: string; n: number; points: number; very_negative: number }>(sql`
    select (created_at at time zone ${tz})::date::text as day, count(*)::int as n,
           sum(case when scale = 'agree5' then score else 1 + score * 0.4 end)::float8 as points,
           count(*) filter (where (scale = 'agree5' and score <= 1) or (scale = 'scale10' and score <= 2))::int as very_negative
      from customer_reactions where org_id = ${org} and created_at >= ${localStart} group by 1`);
  return rows;
}

/** Follow-ups of reactions still open, and how many of them are past their day. */
export async function openFollowups(db: Db, org: string, today: string) {
  const { rows } = await db.execute<{ open: number; late: number }>(sql`
    select count(*)::int as open, count(*) filter (where due_on < ${today}::date)::int as late
      from voice_followups where org_id = ${org} and status = 'open'`);
  return rows[0];
}

/** Per due day from `start` to today: promises settled (an outcome, or past their day) and kept. */
export async function promiseDays(db: Db, org: string, start: string, today: string) {
  const { rows } = await db.execute<{ day: string; settled: number; kept: number }>(sql`
    select due_date::text as day, count(*) filter (where outcome is not null or due_date < ${today}::date)::int as settled,
           count(*) filter (where outcome = 'kept')::int as kept
      from promises where org_id = ${org} and due_date >= ${start}::date and due_date <= ${today}::date group by 1`);
  return rows;
}

/**
 * Open promises not yet due, and of them at risk (the rule of statusOf in promises.repo.ts): a hand-off
 * done after its day (counted on the promise by a trigger), or one still open past its day (few, found
 * on the open-steps index).
 */
export async function promisesNow(db: Db, org: string, today: string) {
  const { rows } = await db.execute<{ open: number; at_risk: number }>(sql`
    with late_open as (
      select distinct s.promise_id from promise_steps s
       where s.done_on is null and s.due_date < ${today}::date and s.org_id = ${org} and s.kind = 'handoff')
    select count(*)::int as open,
           count(*) filter (where p.late_handoffs > 0 or p.id in (select promise_id from late_open))::int as at_risk
      from promises p where p.org_id = ${org} and p.outcome is null and p.due_date >= ${today}::date`);
  return rows[0];
}

export interface ClosedRound {
  id: string;
  title: string;
  closes_on: string;
}

/** The last two closed rounds of core questions, the latest first. */
export async function latestClosedRounds(db: Db, org: string): Promise<ClosedRound[]> {
  const { rows } = await db.execute<{ id: string; title: string; closes_on: string }>(sql`
    select id, title, closes_on::text from campaigns where org_id = ${org} and status = 'closed' order by closes_on desc, closed_at desc limit 2`);
  return rows;
}

/** Counsel now: the decision queue, its oldest wait and the median days to a decision; needs recognised or not. */
export async function counselNow(db: Db, org: string) {
  const { rows } = await db.execute<{
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
           (select count(*)::int from needs where org_id = ${org} and recognised_at is null) as waiting`);
  return rows[0];
}

/** The organisation-wide results of the given rounds, per question, in the questions' order. */
export async function roundResults(db: Db, org: string, campaignIds: string[]) {
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
     where r.org_id = ${org} and r.campaign_id = any(${sql.param(campaignIds)}::uuid[]) and r.group_key = 'org'
     order by q.position`);
  return rows;
}

/** The organisation-wide participation of one round, when it may be shown, with the round's smallest group. */
export async function roundParticipation(db: Db, org: string, campaignId: string) {
  const { rows } = await db.execute<{
    audience: number | null;
    respondents: number | null;
    min_group: number;
  }>(sql`
    select p.audience, p.respondents, c.min_group from campaign_participation p join campaigns c on c.org_id = p.org_id and c.id = p.campaign_id
     where p.org_id = ${org} and p.campaign_id = ${campaignId} and p.group_key = 'org' and p.status = 'shown'`);
  return rows;
}

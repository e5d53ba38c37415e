import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { needs, proposals } from '../../db/schema/counsel.schema';
import { extraDaySumsLive } from '../../db/schema/learning.schema';
import { promiseSteps, promises } from '../../db/schema/promises.schema';
import { campaignParticipation, campaignQuestions, campaignResults, campaigns } from '../../db/schema/questions.schema';
import { customerReactions, voiceFollowups } from '../../db/schema/voice.schema';

// A read model: what the tower reads of the other modules' tables (the extras' day sums of learning,
// the customers' reactions and follow-ups of voice, promises and their hand-offs, the rounds of core
// questions, counsel's proposals and needs) to show them at a glance. Read only; when an owner changes
// its tables, this is the one file of the tower to look at. Days are local days in `yyyy-mm-dd`.
// Tables and columns are named through the owners' schema objects, so a rename fails to compile.

const sums = extraDaySumsLive;

/** Per local day since `start`: extras logged, extras with a customer reaction (n), of which positive. */
export async function extraDays(db: Db, org: string, start: string) {
  const { rows } = await db.execute<{ day: string; extras: number; n: number; positives: number }>(sql`
    select ${sums.day}::text as day, sum(${sums.extras})::int as extras, sum(${sums.n})::int as n, sum(${sums.positives})::int as positives
      from ${sums} where ${sums.orgId} = ${org} and ${sums.day} >= ${start}::date group by ${sums.day}`);
  return rows;
}

/** Per local day since `start`: what extras cost, and how many went above the mandate. */
export async function spendDays(db: Db, org: string, start: string) {
  const { rows } = await db.execute<{ day: string; cents: number; above: number }>(sql`
    select ${sums.day}::text as day, sum(${sums.costCents})::bigint as cents, sum(${sums.aboveMandate})::int as above
      from ${sums} where ${sums.orgId} = ${org} and ${sums.day} >= ${start}::date group by ${sums.day}`);
  return rows;
}

/** Per local day since `start`: customers' reactions, their points (1–5) and how many were very negative. */
export async function reactionDays(db: Db, org: string, tz: string, start: string) {
  const localStart = sql`(${start}::date::timestamp at time zone ${tz})`;
  const r = customerReactions;
  const { rows } = await db.execute<{ day: string; n: number; points: number; very_negative: number }>(sql`
    select (${r.createdAt} at time zone ${tz})::date::text as day, count(*)::int as n,
           sum(case when ${r.scale} = 'agree5' then ${r.score} else 1 + ${r.score} * 0.4 end)::float8 as points,
           count(*) filter (where (${r.scale} = 'agree5' and ${r.score} <= 1) or (${r.scale} = 'scale10' and ${r.score} <= 2))::int as very_negative
      from ${r} where ${r.orgId} = ${org} and ${r.createdAt} >= ${localStart} group by 1`);
  return rows;
}

/** Follow-ups of reactions still open, and how many of them are past their day. */
export async function openFollowups(db: Db, org: string, today: string) {
  const f = voiceFollowups;
  const { rows } = await db.execute<{ open: number; late: number }>(sql`
    select count(*)::int as open, count(*) filter (where ${f.dueOn} < ${today}::date)::int as late
      from ${f} where ${f.orgId} = ${org} and ${f.status} = 'open'`);
  return rows[0];
}

/** Per due day from `start` to today: promises settled (an outcome, or past their day) and kept. */
export async function promiseDays(db: Db, org: string, start: string, today: string) {
  const p = promises;
  const { rows } = await db.execute<{ day: string; settled: number; kept: number }>(sql`
    select ${p.dueDate}::text as day, count(*) filter (where ${p.outcome} is not null or ${p.dueDate} < ${today}::date)::int as settled,
           count(*) filter (where ${p.outcome} = 'kept')::int as kept
      from ${p} where ${p.orgId} = ${org} and ${p.dueDate} >= ${start}::date and ${p.dueDate} <= ${today}::date group by 1`);
  return rows;
}

/**
 * Open promises not yet due, and of them at risk (the rule of statusOf in promises.repo.ts): a hand-off
 * done after its day (counted on the promise by a trigger), or one still open past its day (few, found
 * on the open-steps index).
 */
export async function promisesNow(db: Db, org: string, today: string) {
  const s = alias(promiseSteps, 's');
  const p = alias(promises, 'p');
  // The promises with a hand-off still open past its day, named as the steps' column they return.
  const lateOpen = alias(promiseSteps, 'late_open');
  const { rows } = await db.execute<{ open: number; at_risk: number }>(sql`
    with ${lateOpen} as (
      select distinct ${s.promiseId} from ${promiseSteps} ${s}
       where ${s.doneOn} is null and ${s.dueDate} < ${today}::date and ${s.orgId} = ${org} and ${s.kind} = 'handoff')
    select count(*)::int as open,
           count(*) filter (where ${p.lateHandoffs} > 0 or ${p.id} in (select ${lateOpen.promiseId} from ${lateOpen}))::int as at_risk
      from ${promises} ${p} where ${p.orgId} = ${org} and ${p.outcome} is null and ${p.dueDate} >= ${today}::date`);
  return rows[0];
}

export interface ClosedRound {
  id: string;
  title: string;
  closes_on: string;
}

/** The last two closed rounds of core questions, the latest first. */
export async function latestClosedRounds(db: Db, org: string): Promise<ClosedRound[]> {
  const c = campaigns;
  const { rows } = await db.execute<{ id: string; title: string; closes_on: string }>(sql`
    select ${c.id}, ${c.title}, ${c.closesOn}::text as closes_on from ${c} where ${c.orgId} = ${org} and ${c.status} = 'closed' order by ${c.closesOn} desc, ${c.closedAt} desc limit 2`);
  return rows;
}

/** Counsel now: the decision queue, its oldest wait and the median days to a decision; needs recognised or not. */
export async function counselNow(db: Db, org: string) {
  const pr = proposals;
  const n = needs;
  const { rows } = await db.execute<{
    queue: number;
    oldest: number | null;
    median: number | null;
    recognised: number;
    waiting: number;
  }>(sql`
    select (select count(*)::int from ${pr} where ${pr.orgId} = ${org} and ${pr.status} = 'submitted') as queue,
           (select extract(epoch from now() - min(${pr.queuedAt})) / 86400 from ${pr} where ${pr.orgId} = ${org} and ${pr.status} = 'submitted')::float8 as oldest,
           (select percentile_cont(0.5) within group (order by extract(epoch from ${pr.decidedAt} - ${pr.submittedAt}) / 86400)
              from ${pr} where ${pr.orgId} = ${org} and ${pr.decidedAt} > now() - interval '90 days')::float8 as median,
           (select count(*)::int from ${n} where ${n.orgId} = ${org} and ${n.recognisedAt} is not null) as recognised,
           (select count(*)::int from ${n} where ${n.orgId} = ${org} and ${n.recognisedAt} is null) as waiting`);
  return rows[0];
}

/** The organisation-wide results of the given rounds, per question, in the questions' order. */
export async function roundResults(db: Db, org: string, campaignIds: string[]) {
  const r = alias(campaignResults, 'r');
  const q = alias(campaignQuestions, 'q');
  const { rows } = await db.execute<{
    campaign_id: string;
    theme: string;
    kind: string;
    status: string;
    respondents: number | null;
    value_sum: number | null;
    counts: number[] | null;
  }>(sql`
    select ${r.campaignId}, ${q.theme}, ${q.kind}, ${r.status}, ${r.respondents}, ${r.valueSum}, ${r.counts}
      from ${campaignResults} ${r} join ${campaignQuestions} ${q} on ${q.orgId} = ${r.orgId} and ${q.campaignId} = ${r.campaignId} and ${q.id} = ${r.questionId}
     where ${r.orgId} = ${org} and ${r.campaignId} = any(${sql.param(campaignIds)}::uuid[]) and ${r.groupKey} = 'org'
     order by ${q.position}`);
  return rows;
}

/** The organisation-wide participation of one round, when it may be shown, with the round's smallest group. */
export async function roundParticipation(db: Db, org: string, campaignId: string) {
  const p = alias(campaignParticipation, 'p');
  const c = alias(campaigns, 'c');
  const { rows } = await db.execute<{
    audience: number | null;
    respondents: number | null;
    min_group: number;
  }>(sql`
    select ${p.audience}, ${p.respondents}, ${c.minGroup} from ${campaignParticipation} ${p} join ${campaigns} ${c} on ${c.orgId} = ${p.orgId} and ${c.id} = ${p.campaignId}
     where ${p.orgId} = ${org} and ${p.campaignId} = ${campaignId} and ${p.groupKey} = 'org' and ${p.status} = 'shown'`);
  return rows;
}

import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { bareColumn, type Db } from '../../db/client';
import { handoffDaySums, NO_TEAM, promises, teamScanRatings } from '../../db/schema/promises.schema';

// The promises module's SQL for the internal customer chain (chain.service.ts): the hand-offs' day
// sums, the team figures per month and the quarterly scan. Tables and columns named through the schema
// objects, as in promises.repo.ts.

const h = handoffDaySums;
/** One period of an organisation, days from `from` to `to` (inclusive). */
export interface Period {
  orgId: string;
  from: string;
  to: string;
}
/** One team's period (`team`), months from `first` to `end`, and `today`. */
export interface TeamScope {
  org: string;
  team: string;
  first: string;
  end: string;
  today: string;
}

/**
 * The hand-offs between teams in the period, per giving and receiving team: a hand-off whose day has
 * come is due; one still open counts on its due day, so a day before today holds only due ones, today
 * only the done ones. Hand-offs to no other team are left out.
 */
export async function selectFlows(db: Db, period: Period, today: string) {
  const { rows } = await db.execute<{
    giver: string;
    receiver: string;
    handoffs: number;
    due: number;
    on_time: number;
    ratings: number;
    rating_sum: number;
  }>(sql`
    select ${h.giverTeamId} as giver, ${h.receiverTeamId} as receiver, sum(${h.handoffs})::int as handoffs,
           sum(case when ${h.day} < ${today}::date then ${h.handoffs} else ${h.done} end)::int as due,
           sum(${h.onTime})::int as on_time, sum(${h.ratings})::int as ratings, sum(${h.ratingSum})::int as rating_sum
      from ${h}
     where ${h.orgId} = ${period.orgId} and ${h.day} between ${period.from}::date and ${period.to}::date and ${h.receiverTeamId} <> ${NO_TEAM}
     group by 1, 2
    having sum(${h.handoffs}) > 0`);
  return rows;
}

/** The team's promises per month they are due in: how many settled (kept, broken or past) and kept. */
export async function selectKeptByMonth(db: Db, scope: TeamScope) {
  const p = alias(promises, 'p');
  const { rows } = await db.execute<{ month: string; settled: number; kept: number }>(sql`
    select date_trunc('month', ${p.dueDate})::date::text as month,
           count(*) filter (where ${p.outcome} is not null or ${p.dueDate} < ${scope.today}::date)::int as settled,
           count(*) filter (where ${p.outcome} = 'kept')::int as kept
      from ${promises} ${p}
     where ${p.orgId} = ${scope.org} and ${p.ownerTeamId} = ${scope.team} and ${p.dueDate} between ${scope.first}::date and ${scope.end}::date
     group by 1`);
  return rows;
}

/** The team's hand-offs per month: how many were due (as in selectFlows) and how many on time. */
export async function selectStepsByMonth(db: Db, scope: TeamScope) {
  const { rows } = await db.execute<{ month: string; due: number; on_time: number }>(sql`
    select date_trunc('month', ${h.day})::date::text as month,
           sum(case when ${h.day} < ${scope.today}::date then ${h.handoffs} else ${h.done} end)::int as due, sum(${h.onTime})::int as on_time
      from ${h}
     where ${h.orgId} = ${scope.org} and ${h.giverTeamId} = ${scope.team} and ${h.day} between ${scope.first}::date and ${scope.end}::date
     group by 1`);
  return rows;
}

/** The ratings per month of the team's hand-offs (`giver`: those it received) or of those to it (`receiver`: it gave). */
export async function selectRatingsByMonth(db: Db, scope: TeamScope, side: 'giver' | 'receiver') {
  const team = side === 'giver' ? h.giverTeamId : h.receiverTeamId;
  const { rows } = await db.execute<{ month: string; n: number; average: number | null }>(sql`
    select date_trunc('month', ${h.day})::date::text as month, sum(${h.ratings})::int as n, (sum(${h.ratingSum})::float8 / nullif(sum(${h.ratings}), 0)) as average
      from ${h}
     where ${h.orgId} = ${scope.org} and ${team} = ${scope.team} and ${h.day} between ${scope.first}::date and ${scope.end}::date
     group by 1`);
  return rows;
}

// ---------- the quarterly scan ----------

/** Partners of each team: the other teams it handed work to or got work from in the period. */
export async function selectPartners(db: Db, period: Period, teamIds: string[]) {
  const { rows } = await db.execute<{ team: string; partner: string; handoffs: number }>(sql`
    select team, partner, sum(handoffs)::int as handoffs from (
      select ${h.giverTeamId} as team, ${h.receiverTeamId} as partner, ${h.handoffs} as handoffs from ${h}
       where ${h.orgId} = ${period.orgId} and ${h.giverTeamId} = any(${sql.param(teamIds)}::uuid[]) and ${h.day} between ${period.from}::date and ${period.to}::date
      union all
      select ${h.receiverTeamId}, ${h.giverTeamId}, ${h.handoffs} from ${h}
       where ${h.orgId} = ${period.orgId} and ${h.receiverTeamId} = any(${sql.param(teamIds)}::uuid[]) and ${h.day} between ${period.from}::date and ${period.to}::date
    ) h where team <> partner and partner <> ${NO_TEAM} group by 1, 2 having sum(handoffs) > 0`);
  return rows;
}

/** The scan's ratings of the quarter starting `start` by these teams. */
export async function selectScanRatings(db: Db, orgId: string, start: string, teamIds: string[]) {
  const r = teamScanRatings;
  const { rows } = await db.execute<{
    rater: string;
    rated: string;
    member_id: string;
    score: number;
    comment: string | null;
  }>(sql`
    select ${r.raterTeamId} as rater, ${r.ratedTeamId} as rated, ${r.memberId}, ${r.score}, ${r.comment} from ${r}
     where ${r.orgId} = ${orgId} and ${r.quarterStart} = ${start}::date and ${r.raterTeamId} = any(${sql.param(teamIds)}::uuid[])`);
  return rows;
}

/** Stores a member's scan rating for their team, replacing the one they gave before. */
export async function upsertScanRating(
  db: Db,
  values: {
    orgId: string;
    quarterStart: string;
    raterTeamId: string;
    ratedTeamId: string;
    memberId: string;
    score: number;
    comment: string | null;
  },
) {
  const r = teamScanRatings;
  const key = [r.orgId, r.quarterStart, r.raterTeamId, r.ratedTeamId, r.memberId].map(bareColumn);
  await db.execute(sql`
    insert into ${r} (${sql.join(key, sql`, `)}, ${bareColumn(r.score)}, ${bareColumn(r.comment)})
    values (${values.orgId}, ${values.quarterStart}::date, ${values.raterTeamId}, ${values.ratedTeamId}, ${values.memberId}, ${values.score}, ${values.comment})
    on conflict (${sql.join(key, sql`, `)})
    do update set ${bareColumn(r.score)} = excluded.${bareColumn(r.score)}, ${bareColumn(r.comment)} = excluded.${bareColumn(r.comment)}, ${bareColumn(r.updatedAt)} = now()`);
}

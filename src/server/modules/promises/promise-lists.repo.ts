import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { GuidelineBreachDto } from '../../../contracts/promises.contract';
import { runStatement, type Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { members, teams } from '../../db/schema/org.schema';
import { customers, promiseSteps, promises } from '../../db/schema/promises.schema';
import { containing } from './customers.repo';
import { offeringOf } from './offerings.read-model';

// The SQL of the promise lists (mine, my teams', all; the work list of steps) and the conditions they
// are filtered by, which promise-lists.service.ts combines. Named through the schema objects, as in
// promises.repo.ts, with the same aliases: a promise `p` (the conditions are on it) and its steps `s`.

const p = alias(promises, 'p');
const s = alias(promiseSteps, 's');

/** Whether the promise `p` has a hand-off step matching `condition` (on `s`). */
const hasHandoff = (condition: SQL) =>
  sql`exists (select 1 from ${promiseSteps} ${s} where ${s.orgId} = ${p.orgId} and ${s.promiseId} = ${p.id} and ${s.kind} = 'handoff'
                  and ${condition})`;

/** A value of a condition: given as it is, or as `$('key')` of a statement made once (runStatement). */
type Value = string | SQLWrapper;
/** A list of ids as one array parameter. */
const idList = (ids: string[] | SQLWrapper) => (Array.isArray(ids) ? sql.param(ids) : ids);

/**
 * The state of promise `p` on `today`, in SQL: the same rules as promiseStatus() in promise-rules.ts
 * (the promises integration test holds them to each other).
 */
export const statusOf = (today: Value) => sql`
  case
    when ${p.outcome} is not null then ${p.outcome}
    when ${p.dueDate} < ${today}::date then 'broken'
    when ${hasHandoff(sql`((${s.doneOn} is null and ${s.dueDate} < ${today}::date) or ${s.doneOn} > ${s.dueDate})`)} then 'at_risk'
    when ${p.renegotiations} > 0 then 'renegotiated'
    when ${hasHandoff(sql`(${s.acceptedAt} is not null or ${s.doneOn} is not null)`)} then 'in_progress'
    else 'open'
  end`;

/** Promises of these teams: owned by one, made in one, or with a step of one. */
export const concernsTeams = (teamIds: string[] | SQLWrapper) => sql`
  (${p.ownerTeamId} = any(${idList(teamIds)}::uuid[]) or ${p.makerTeamId} = any(${idList(teamIds)}::uuid[])
      or exists (select 1 from ${promiseSteps} ${s} where ${s.orgId} = ${p.orgId} and ${s.promiseId} = ${p.id} and ${s.teamId} = any(${idList(teamIds)}::uuid[])))`;

/** Whom a promise concerns: its maker, and the members of its owning team, maker's team and step teams. */
export const visibleTo = (memberId: Value, teamIds: string[] | SQLWrapper) => sql`
  (${p.madeBy} = ${memberId}
   or ${p.ownerTeamId} = any(${idList(teamIds)}::uuid[])
   or ${p.makerTeamId} = any(${idList(teamIds)}::uuid[])
   or exists (select 1 from ${promiseSteps} ${s} where ${s.orgId} = ${p.orgId} and ${s.promiseId} = ${p.id} and ${s.teamId} = any(${idList(teamIds)}::uuid[])))`;

/** Promises this member made. */
export const madeBy = (memberId: Value) => sql`${p.madeBy} = ${memberId}`;

/** The pattern `mentions` takes for the words `q`. */
export const mentionPattern = (q: string) => containing(q);

/** Promises whose words or customer's name match `like` (mentionPattern). */
export function mentions(like: Value) {
  const c2 = alias(customers, 'c2');
  return sql`(${p.what} ilike ${like} or exists (select 1 from ${customers} ${c2} where ${c2.orgId} = ${p.orgId} and ${c2.id} = ${p.customerId} and ${c2.name} ilike ${like}))`;
}

/** Promises that broke a guideline when made (`flagged`), or none. */
export const flagged = (yes: boolean) =>
  yes ? sql`jsonb_array_length(${p.breaches}) > 0` : sql`jsonb_array_length(${p.breaches}) = 0`;

/**
 * The promises behind one arrow of the chain: a hand-off by team `from` to team `to` (either may be
 * left out) whose day (done, or due while open) is within `fromDay`..`toDay`, as in the chain.
 */
export const handedOff = (arrow: { from?: Value; to?: Value; fromDay?: Value; toDay?: Value }) =>
  sql`exists (select 1 from ${promiseSteps} ${s} where ${s.orgId} = ${p.orgId} and ${s.promiseId} = ${p.id} and ${s.kind} = 'handoff'
      ${arrow.from ? sql`and ${s.teamId} = ${arrow.from}` : sql``}
      ${arrow.to ? sql`and ${s.receiverTeamId} = ${arrow.to}` : sql``}
      ${arrow.fromDay ? sql`and coalesce(${s.doneOn}, ${s.dueDate}) >= ${arrow.fromDay}::date` : sql``}
      ${arrow.toDay ? sql`and coalesce(${s.doneOn}, ${s.dueDate}) <= ${arrow.toDay}::date` : sql``})`;

/** Promises due on or after `day`. */
export const dueFrom = (day: Value) => sql`${p.dueDate} >= ${day}::date`;
/** Promises due on or before `day`. */
export const dueUntil = (day: Value) => sql`${p.dueDate} <= ${day}::date`;
/** The promise with this id. */
export const promiseIs = (promiseId: Value) => sql`${p.id} = ${promiseId}`;
/** The promises with these ids. */
export const promiseAmong = (promiseIds: string[] | SQLWrapper) => sql`${p.id} = any(${idList(promiseIds)}::uuid[])`;

const statusFilter = (status: string | undefined, value: SQLWrapper) => {
  if (!status) return sql``;
  if (status === 'active') return sql`where x.status not in ('kept', 'broken')`;
  return sql`where x.status = ${value}`;
};

export interface SummaryRow {
  id: string;
  what: string;
  due_date: string;
  renegotiations: number;
  delivered_on: string | null;
  breaches: GuidelineBreachDto[];
  created_at: string;
  customer_id: string;
  customer_name: string;
  offering_id: string | null;
  offering_name: string | null;
  owner_team_id: string;
  owner_team_name: string;
  made_by: string;
  maker_name: string;
  status: string;
  steps_done: number;
  steps_total: number;
  next_team_id: string | null;
  next_team_name: string | null;
  next_what: string | null;
  next_due: string | null;
}

/** What selectSummaries is given: conditions on `p` written with `$('key')`, their values, and a name of their shape. */
export interface SummaryQuery {
  /** Names the shape of `where` (which conditions, which of their parts): one statement is made for each. */
  variant: string;
  where: ($: (key: string) => SQLWrapper) => SQL[];
  values: Record<string, unknown>;
  status?: string;
  order: 'asc' | 'desc';
  after?: { day: string; id: string };
  limit: number;
}

/**
 * Promises matching `where` (conditions on `p`), with their state on `today`, ordered by promised day.
 * Made into text once for each shape and prepared by name (runStatement): the lists ask for it all day.
 */
export async function selectSummaries(
  tx: Tx,
  orgId: string,
  today: string,
  query: SummaryQuery,
): Promise<SummaryRow[]> {
  const c = alias(customers, 'c');
  const ot = alias(teams, 'ot');
  const m = alias(members, 'm');
  const mu = alias(authUser, 'mu');
  const nt = alias(teams, 'nt');
  const offering = offeringOf(p.orgId, p.offeringId);
  const asc = query.order === 'asc';
  const shape = [
    query.variant,
    query.order,
    query.after ? 'after' : '',
    query.status === 'active' ? 'active' : query.status ? 'status' : '',
  ];
  return runStatement<SummaryRow>(
    tx,
    `promise-summaries:${shape.join(':')}`,
    ($) => {
      const conditions = [sql`${p.orgId} = ${$('orgId')}`, ...query.where($)];
      const dir = asc ? sql`asc` : sql`desc`;
      if (query.after) {
        conditions.push(
          asc
            ? sql`(${p.dueDate}, ${p.id}) > (${$('afterDay')}::date, ${$('afterId')}::uuid)`
            : sql`(${p.dueDate}, ${p.id}) < (${$('afterDay')}::date, ${$('afterId')}::uuid)`,
        );
      }
      return sql`
    select x.* from (
      select ${p.id} as id, ${p.what}, ${p.dueDate}::text as due_date, ${p.renegotiations}, ${p.deliveredOn}::text as delivered_on, ${p.breaches}, ${p.createdAt},
             ${c.id} as customer_id, ${c.name} as customer_name, ${offering.columns},
             ${p.ownerTeamId}, ${ot.name} as owner_team_name, ${p.madeBy}, ${mu.name} as maker_name,
             ${statusOf($('today'))} as status,
             st.steps_done, st.steps_total, ${nt.id} as next_team_id, ${nt.name} as next_team_name, ns.what as next_what, ns.due_date::text as next_due
        from ${promises} ${p}
        join ${customers} ${c} on ${c.orgId} = ${p.orgId} and ${c.id} = ${p.customerId}
        ${offering.join}
        join ${teams} ${ot} on ${ot.orgId} = ${p.orgId} and ${ot.id} = ${p.ownerTeamId}
        join ${members} ${m} on ${m.orgId} = ${p.orgId} and ${m.id} = ${p.madeBy}
        join ${authUser} ${mu} on ${mu.id} = ${m.userId}
        cross join lateral (
          select count(*) filter (where ${s.doneOn} is not null)::int as steps_done, count(*)::int as steps_total
            from ${promiseSteps} ${s} where ${s.orgId} = ${p.orgId} and ${s.promiseId} = ${p.id} and ${s.kind} = 'handoff') st
        left join lateral (
          select ${s.teamId} as team_id, ${s.what} as what, ${s.dueDate} as due_date from ${promiseSteps} ${s}
           where ${s.orgId} = ${p.orgId} and ${s.promiseId} = ${p.id} and ${s.kind} = 'handoff' and ${s.doneOn} is null
           order by ${s.position} limit 1) ns on true
        left join ${teams} ${nt} on ${nt.orgId} = ${p.orgId} and ${nt.id} = ns.team_id
       where ${sql.join(conditions, sql` and `)}
    ) x
    ${statusFilter(query.status, $('status'))}
    order by x.due_date ${dir}, x.id ${dir}
    limit ${$('limit')}`;
    },
    {
      ...query.values,
      orgId,
      today,
      status: query.status,
      afterDay: query.after?.day,
      afterId: query.after?.id,
      limit: query.limit,
    },
  );
}

export interface WorkFilter {
  /** The steps of these teams; all teams when null (with `ownerId`). */
  teamIds: string[] | null;
  /** Only the steps this member has. */
  ownerId: string | null;
  state: 'open' | 'done';
  /** late: open past its day, or done after it; a week: due from `from` to `to` (inclusive). */
  late: boolean;
  dueBetween: { from: string; to: string } | null;
  today: string;
}

/** Steps matching the filter, open (soonest first) or done (latest first). */
export async function selectWorkSteps(
  tx: Tx,
  orgId: string,
  filter: WorkFilter,
  after: { day: string; id: string } | undefined,
  limit: number,
) {
  const open = filter.state === 'open';
  const day = open ? sql`${s.dueDate}` : sql`${s.doneOn}`;
  const conditions = [sql`${s.orgId} = ${orgId}`, open ? sql`${s.doneOn} is null` : sql`${s.doneOn} is not null`];
  if (filter.teamIds) conditions.push(sql`${s.teamId} = any(${sql.param(filter.teamIds)}::uuid[])`);
  if (filter.ownerId) conditions.push(sql`${s.ownerMemberId} = ${filter.ownerId}`);
  if (filter.late) conditions.push(open ? sql`${s.dueDate} < ${filter.today}::date` : sql`${s.doneOn} > ${s.dueDate}`);
  if (filter.dueBetween)
    conditions.push(sql`${s.dueDate} between ${filter.dueBetween.from}::date and ${filter.dueBetween.to}::date`);
  if (after)
    conditions.push(
      open
        ? sql`(${s.dueDate}, ${s.id}) > (${after.day}::date, ${after.id}::uuid)`
        : sql`(${s.doneOn}, ${s.id}) < (${after.day}::date, ${after.id}::uuid)`,
    );
  const { rows } = await tx.execute<{ id: string; promise_id: string; day: string }>(sql`
    select ${s.id}, ${s.promiseId}, ${day}::text as day
      from ${promiseSteps} ${s}
      join ${promises} ${p} on ${p.orgId} = ${s.orgId} and ${p.id} = ${s.promiseId}
     where ${sql.join(conditions, sql` and `)}
     order by ${day} ${open ? sql`asc` : sql`desc`}, ${s.id} ${open ? sql`asc` : sql`desc`}
     limit ${limit}`);
  return rows;
}

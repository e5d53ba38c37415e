import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { GuidelineBreachDto } from '../../../contracts/promises.contract';
import type { Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { members, teamMembers, teams } from '../../db/schema/org.schema';
import {
  customers,
  promiseEvents,
  promiseSteps,
  promises,
  stepComments,
  stepRatings,
  stepReminders,
} from '../../db/schema/promises.schema';
import { containing } from './customers.repo';
import { offeringOf } from './offerings.read-model';

// The promises module's SQL for promises, their steps and customers: tables and columns named through
// the schema objects, so a rename fails to compile. Raw SQL interpolates aliased tables from
// `alias(table, 'x')`: `${x.id}` renders `"x"."id"` and `from ${table} ${x}` names the table once.
// Customers are in customers.repo.ts, the chain's figures in chain.repo.ts, the step reminders in
// reminders.repo.ts; the offering a promise names is read in offerings.read-model.ts.

/** The aliases the raw SQL uses: a promise `p` (the lists' conditions are on it) and its steps `s`. */
const p = alias(promises, 'p');
const s = alias(promiseSteps, 's');

export type PromiseRow = typeof promises.$inferSelect;
export type StepRow = typeof promiseSteps.$inferSelect;

// ---------- promises and steps ----------

export async function insertPromise(tx: Tx, orgId: string, values: Omit<typeof promises.$inferInsert, 'orgId' | 'id'>) {
  const [row] = await tx
    .insert(promises)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

export async function insertSteps(
  tx: Tx,
  orgId: string,
  rows: Omit<typeof promiseSteps.$inferInsert, 'orgId' | 'id'>[],
) {
  if (rows.length === 0) return [];
  return tx
    .insert(promiseSteps)
    .values(rows.map((r) => ({ orgId, ...r })))
    .returning();
}

export async function insertEvent(
  tx: Tx,
  orgId: string,
  values: {
    promiseId: string;
    stepId?: string | null;
    kind: string;
    data?: Record<string, unknown>;
    by: string | null;
  },
) {
  await tx.insert(promiseEvents).values({ orgId, ...values, data: values.data ?? {} });
}

/** The promise, locked for the rest of the transaction when `lock` says so. */
export async function selectPromise(tx: Tx, orgId: string, promiseId: string, lock = false) {
  const query = tx
    .select()
    .from(promises)
    .where(and(eq(promises.orgId, orgId), eq(promises.id, promiseId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function selectSteps(tx: Tx, orgId: string, promiseId: string) {
  return tx
    .select()
    .from(promiseSteps)
    .where(and(eq(promiseSteps.orgId, orgId), eq(promiseSteps.promiseId, promiseId)))
    .orderBy(asc(promiseSteps.position));
}

export async function selectPromisesByIds(tx: Tx, orgId: string, promiseIds: string[]) {
  if (promiseIds.length === 0) return [];
  return tx
    .select()
    .from(promises)
    .where(and(eq(promises.orgId, orgId), inArray(promises.id, promiseIds)));
}

export async function selectStepsOf(tx: Tx, orgId: string, promiseIds: string[]) {
  if (promiseIds.length === 0) return [];
  return tx
    .select()
    .from(promiseSteps)
    .where(and(eq(promiseSteps.orgId, orgId), inArray(promiseSteps.promiseId, promiseIds)))
    .orderBy(asc(promiseSteps.promiseId), asc(promiseSteps.position));
}

export async function selectEvents(tx: Tx, orgId: string, promiseId: string) {
  return tx
    .select()
    .from(promiseEvents)
    .where(and(eq(promiseEvents.orgId, orgId), eq(promiseEvents.promiseId, promiseId)))
    .orderBy(asc(promiseEvents.at), asc(promiseEvents.id));
}

export async function selectRatings(tx: Tx, orgId: string, stepIds: string[]) {
  if (stepIds.length === 0) return [];
  const r = stepRatings;
  const { rows } = await tx.execute<{
    step_id: string;
    score: number;
    comment: string | null;
    by: string;
    at: string;
  }>(sql`
    select ${r.stepId}, ${r.score}, ${r.comment}, ${r.by}, ${r.at} from ${r} where ${r.orgId} = ${orgId} and ${r.stepId} = any(${sql.param(stepIds)}::uuid[])`);
  return rows;
}

type StepChanges = Partial<typeof promiseSteps.$inferInsert>;

async function setStep(tx: Tx, orgId: string, stepId: string, values: StepChanges, onlyWhen?: SQL) {
  return tx
    .update(promiseSteps)
    .set(values)
    .where(and(eq(promiseSteps.orgId, orgId), eq(promiseSteps.id, stepId), onlyWhen))
    .returning();
}

export async function updateStep(tx: Tx, orgId: string, stepId: string, values: StepChanges) {
  return setStep(tx, orgId, stepId, values);
}

/** Changes a step that is not done yet; no rows come back when it was done (by someone else) meanwhile. */
export async function updateOpenStep(tx: Tx, orgId: string, stepId: string, values: StepChanges) {
  return setStep(tx, orgId, stepId, values, isNull(promiseSteps.doneOn));
}

export async function updatePromise(
  tx: Tx,
  orgId: string,
  promiseId: string,
  values: Partial<typeof promises.$inferInsert>,
) {
  await tx
    .update(promises)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(promises.orgId, orgId), eq(promises.id, promiseId)));
}

/** Rates a hand-off once: false when it was rated before. */
export async function insertRating(
  tx: Tx,
  orgId: string,
  values: Omit<typeof stepRatings.$inferInsert, 'orgId' | 'at'>,
) {
  const rows = await tx
    .insert(stepRatings)
    .values({ orgId, ...values })
    .onConflictDoNothing()
    .returning({ stepId: stepRatings.stepId });
  return rows.length === 1;
}

// ---------- teams and their members (org's tables, read) ----------

/** Which of these teams exist and are not archived. */
export async function selectActiveTeamIds(tx: Tx, orgId: string, teamIds: string[]) {
  const { rows } = await tx.execute<{ id: string }>(sql`
    select ${teams.id} from ${teams} where ${teams.orgId} = ${orgId} and ${teams.archivedAt} is null and ${teams.id} = any(${sql.param(teamIds)}::uuid[])`);
  return rows.map((r) => r.id);
}

/** Which of these members are active members of the team. */
export async function selectTeamMemberIds(tx: Tx, orgId: string, teamId: string, memberIds: string[]) {
  const tm = alias(teamMembers, 'tm');
  const m = alias(members, 'm');
  const { rows } = await tx.execute<{ member_id: string }>(sql`
    select ${tm.memberId} from ${teamMembers} ${tm} join ${members} ${m} on ${m.orgId} = ${tm.orgId} and ${m.id} = ${tm.memberId} and ${m.status} = 'active'
     where ${tm.orgId} = ${orgId} and ${tm.teamId} = ${teamId} and ${tm.memberId} = any(${sql.param(memberIds)}::uuid[])`);
  return rows.map((r) => r.member_id);
}

// ---------- reading lists ----------

/** Whether the promise `p` has a hand-off step matching `condition` (on `s`). */
const hasHandoff = (condition: SQL) =>
  sql`exists (select 1 from ${promiseSteps} ${s} where ${s.orgId} = ${p.orgId} and ${s.promiseId} = ${p.id} and ${s.kind} = 'handoff'
                  and ${condition})`;

/**
 * The state of promise `p` on `today`, in SQL: the same rules as promiseStatus() in promise-rules.ts
 * (the promises integration test holds them to each other).
 */
export const statusOf = (today: string) => sql`
  case
    when ${p.outcome} is not null then ${p.outcome}
    when ${p.dueDate} < ${today}::date then 'broken'
    when ${hasHandoff(sql`((${s.doneOn} is null and ${s.dueDate} < ${today}::date) or ${s.doneOn} > ${s.dueDate})`)} then 'at_risk'
    when ${p.renegotiations} > 0 then 'renegotiated'
    when ${hasHandoff(sql`(${s.acceptedAt} is not null or ${s.doneOn} is not null)`)} then 'in_progress'
    else 'open'
  end`;

/** Promises of these teams: owned by one, made in one, or with a step of one. */
export const concernsTeams = (teamIds: string[]) => sql`
  (${p.ownerTeamId} = any(${sql.param(teamIds)}::uuid[]) or ${p.makerTeamId} = any(${sql.param(teamIds)}::uuid[])
      or exists (select 1 from ${promiseSteps} ${s} where ${s.orgId} = ${p.orgId} and ${s.promiseId} = ${p.id} and ${s.teamId} = any(${sql.param(teamIds)}::uuid[])))`;

/** Whom a promise concerns: its maker, and the members of its owning team, maker's team and step teams. */
export const visibleTo = (memberId: string, teamIds: string[]) => sql`
  (${p.madeBy} = ${memberId}
   or ${p.ownerTeamId} = any(${sql.param(teamIds)}::uuid[])
   or ${p.makerTeamId} = any(${sql.param(teamIds)}::uuid[])
   or exists (select 1 from ${promiseSteps} ${s} where ${s.orgId} = ${p.orgId} and ${s.promiseId} = ${p.id} and ${s.teamId} = any(${sql.param(teamIds)}::uuid[])))`;

/** Promises this member made. */
export const madeBy = (memberId: string) => sql`${p.madeBy} = ${memberId}`;

/** Promises whose words or customer's name hold `q`. */
export function mentions(q: string) {
  const like = containing(q);
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
export const handedOff = (arrow: { from?: string; to?: string; fromDay?: string; toDay?: string }) =>
  sql`exists (select 1 from ${promiseSteps} ${s} where ${s.orgId} = ${p.orgId} and ${s.promiseId} = ${p.id} and ${s.kind} = 'handoff'
      ${arrow.from ? sql`and ${s.teamId} = ${arrow.from}` : sql``}
      ${arrow.to ? sql`and ${s.receiverTeamId} = ${arrow.to}` : sql``}
      ${arrow.fromDay ? sql`and coalesce(${s.doneOn}, ${s.dueDate}) >= ${arrow.fromDay}::date` : sql``}
      ${arrow.toDay ? sql`and coalesce(${s.doneOn}, ${s.dueDate}) <= ${arrow.toDay}::date` : sql``})`;

/** Promises due on or after `day`. */
export const dueFrom = (day: string) => sql`${p.dueDate} >= ${day}::date`;
/** Promises due on or before `day`. */
export const dueUntil = (day: string) => sql`${p.dueDate} <= ${day}::date`;
/** The promise with this id. */
export const promiseIs = (promiseId: string) => sql`${p.id} = ${promiseId}`;
/** The promises with these ids. */
export const promiseAmong = (promiseIds: string[]) => sql`${p.id} = any(${sql.param(promiseIds)}::uuid[])`;

const statusFilter = (status: string | undefined) => {
  if (!status) return sql``;
  if (status === 'active') return sql`where x.status not in ('kept', 'broken')`;
  return sql`where x.status = ${status}`;
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

/** Promises matching `where` (conditions on `p`), with their state on `today`, ordered by promised day. */
export async function selectSummaries(
  tx: Tx,
  orgId: string,
  today: string,
  options: { where: SQL[]; status?: string; order: 'asc' | 'desc'; after?: { day: string; id: string }; limit: number },
): Promise<SummaryRow[]> {
  const c = alias(customers, 'c');
  const ot = alias(teams, 'ot');
  const m = alias(members, 'm');
  const mu = alias(authUser, 'mu');
  const nt = alias(teams, 'nt');
  const offering = offeringOf(p.orgId, p.offeringId);
  const conditions = [sql`${p.orgId} = ${orgId}`, ...options.where];
  const dir = options.order === 'asc' ? sql`asc` : sql`desc`;
  if (options.after) {
    conditions.push(
      options.order === 'asc'
        ? sql`(${p.dueDate}, ${p.id}) > (${options.after.day}::date, ${options.after.id}::uuid)`
        : sql`(${p.dueDate}, ${p.id}) < (${options.after.day}::date, ${options.after.id}::uuid)`,
    );
  }
  const { rows } = await tx.execute<SummaryRow & Record<string, unknown>>(sql`
    select x.* from (
      select ${p.id} as id, ${p.what}, ${p.dueDate}::text as due_date, ${p.renegotiations}, ${p.deliveredOn}::text as delivered_on, ${p.breaches}, ${p.createdAt},
             ${c.id} as customer_id, ${c.name} as customer_name, ${offering.columns},
             ${p.ownerTeamId}, ${ot.name} as owner_team_name, ${p.madeBy}, ${mu.name} as maker_name,
             ${statusOf(today)} as status,
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
    ${statusFilter(options.status)}
    order by x.due_date ${dir}, x.id ${dir}
    limit ${options.limit}`);
  return rows;
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

// ---------- comments on steps ----------

export async function insertComment(
  tx: Tx,
  orgId: string,
  values: { promiseId: string; stepId: string; authorId: string; body: string },
) {
  const [row] = await tx
    .insert(stepComments)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

export async function selectComments(tx: Tx, orgId: string, stepId: string) {
  return tx
    .select()
    .from(stepComments)
    .where(and(eq(stepComments.orgId, orgId), eq(stepComments.stepId, stepId)))
    .orderBy(asc(stepComments.at), asc(stepComments.id));
}

/** How many comments each of these steps has. */
export async function countComments(tx: Tx, orgId: string, stepIds: string[]) {
  if (stepIds.length === 0) return new Map<string, number>();
  const sc = stepComments;
  const { rows } = await tx.execute<{ step_id: string; n: number }>(sql`
    select ${sc.stepId}, count(*)::int as n from ${sc}
     where ${sc.orgId} = ${orgId} and ${sc.stepId} = any(${sql.param(stepIds)}::uuid[]) group by ${sc.stepId}`);
  return new Map(rows.map((r) => [r.step_id, r.n]));
}

/** Forgets the reminders sent for steps whose day moved, so the new day gets its own. */
export async function deleteStepReminders(tx: Tx, orgId: string, stepIds: string[]) {
  await tx.delete(stepReminders).where(and(eq(stepReminders.orgId, orgId), inArray(stepReminders.stepId, stepIds)));
}

import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { GuidelineBreachDto } from '../../../contracts/promises.contract';
import type { Tx } from '../../db/client';
import {
  customers,
  promiseEvents,
  promiseSteps,
  promises,
  stepComments,
  stepRatings,
  stepReminders,
} from '../../db/schema/promises.schema';

export type PromiseRow = typeof promises.$inferSelect;
export type StepRow = typeof promiseSteps.$inferSelect;

// ---------- customers ----------

export async function insertCustomer(
  tx: Tx,
  orgId: string,
  values: { name: string; contactPerson: string | null; segment: string | null; createdBy: string },
) {
  const [row] = await tx
    .insert(customers)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

export async function selectCustomer(tx: Tx, orgId: string, customerId: string) {
  const [row] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
  return row;
}

/** Customers whose name holds `q`, most recently added first. */
export async function searchCustomers(tx: Tx, orgId: string, q: string | undefined, limit: number) {
  const { rows } = await tx.execute<{
    id: string;
    name: string;
    contact_person: string | null;
    segment: string | null;
  }>(sql`
    select id, name, contact_person, segment from customers
     where org_id = ${orgId} and pseudonymised_at is null ${q ? sql`and name ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql``}
     order by created_at desc limit ${limit}`);
  return rows;
}

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
  const { rows } = await tx.execute<{
    step_id: string;
    score: number;
    comment: string | null;
    by: string;
    at: string;
  }>(sql`
    select step_id, score, comment, by, at from step_ratings where org_id = ${orgId} and step_id = any(${sql.param(stepIds)}::uuid[])`);
  return rows;
}

export async function updateStep(
  tx: Tx,
  orgId: string,
  stepId: string,
  values: Partial<typeof promiseSteps.$inferInsert>,
  onlyWhen?: SQL,
) {
  return tx
    .update(promiseSteps)
    .set(values)
    .where(and(eq(promiseSteps.orgId, orgId), eq(promiseSteps.id, stepId), onlyWhen))
    .returning();
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

// ---------- reading lists ----------

/**
 * The state of promise `p` on `today`, in SQL: the same rules as promiseStatus() in promise-rules.ts
 * (the promises integration test holds them to each other).
 */
export const statusOf = (today: string) => sql`
  case
    when p.outcome is not null then p.outcome
    when p.due_date < ${today}::date then 'broken'
    when exists (select 1 from promise_steps s where s.org_id = p.org_id and s.promise_id = p.id and s.kind = 'handoff'
                  and ((s.done_on is null and s.due_date < ${today}::date) or s.done_on > s.due_date)) then 'at_risk'
    when p.renegotiations > 0 then 'renegotiated'
    when exists (select 1 from promise_steps s where s.org_id = p.org_id and s.promise_id = p.id and s.kind = 'handoff'
                  and (s.accepted_at is not null or s.done_on is not null)) then 'in_progress'
    else 'open'
  end`;

/** Whom a promise concerns: its maker, and the members of its owning team, maker's team and step teams. */
export const visibleTo = (memberId: string, teamIds: string[]) => sql`
  (p.made_by = ${memberId}
   or p.owner_team_id = any(${sql.param(teamIds)}::uuid[])
   or p.maker_team_id = any(${sql.param(teamIds)}::uuid[])
   or exists (select 1 from promise_steps s where s.org_id = p.org_id and s.promise_id = p.id and s.team_id = any(${sql.param(teamIds)}::uuid[])))`;

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
  const conditions = [sql`p.org_id = ${orgId}`, ...options.where];
  const dir = options.order === 'asc' ? sql`asc` : sql`desc`;
  if (options.after) {
    conditions.push(
      options.order === 'asc'
        ? sql`(p.due_date, p.id) > (${options.after.day}::date, ${options.after.id}::uuid)`
        : sql`(p.due_date, p.id) < (${options.after.day}::date, ${options.after.id}::uuid)`,
    );
  }
  const { rows } = await tx.execute<SummaryRow & Record<string, unknown>>(sql`
    select x.* from (
      select p.id, p.what, p.due_date::text, p.renegotiations, p.delivered_on::text, p.breaches, p.created_at,
             c.id as customer_id, c.name as customer_name, o.id as offering_id, o.name as offering_name,
             p.owner_team_id, ot.name as owner_team_name, p.made_by, mu.name as maker_name,
             ${statusOf(today)} as status,
             st.steps_done, st.steps_total, nt.id as next_team_id, nt.name as next_team_name, ns.what as next_what, ns.due_date::text as next_due
        from promises p
        join customers c on c.org_id = p.org_id and c.id = p.customer_id
        left join offerings o on o.org_id = p.org_id and o.id = p.offering_id
        join teams ot on ot.org_id = p.org_id and ot.id = p.owner_team_id
        join members m on m.org_id = p.org_id and m.id = p.made_by
        join auth_user mu on mu.id = m.user_id
        cross join lateral (
          select count(*) filter (where s.done_on is not null)::int as steps_done, count(*)::int as steps_total
            from promise_steps s where s.org_id = p.org_id and s.promise_id = p.id and s.kind = 'handoff') st
        left join lateral (
          select s.team_id, s.what, s.due_date from promise_steps s
           where s.org_id = p.org_id and s.promise_id = p.id and s.kind = 'handoff' and s.done_on is null
           order by s.position limit 1) ns on true
        left join teams nt on nt.org_id = p.org_id and nt.id = ns.team_id
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
  const day = open ? sql`s.due_date` : sql`s.done_on`;
  const conditions = [sql`s.org_id = ${orgId}`, open ? sql`s.done_on is null` : sql`s.done_on is not null`];
  if (filter.teamIds) conditions.push(sql`s.team_id = any(${sql.param(filter.teamIds)}::uuid[])`);
  if (filter.ownerId) conditions.push(sql`s.owner_member_id = ${filter.ownerId}`);
  if (filter.late) conditions.push(open ? sql`s.due_date < ${filter.today}::date` : sql`s.done_on > s.due_date`);
  if (filter.dueBetween)
    conditions.push(sql`s.due_date between ${filter.dueBetween.from}::date and ${filter.dueBetween.to}::date`);
  if (after)
    conditions.push(
      open
        ? sql`(s.due_date, s.id) > (${after.day}::date, ${after.id}::uuid)`
        : sql`(s.done_on, s.id) < (${after.day}::date, ${after.id}::uuid)`,
    );
  const { rows } = await tx.execute<{ id: string; promise_id: string; day: string }>(sql`
    select s.id, s.promise_id, ${day}::text as day
      from promise_steps s
      join promises p on p.org_id = s.org_id and p.id = s.promise_id
     where ${sql.join(conditions, sql` and `)}
     order by ${day} ${open ? sql`asc` : sql`desc`}, s.id ${open ? sql`asc` : sql`desc`}
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
  const { rows } = await tx.execute<{ step_id: string; n: number }>(sql`
    select step_id, count(*)::int as n from step_comments
     where org_id = ${orgId} and step_id = any(${sql.param(stepIds)}::uuid[]) group by step_id`);
  return new Map(rows.map((r) => [r.step_id, r.n]));
}

/** Forgets the reminders sent for steps whose day moved, so the new day gets its own. */
export async function deleteStepReminders(tx: Tx, orgId: string, stepIds: string[]) {
  await tx.delete(stepReminders).where(and(eq(stepReminders.orgId, orgId), inArray(stepReminders.stepId, stepIds)));
}

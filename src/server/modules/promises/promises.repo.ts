import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client';
import { members, teamMembers, teams } from '../../db/schema/org.schema';
import {
  promiseEvents,
  promiseSteps,
  promises,
  stepComments,
  stepRatings,
  stepReminders,
} from '../../db/schema/promises.schema';

// The promises module's SQL for promises, their steps and customers: tables and columns named through
// the schema objects, so a rename fails to compile. Raw SQL interpolates aliased tables from
// `alias(table, 'x')`: `${x.id}` renders `"x"."id"` and `from ${table} ${x}` names the table once.
// Customers are in customers.repo.ts, the chain's figures in chain.repo.ts, the step reminders in
// reminders.repo.ts, the lists and their conditions in promise-lists.repo.ts.

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

/** Accepts a hand-off not done and not accepted yet; no rows come back when it was either (meanwhile). */
export async function acceptOpenStep(tx: Tx, orgId: string, stepId: string, values: StepChanges) {
  return setStep(tx, orgId, stepId, values, and(isNull(promiseSteps.doneOn), isNull(promiseSteps.acceptedAt)));
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

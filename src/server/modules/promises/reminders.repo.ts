import { and, eq, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { bareColumn, type Db, type Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { members, organizations, teamMembers, teams } from '../../db/schema/org.schema';
import { customers, promiseSteps, promises, stepReminders } from '../../db/schema/promises.schema';

// The promises module's SQL for the reminders about steps (reminders.service.ts): tables and columns
// named through the schema objects, as in promises.repo.ts.

/** A claimed reminder: one step, threshold and person. */
export interface Claimed {
  org_id: string;
  step_id: string;
  threshold: 'due_soon' | 'late';
  member_id: string;
}

/** What a reminder is about: the step, its promise and customer, the step's team. */
export interface ReminderAbout {
  promise_id: string;
  step_what: string;
  promise_what: string;
  customer_name: string;
  team_name: string;
  due_date: string;
}

/** Whom a reminder goes to, and in which language. */
export interface ReminderPerson {
  email: string;
  name: string;
  language: string | null;
  default_language: string;
}

const sr = stepReminders;

/**
 * Claims every reminder due at `now` and not claimed before: for each open step due tomorrow or
 * today (late once its day has passed) in its organisation's time zone, its owner and its team's
 * managers, active members only. Answers the claims.
 */
export async function insertDueReminders(tx: Tx, now: Date) {
  const s = alias(promiseSteps, 's');
  const o = alias(organizations, 'o');
  const tm = alias(teamMembers, 'tm');
  const m = alias(members, 'm');
  const { rows } = await tx.execute<Claimed & Record<string, unknown>>(sql`
    with due as (
      select ${s.orgId} as org_id, ${s.id} as step_id, ${s.teamId} as team_id, ${s.ownerMemberId} as owner_member_id, ${s.dueDate} as due_date,
             case when ${s.dueDate} < (${now.toISOString()}::timestamptz at time zone ${o.timeZone})::date then 'late' else 'due_soon' end as threshold
        from ${promiseSteps} ${s}
        join ${organizations} ${o} on ${o.id} = ${s.orgId}
       where ${s.doneOn} is null
         and ${s.dueDate} <= (${now.toISOString()}::timestamptz at time zone 'UTC')::date + 2
         and ${s.dueDate} <= (${now.toISOString()}::timestamptz at time zone ${o.timeZone})::date + 1
    ), recipients as (
      select d.org_id, d.step_id, d.threshold, d.owner_member_id as member_id from due d where d.owner_member_id is not null
      union
      select d.org_id, d.step_id, d.threshold, ${tm.memberId} as member_id from due d
        join ${teamMembers} ${tm} on ${tm.orgId} = d.org_id and ${tm.teamId} = d.team_id and ${tm.isManager}
    )
    insert into ${sr} (${bareColumn(sr.orgId)}, ${bareColumn(sr.stepId)}, ${bareColumn(sr.threshold)}, ${bareColumn(sr.memberId)})
    select r.org_id, r.step_id, r.threshold, r.member_id
      from recipients r join ${members} ${m} on ${m.orgId} = r.org_id and ${m.id} = r.member_id and ${m.status} = 'active'
    on conflict do nothing
    returning ${bareColumn(sr.orgId)}, ${bareColumn(sr.stepId)}, ${bareColumn(sr.threshold)}, ${bareColumn(sr.memberId)}`);
  return rows;
}

/**
 * Claims again the reminders whose e-mail failed at least `retryAfterMinutes` ago, fewer than
 * `maxAttempts` times; answers them.
 */
export async function reclaimFailedReminders(
  db: Db,
  maxAttempts: number,
  retryAfterMinutes: number,
): Promise<Claimed[]> {
  return db
    .update(sr)
    .set({ mailStatus: 'sending', attempts: sql`${sr.attempts} + 1`, claimedAt: sql`now()`, error: null })
    .where(
      and(
        eq(sr.mailStatus, 'failed'),
        lt(sr.attempts, maxAttempts),
        sql`${sr.claimedAt} < now() - make_interval(mins => ${retryAfterMinutes})`,
      ),
    )
    .returning({ org_id: sr.orgId, step_id: sr.stepId, threshold: sr.threshold, member_id: sr.memberId });
}

/** What the reminder about this step is about. */
export async function selectAbout(tx: Tx, orgId: string, stepId: string): Promise<ReminderAbout | undefined> {
  const s = alias(promiseSteps, 's');
  const p = alias(promises, 'p');
  const c = alias(customers, 'c');
  const t = alias(teams, 't');
  const { rows } = await tx.execute<ReminderAbout & Record<string, unknown>>(sql`
    select ${p.id} as promise_id, ${s.what} as step_what, ${p.what} as promise_what, ${c.name} as customer_name, ${t.name} as team_name, ${s.dueDate}::text as due_date
      from ${promiseSteps} ${s}
      join ${promises} ${p} on ${p.orgId} = ${s.orgId} and ${p.id} = ${s.promiseId}
      join ${customers} ${c} on ${c.orgId} = ${p.orgId} and ${c.id} = ${p.customerId}
      join ${teams} ${t} on ${t.orgId} = ${s.orgId} and ${t.id} = ${s.teamId}
     where ${s.orgId} = ${orgId} and ${s.id} = ${stepId}`);
  return rows[0];
}

/** The active member a reminder goes to: e-mail address, name and language. */
export async function selectPerson(db: Db, orgId: string, memberId: string): Promise<ReminderPerson | undefined> {
  const m = alias(members, 'm');
  const u = alias(authUser, 'u');
  const o = alias(organizations, 'o');
  const { rows } = await db.execute<ReminderPerson & Record<string, unknown>>(sql`
    select ${u.email}, ${u.name}, ${u.language}, ${o.defaultLanguage}
      from ${members} ${m} join ${authUser} ${u} on ${u.id} = ${m.userId} join ${organizations} ${o} on ${o.id} = ${m.orgId}
     where ${m.orgId} = ${orgId} and ${m.id} = ${memberId} and ${m.status} = 'active'`);
  return rows[0];
}

/** Marks the reminder's e-mail sent (no error) or failed. */
export async function markMail(db: Db, r: Claimed, error: string | null) {
  await db
    .update(sr)
    .set({ mailStatus: error === null ? 'sent' : 'failed', error: error?.slice(0, 500) ?? null })
    .where(
      and(
        eq(sr.orgId, r.org_id),
        eq(sr.stepId, r.step_id),
        eq(sr.threshold, r.threshold),
        eq(sr.memberId, r.member_id),
      ),
    );
}

/** The reminders sent to a member go. */
export async function deleteRemindersOf(tx: Tx, orgId: string, memberId: string) {
  await tx.delete(sr).where(and(eq(sr.orgId, orgId), eq(sr.memberId, memberId)));
}

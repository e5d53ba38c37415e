import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { stepReminders } from '../../db/schema/promises.schema';
import type { Deps } from '../../deps';
import { asLanguage, translate } from '../../lib/i18n';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers } from '../notifications/notifications.service';

// Reminders about steps: the day before a step is due (and on the day) and once it is late, to its
// owner and its team's managers, in the app and by e-mail. Sent by the background job.

const RETRY_AFTER_MINUTES = 10;
const MAX_ATTEMPTS = 5;

export type ReminderDeps = Pick<Deps, 'db' | 'mailer' | 'appUrl' | 'log'>;

export interface Claimed {
  org_id: string;
  step_id: string;
  threshold: 'due_soon' | 'late';
  member_id: string;
}

interface ReminderMail {
  email: string;
  name: string;
  language: string | null;
  default_language: string;
  promise_id: string;
  step_what: string;
  promise_what: string;
  customer_name: string;
  team_name: string;
  due_date: string;
}

/**
 * Claims every reminder that is due and not claimed before, and tells each person in the app, in the
 * caller's transaction: a reminder is claimed once per step, threshold and person, whichever process
 * gets there first, also after a restart. Returns the claims; their e-mails are still to be sent.
 */
export async function claimDueReminders(tx: Tx, now: Date): Promise<Claimed[]> {
  const { rows } = await tx.execute<Claimed & Record<string, unknown>>(sql`
    with due as (
      select s.org_id, s.id as step_id, s.team_id, s.owner_member_id, s.due_date,
             case when s.due_date < (${now.toISOString()}::timestamptz at time zone o.time_zone)::date then 'late' else 'due_soon' end as threshold
        from promise_steps s
        join organizations o on o.id = s.org_id
       where s.done_on is null
         and s.due_date <= (${now.toISOString()}::timestamptz at time zone 'UTC')::date + 2
         and s.due_date <= (${now.toISOString()}::timestamptz at time zone o.time_zone)::date + 1
    ), recipients as (
      select d.org_id, d.step_id, d.threshold, d.owner_member_id as member_id from due d where d.owner_member_id is not null
      union
      select d.org_id, d.step_id, d.threshold, tm.member_id from due d
        join team_members tm on tm.org_id = d.org_id and tm.team_id = d.team_id and tm.is_manager
    )
    insert into step_reminders (org_id, step_id, threshold, member_id)
    select r.org_id, r.step_id, r.threshold, r.member_id
      from recipients r join members m on m.org_id = r.org_id and m.id = r.member_id and m.status = 'active'
    on conflict do nothing
    returning org_id, step_id, threshold, member_id`);
  const byKind = new Map<string, Claimed[]>();
  for (const row of rows) {
    const key = `${row.org_id}|${row.step_id}|${row.threshold}`;
    byKind.set(key, [...(byKind.get(key) ?? []), row]);
  }
  for (const group of byKind.values()) {
    const first = group[0]!;
    const about = await selectAbout(tx, first.org_id, first.step_id);
    if (!about) continue;
    await notifyMembers(
      tx,
      first.org_id,
      group.map((g) => g.member_id),
      first.threshold === 'late' ? 'step_late' : 'step_due_soon',
      {
        promiseId: about.promise_id,
        stepId: first.step_id,
        what: about.step_what,
        promiseWhat: about.promise_what,
        customerName: about.customer_name,
        teamName: about.team_name,
        dueDate: about.due_date,
      },
    );
    if (first.threshold === 'late')
      await emitEvent(tx, first.org_id, 'promise.at_risk', {
        promiseId: about.promise_id,
        stepId: first.step_id,
        step: about.step_what,
        promise: about.promise_what,
        team: about.team_name,
        dueDate: about.due_date,
      });
  }
  return rows;
}

/**
 * Claims the due reminders (see claimDueReminders), then e-mails them; a failed e-mail is tried again
 * later (at most five times), one that was being sent when the process died is not, so nobody gets it twice.
 */
export async function sendDueReminders(
  deps: ReminderDeps,
  now = new Date(),
): Promise<{ reminded: number; mailed: number; failed: number }> {
  const claimed = await deps.db.transaction((tx) => claimDueReminders(tx, now));
  const retried: Claimed[] = await deps.db
    .update(stepReminders)
    .set({ mailStatus: 'sending', attempts: sql`${stepReminders.attempts} + 1`, claimedAt: sql`now()`, error: null })
    .where(
      and(
        eq(stepReminders.mailStatus, 'failed'),
        lt(stepReminders.attempts, MAX_ATTEMPTS),
        sql`${stepReminders.claimedAt} < now() - make_interval(mins => ${RETRY_AFTER_MINUTES})`,
      ),
    )
    .returning({
      org_id: stepReminders.orgId,
      step_id: stepReminders.stepId,
      threshold: stepReminders.threshold,
      member_id: stepReminders.memberId,
    });
  let mailed = 0;
  let failed = 0;
  for (const reminder of [...claimed, ...retried]) {
    try {
      const mail = await selectMail(deps.db, reminder);
      if (mail) {
        const language = asLanguage(mail.language ?? mail.default_language);
        const day = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
          dateStyle: 'long',
          timeZone: 'UTC',
        }).format(new Date(`${mail.due_date}T00:00:00Z`));
        const t = (key: string) =>
          translate(language, `mail.reminder.${key}`, {
            name: mail.name,
            step: mail.step_what,
            promise: mail.promise_what,
            customer: mail.customer_name,
            team: mail.team_name,
            day,
            link: `${deps.appUrl}/promises/${mail.promise_id}`,
          });
        await deps.mailer.send({
          to: mail.email,
          subject: t(`${reminder.threshold}.subject`),
          text: [t('hello'), '', t(`${reminder.threshold}.body`), '', t('link'), '', t('footer')].join('\n'),
        });
      }
      await markMail(deps.db, reminder, null);
      mailed++;
    } catch (err) {
      failed++;
      deps.log.warn(
        { err, stepId: reminder.step_id, threshold: reminder.threshold },
        'reminder e-mail not sent; tried again later',
      );
      await markMail(deps.db, reminder, err instanceof Error ? err.message : String(err));
    }
  }
  return { reminded: claimed.length, mailed, failed };
}

async function selectAbout(tx: Tx, orgId: string, stepId: string) {
  const { rows } = await tx.execute<
    Omit<ReminderMail, 'email' | 'name' | 'language' | 'default_language'> & Record<string, unknown>
  >(sql`
    select p.id as promise_id, s.what as step_what, p.what as promise_what, c.name as customer_name, t.name as team_name, s.due_date::text as due_date
      from promise_steps s
      join promises p on p.org_id = s.org_id and p.id = s.promise_id
      join customers c on c.org_id = p.org_id and c.id = p.customer_id
      join teams t on t.org_id = s.org_id and t.id = s.team_id
     where s.org_id = ${orgId} and s.id = ${stepId}`);
  return rows[0];
}

async function selectMail(db: Db, reminder: Claimed) {
  const about = await selectAbout(db, reminder.org_id, reminder.step_id);
  if (!about) return undefined;
  const { rows } = await db.execute<{
    email: string;
    name: string;
    language: string | null;
    default_language: string;
  }>(sql`
    select u.email, u.name, u.language, o.default_language
      from members m join auth_user u on u.id = m.user_id join organizations o on o.id = m.org_id
     where m.org_id = ${reminder.org_id} and m.id = ${reminder.member_id} and m.status = 'active'`);
  const person = rows[0];
  return person ? ({ ...about, ...person } as ReminderMail) : undefined;
}

async function markMail(db: Db, r: Claimed, error: string | null) {
  await db
    .update(stepReminders)
    .set({ mailStatus: error === null ? 'sent' : 'failed', error: error?.slice(0, 500) ?? null })
    .where(
      and(
        eq(stepReminders.orgId, r.org_id),
        eq(stepReminders.stepId, r.step_id),
        eq(stepReminders.threshold, r.threshold),
        eq(stepReminders.memberId, r.member_id),
      ),
    );
}

/** Erasure of a member who left: the reminders sent to them go. */
export async function eraseRemindersOf(tx: Tx, orgId: string, memberId: string): Promise<void> {
  await tx.delete(stepReminders).where(and(eq(stepReminders.orgId, orgId), eq(stepReminders.memberId, memberId)));
}

import type { Db, Tx } from '../../db/client';
import type { Deps } from '../../deps';
import { asLanguage, translate } from '../../lib/i18n';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers } from '../notifications/notifications.service';
import type { Claimed } from './reminders.repo';
import * as repo from './reminders.repo';

// Reminders about steps: the day before a step is due (and on the day) and once it is late, to its
// owner and its team's managers, in the app and by e-mail. Sent by the background job.

const RETRY_AFTER_MINUTES = 10;
const MAX_ATTEMPTS = 5;

export type ReminderDeps = Pick<Deps, 'db' | 'mailer' | 'appUrl' | 'log'>;

/**
 * Claims every reminder that is due and not claimed before, and tells each person in the app, in the
 * caller's transaction: a reminder is claimed once per step, threshold and person, whichever process
 * gets there first, also after a restart. Returns the claims; their e-mails are still to be sent.
 */
export async function claimDueReminders(tx: Tx, now: Date): Promise<Claimed[]> {
  const rows = await repo.insertDueReminders(tx, now);
  const byKind = new Map<string, Claimed[]>();
  for (const row of rows) {
    const key = `${row.org_id}|${row.step_id}|${row.threshold}`;
    byKind.set(key, [...(byKind.get(key) ?? []), row]);
  }
  for (const group of byKind.values()) {
    const first = group[0]!;
    const about = await repo.selectAbout(tx, first.org_id, first.step_id);
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
  const retried = await repo.reclaimFailedReminders(deps.db, MAX_ATTEMPTS, RETRY_AFTER_MINUTES);
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
      await repo.markMail(deps.db, reminder, null);
      mailed++;
    } catch (err) {
      failed++;
      deps.log.warn(
        { err, stepId: reminder.step_id, threshold: reminder.threshold },
        'reminder e-mail not sent; tried again later',
      );
      await repo.markMail(deps.db, reminder, err instanceof Error ? err.message : String(err));
    }
  }
  return { reminded: claimed.length, mailed, failed };
}

async function selectMail(db: Db, reminder: Claimed) {
  const about = await repo.selectAbout(db, reminder.org_id, reminder.step_id);
  if (!about) return undefined;
  const person = await repo.selectPerson(db, reminder.org_id, reminder.member_id);
  return person ? { ...about, ...person } : undefined;
}

/** Erasure of a member who left: the reminders sent to them go. */
export async function eraseRemindersOf(tx: Tx, orgId: string, memberId: string): Promise<void> {
  await repo.deleteRemindersOf(tx, orgId, memberId);
}

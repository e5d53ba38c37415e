import { randomBytes } from 'node:crypto';
import type { MyDataExport } from '../../../contracts/privacy.contract';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { addPlaceholderUser, deleteUserIfNoMembership } from '../auth/auth.service';
import { eraseNameInPendingEvents } from '../integrations/integrations.service';
import { eraseLearningOf } from '../learning/conversation.service';
import { eraseNotificationsOf } from '../notifications/notifications.service';
import { eraseMembership } from '../org/members.service';
import { recordAudit } from '../org/org.service';
import { eraseRemindersOf } from '../promises/reminders.service';
import { renameActionOwner } from '../questions/actions.service';
import { eraseMirrorAnswersOf } from '../questions/answers.service';
import { readMemberData } from './export.read-model';
import { recordFigureViews } from './figure-views.service';
import * as repo from './privacy.repo';

// The right of access (AVG/GDPR art. 15 and 20): everything this organisation holds about one person,
// as one JSON file they download themselves. What it holds is read across the modules by the read model
// export.read-model.ts.

/** The format of the file; raised when a section changes meaning. */
export const EXPORT_FORMAT = 1 as const;

const NOTES = {
  coreQuestions:
    'Your answers to core questions are stored without any link to you; they cannot be found back, so they are not in this file. ' +
    'Listed are the rounds you were asked to answer, and your self-view in the leadership mirror (which is yours by name).',
  deletedExtras:
    'Extras you deleted stay stored for the mandate account and the audit trail; they are marked with deleted_at.',
  customerReactions: "What customers said about your extras and promises, without the customer's contact details.",
};

/**
 * Who takes the file: the person themself (any time, from their profile), or an administrator on behalf
 * of someone who has left (only once they are deactivated: the README's promise, and the screen's rule).
 */
export type ExportTaker = 'self' | 'administrator';

/**
 * Notices that could tell whether the person had answered a round of core questions: reminders now go to
 * everyone asked alike, but those sent before went only to who had not answered, and are still stored.
 * Known to the person themself; left out of a file an administrator takes.
 */
const PARTICIPATION_NOTICES = ['campaign_reminder'];
const TAKEN_BY_ADMINISTRATOR_NOTE =
  'Taken by an administrator on your behalf: reminders to answer a round of core questions are left out, because older ones went only to who had not answered and would show whether you had. Your own download from your profile holds them.';

/**
 * Everything this organisation holds about one member — the signed-in person themselves, or, for an
 * administrator, someone who left and asks for it — read in one snapshot; the taking is audited.
 */
export async function exportMemberData(
  db: Db,
  tenant: TenantContext,
  memberId: string,
  takenBy: ExportTaker,
  now = new Date(),
): Promise<MyDataExport> {
  const { orgId } = tenant;
  return db.transaction(
    async (tx) => {
      const subject = await repo.selectSubject(tx, orgId, memberId);
      if (!subject) throw notFound();
      if (takenBy === 'administrator' && subject.status !== 'deactivated') throw new AppError('member_not_left', 409);
      const hiddenNotices = takenBy === 'administrator' ? PARTICIPATION_NOTICES : [];
      const { organization, ...sections } = await readMemberData(tx, orgId, memberId, subject.userId, hiddenNotices);
      const file: MyDataExport = {
        format: EXPORT_FORMAT,
        exportedAt: now.toISOString(),
        organization,
        notes: takenBy === 'administrator' ? { ...NOTES, takenByAdministrator: TAKEN_BY_ADMINISTRATOR_NOTE } : NOTES,
        ...sections,
      };
      await recordAudit(tx, tenant, 'member.data_exported', 'member', memberId);
      if (takenBy === 'administrator') await recordFigureViews(tx, tenant, 'data_file', [memberId]);
      return file;
    },
    { isolationLevel: 'repeatable read' },
  );
}

// ---------- erasure (AVG/GDPR art. 17) ----------

const FORMER_COLLEAGUE = { nl: 'Oud-collega', en: 'Former colleague' } as const;

/**
 * Erases a person who left (deactivated first): what the organisation keeps — extras and the customers'
 * reactions to them, promises, hand-offs, needs and proposals, the audit trail — stays, but is tied to a
 * new nameless placeholder person that cannot sign in. What is only about them goes: notes of their
 * conversations, their notices, their self-view in the mirror, team places, invitations, reminders, and
 * their name where it was copied (notices of others, owners of actions, the invitation's audit entry).
 * The sign-in identity is deleted when they belong to no other organisation. Cannot be undone.
 */
export async function eraseMember(db: Db, tenant: TenantContext, memberId: string): Promise<void> {
  const { orgId } = tenant;
  await db.transaction(async (tx) => {
    const person = await repo.lockPersonToErase(tx, orgId, memberId);
    if (!person) throw notFound();
    if (person.erasedAt) throw new AppError('member_erased', 409);
    if (person.status !== 'deactivated') throw new AppError('member_active', 409);

    const placeholderName = person.language === 'en' ? FORMER_COLLEAGUE.en : FORMER_COLLEAGUE.nl;
    const placeholderId = randomBytes(16).toString('hex');
    // Each module erases what it owns, in this transaction.
    await addPlaceholderUser(tx, {
      id: placeholderId,
      name: placeholderName,
      email: `erased-${memberId}@erased.invalid`,
    });
    await eraseMembership(tx, orgId, memberId, { placeholderUserId: placeholderId, email: person.email });
    await eraseLearningOf(tx, orgId, memberId);
    await eraseNotificationsOf(tx, orgId, memberId, placeholderName);
    await eraseNameInPendingEvents(tx, orgId, person.name, placeholderName);
    await eraseMirrorAnswersOf(tx, orgId, memberId);
    await renameActionOwner(tx, orgId, memberId, placeholderName);
    await eraseRemindersOf(tx, orgId, memberId);
    await repo.deleteIdempotencyKeysOf(tx, orgId, memberId);
    await repo.deleteFigureViewsOf(tx, orgId, memberId);
    await deleteUserIfNoMembership(tx, person.userId);
    await recordAudit(tx, tenant, 'member.erased', 'member', memberId);
  });
}

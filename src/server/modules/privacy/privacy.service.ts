import { randomBytes } from 'node:crypto';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { MyDataExport } from '../../../contracts/privacy.contract';
import type { Db, Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { members, organizations } from '../../db/schema/org.schema';
import { AppError, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { recordAudit } from '../org/org.service';
import { recordFigureViews } from './figure-views.service';

// The right of access (AVG/GDPR art. 15 and 20): everything this organisation holds about one person,
// as one JSON file they download themselves. Rows are dumped whole (to_jsonb) so that a column added
// later is exported without anyone remembering to add it here; only the organisation id, search
// vectors and what belongs to someone else (a customer's contact details) are left out.

/** The format of the file; raised when a section changes meaning. */
export const EXPORT_FORMAT = 1 as const;

type Row = Record<string, unknown>;

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

async function rows(tx: Tx, query: SQL): Promise<Row[]> {
  const { rows: found } = await tx.execute<{ row: Row }>(query);
  return found.map((r) => r.row);
}

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
      const [subject] = await tx
        .select({ userId: members.userId, status: members.status })
        .from(members)
        .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
      if (!subject) throw notFound();
      if (takenBy === 'administrator' && subject.status !== 'deactivated') throw new AppError('member_not_left', 409);
      const hiddenNotices = takenBy === 'administrator' ? PARTICIPATION_NOTICES : [];
      const { userId } = subject;
      const mine = (table: string, column: string, extra: SQL = sql``, drop: string[] = []) =>
        rows(
          tx,
          sql`select to_jsonb(x) - ${sql.param(['org_id', ...drop])}::text[] as row
                from ${sql.identifier(table)} x
               where x.org_id = ${orgId} and x.${sql.identifier(column)} = ${memberId} ${extra}`,
        );
      const [user] = await rows(
        tx,
        sql`select jsonb_build_object('name', name, 'email', email, 'language', language, 'created_at', created_at) as row from auth_user where id = ${userId}`,
      );
      const [organization] = await rows(
        tx,
        sql`select jsonb_build_object('name', name) as row from organizations where id = ${orgId}`,
      );
      const [membership] = await rows(
        tx,
        sql`select to_jsonb(m) - 'org_id' - 'user_id' as row from members m where m.org_id = ${orgId} and m.id = ${memberId}`,
      );
      const teams = await rows(
        tx,
        sql`select jsonb_build_object('team', t.name, 'is_manager', tm.is_manager) as row
              from team_members tm join teams t on t.org_id = tm.org_id and t.id = tm.team_id
             where tm.org_id = ${orgId} and tm.member_id = ${memberId} order by t.name`,
      );
      const extras = await mine('extras', 'member_id', sql`order by x.occurred_at`, ['occasion_tsv']);
      const extraReactionHistory = await rows(
        tx,
        sql`select to_jsonb(r) - 'org_id' as row from extra_reactions r
             where r.org_id = ${orgId} and r.extra_id in (select id from extras where org_id = ${orgId} and member_id = ${memberId})
             order by r.extra_id, r.changed_at`,
      );
      const customerReactions = await mine('customer_reactions', 'member_id', sql`order by x.created_at`, [
        'contact_name',
        'contact_email',
        'contact_phone',
      ]);
      const conversationNotes = await rows(
        tx,
        sql`select to_jsonb(n) - 'org_id' || jsonb_build_object('manager', u.name) as row
              from conversation_notes n
              join members m on m.org_id = n.org_id and m.id = n.manager_id
              join auth_user u on u.id = m.user_id
             where n.org_id = ${orgId} and n.member_id = ${memberId} order by n.created_at`,
      );
      const promiseSteps = await rows(
        tx,
        sql`select to_jsonb(s) - 'org_id' as row from promise_steps s
             where s.org_id = ${orgId} and ${memberId} in (s.owner_member_id, s.accepted_by, s.done_by, s.sent_back_by)
             order by s.promise_id, s.position`,
      );
      const proposals = await mine('proposals', 'author_id', sql`order by x.created_at`);
      const proposalEvents = await rows(
        tx,
        sql`select to_jsonb(e) - 'org_id' as row from proposal_events e
             where e.org_id = ${orgId} and e.proposal_id in (select id from proposals where org_id = ${orgId} and author_id = ${memberId})
             order by e.at`,
      );
      const coreQuestionRounds = await rows(
        tx,
        sql`select jsonb_build_object('campaign', c.title, 'opens_on', c.opens_on, 'closes_on', c.closes_on, 'status', c.status, 'level', a.level) as row
              from campaign_audience a join campaigns c on c.org_id = a.org_id and c.id = a.campaign_id
             where a.org_id = ${orgId} and a.member_id = ${memberId} order by c.opens_on`,
      );
      const mirror = await rows(
        tx,
        sql`select jsonb_build_object('campaign', c.title, 'question_key', q.question_key, 'question', q.text, 'self_view', q.self_view, 'value', m.value) as row
              from mirror_answers m
              join campaigns c on c.org_id = m.org_id and c.id = m.campaign_id
              join campaign_questions q on q.org_id = m.org_id and q.campaign_id = m.campaign_id and q.id = m.question_id
             where m.org_id = ${orgId} and m.member_id = ${memberId} order by c.opens_on, q.position`,
      );
      const file: MyDataExport = {
        format: EXPORT_FORMAT,
        exportedAt: now.toISOString(),
        organization: organization as MyDataExport['organization'],
        notes: takenBy === 'administrator' ? { ...NOTES, takenByAdministrator: TAKEN_BY_ADMINISTRATOR_NOTE } : NOTES,
        person: {
          ...(user as Pick<MyDataExport['person'], 'name' | 'email' | 'language'>),
          membership: membership!,
          teams,
        },
        extras,
        extraReactionHistory,
        customerReactions,
        thanksGiven: await mine('extra_thanks', 'member_id', sql`order by x.created_at`),
        commentsWritten: await mine('extra_comments', 'member_id', sql`order by x.created_at`),
        colleagueThanksGiven: await mine('colleague_thanks', 'from_member_id', sql`order by x.created_at`),
        colleagueThanksReceived: await mine('colleague_thanks', 'to_member_id', sql`order by x.created_at`),
        conversationNotesAboutMe: conversationNotes,
        promisesMade: await mine('promises', 'made_by', sql`order by x.created_at`),
        promiseSteps,
        stepCommentsWritten: await mine('step_comments', 'author_id', sql`order by x.at`),
        teamScanRatings: await mine('team_scan_ratings', 'member_id'),
        coreQuestionRounds,
        leadershipMirror: mirror,
        actionsOwned: await mine('campaign_actions', 'owner_member_id', sql`order by x.due_on`),
        needsRaised: await mine('needs', 'raised_by', sql`order by x.created_at`),
        needsSupported: await mine('need_supports', 'member_id'),
        proposals,
        proposalEvents,
        notifications: await mine(
          'notifications',
          'member_id',
          sql`and x.kind <> all(${sql.param(hiddenNotices)}::text[]) order by x.created_at`,
        ),
        activity: await rows(
          tx,
          sql`select jsonb_build_object('action', action, 'subject_type', subject_type, 'subject_id', subject_id, 'at', at) as row
                from audit_log where org_id = ${orgId} and actor_member_id = ${memberId} order by at`,
        ),
        figureViewsOfMe: await rows(
          tx,
          sql`select jsonb_build_object('viewer', u.name, 'view', v.view, 'team', t.name, 'at', v.at) as row
                from member_figure_views v
                join members m on m.org_id = v.org_id and m.id = v.viewer_id
                join auth_user u on u.id = m.user_id
                left join teams t on t.org_id = v.org_id and t.id = v.team_id
               where v.org_id = ${orgId} and v.member_id = ${memberId} order by v.at`,
        ),
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
    const [person] = await tx
      .select({
        userId: members.userId,
        status: members.status,
        erasedAt: members.erasedAt,
        email: authUser.email,
        language: organizations.defaultLanguage,
      })
      .from(members)
      .innerJoin(authUser, eq(authUser.id, members.userId))
      .innerJoin(organizations, eq(organizations.id, members.orgId))
      .where(and(eq(members.orgId, orgId), eq(members.id, memberId)))
      .for('update', { of: members });
    if (!person) throw notFound();
    if (person.erasedAt) throw new AppError('member_erased', 409);
    if (person.status !== 'deactivated') throw new AppError('member_active', 409);

    const placeholderName = person.language === 'en' ? FORMER_COLLEAGUE.en : FORMER_COLLEAGUE.nl;
    const placeholderId = randomBytes(16).toString('hex');
    await tx.insert(authUser).values({
      id: placeholderId,
      name: placeholderName,
      email: `erased-${memberId}@erased.invalid`,
      emailVerified: false,
    });
    await tx
      .update(members)
      .set({ userId: placeholderId, jobTitle: null, digestOptOut: true, erasedAt: new Date() })
      .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));

    const only = (table: string) =>
      tx.execute(sql`delete from ${sql.identifier(table)} where org_id = ${orgId} and member_id = ${memberId}`);
    for (const table of [
      'conversation_notes',
      'notifications',
      'mirror_answers',
      'team_members',
      'digest_deliveries',
      'step_reminders',
      'idempotency_keys',
      'member_figure_views',
    ])
      await only(table);
    await tx.execute(sql`delete from invitations where org_id = ${orgId} and lower(email) = lower(${person.email})`);
    await tx.execute(
      sql`update campaign_actions set owner_name = ${placeholderName} where org_id = ${orgId} and owner_member_id = ${memberId}`,
    );
    await tx.execute(sql`
      update notifications set data = jsonb_set(data, '{memberName}', to_jsonb(${placeholderName}::text))
       where org_id = ${orgId} and data->>'memberId' = ${memberId} and data ? 'memberName'`);
    await tx.execute(sql`
      update audit_log set data = data - 'email'
       where org_id = ${orgId} and action = 'invitation.created' and lower(data->>'email') = lower(${person.email})`);

    const [elsewhere] = await tx
      .select({ id: members.id })
      .from(members)
      .where(eq(members.userId, person.userId))
      .limit(1);
    if (!elsewhere) await tx.delete(authUser).where(eq(authUser.id, person.userId));
    await recordAudit(tx, tenant, 'member.erased', 'member', memberId);
  });
}

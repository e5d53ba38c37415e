import { type SQL, sql } from 'drizzle-orm';
import type { MyDataExport } from '../../../contracts/privacy.contract';
import type { Tx } from '../../db/client';

// A read model: what the personal data file (privacy.service.ts, exportMemberData) reads of every
// module's tables about one person. Read only, in the caller's transaction (one snapshot). Rows are
// dumped whole (to_jsonb) so that a column added later is exported without anyone remembering to add it
// here; only the organisation id, search vectors and what belongs to someone else (a customer's contact
// details) are left out. A module that adds a table about a person adds its section here.

type Row = Record<string, unknown>;

/** The file without its format, date and notes: the organisation, the person, and every section. */
export type MemberData = Omit<MyDataExport, 'format' | 'exportedAt' | 'notes'>;

async function rows(tx: Tx, query: SQL): Promise<Row[]> {
  const { rows: found } = await tx.execute<{ row: Row }>(query);
  return found.map((r) => r.row);
}

/**
 * Everything the organisation holds about one member (`userId` is their sign-in identity), leaving out
 * the notices of the kinds in `hiddenNotices`.
 */
export async function readMemberData(
  tx: Tx,
  orgId: string,
  memberId: string,
  userId: string,
  hiddenNotices: string[],
): Promise<MemberData> {
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
  return {
    organization: organization as MyDataExport['organization'],
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
}

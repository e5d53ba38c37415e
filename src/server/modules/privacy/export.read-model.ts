import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias, type PgTableWithColumns } from 'drizzle-orm/pg-core';
import type { MyDataExport } from '../../../contracts/privacy.contract';
import { columnName, type Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { needSupports, needs, proposalEvents, proposals } from '../../db/schema/counsel.schema';
import { extraReactions, extras } from '../../db/schema/extras.schema';
import { conversationNotes, extraComments, extraThanks } from '../../db/schema/learning.schema';
import { auditLog, members, organizations, teamMembers, teams } from '../../db/schema/org.schema';
import { notifications } from '../../db/schema/platform.schema';
import { memberFigureViews } from '../../db/schema/privacy.schema';
import { promiseSteps, promises, stepComments, teamScanRatings } from '../../db/schema/promises.schema';
import {
  campaignActions,
  campaignAudience,
  campaignQuestions,
  campaigns,
  mirrorAnswers,
} from '../../db/schema/questions.schema';
import { colleagueThanks } from '../../db/schema/thanks.schema';
import { customerReactions } from '../../db/schema/voice.schema';

// A read model: what the personal data file (privacy.service.ts, exportMemberData) reads of every
// module's tables about one person. Read only, in the caller's transaction (one snapshot). Rows are
// dumped whole (to_jsonb) so that a column added later is exported without anyone remembering to add it
// here; only the organisation id, search vectors and what belongs to someone else (a customer's contact
// details) are left out. A module that adds a table about a person adds its section here. Tables and
// columns are named through the schema objects (aliased with `alias(table, 'x')`), so a rename in
// another module fails to compile here.

type Row = Record<string, unknown>;

/** The file without its format, date and notes: the organisation, the person, and every section. */
export type MemberData = Omit<MyDataExport, 'format' | 'exportedAt' | 'notes'>;

/** A table of an organisation's rows. */
// biome-ignore lint/suspicious/noExplicitAny: any table whose rows carry the organisation
type OrgTable = PgTableWithColumns<any> & { orgId: AnyPgColumn };

/** The names of columns as keys of a row dumped with to_jsonb, to leave them out. */
const keys = (...columns: AnyPgColumn[]) => sql.param(columns.map(columnName));

const m = alias(members, 'm');
const u = alias(authUser, 'u');
const t = alias(teams, 't');
const tm = alias(teamMembers, 'tm');
const r = alias(extraReactions, 'r');
const n = alias(conversationNotes, 'n');
const s = alias(promiseSteps, 's');
const e = alias(proposalEvents, 'e');
const c = alias(campaigns, 'c');
const a = alias(campaignAudience, 'a');
const ma = alias(mirrorAnswers, 'm');
const q = alias(campaignQuestions, 'q');
const v = alias(memberFigureViews, 'v');

async function rows(tx: Tx, query: SQL): Promise<Row[]> {
  const { rows: found } = await tx.execute<{ row: Row }>(query);
  return found.map((row) => row.row);
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
  /**
   * The table's rows of the member, whole: `whose` is the column that names them, `drop` what is left
   * out besides the organisation, `tail` what follows the condition (more conditions, the order).
   * The callbacks get the table aliased as x.
   */
  const mine = <T extends OrgTable>(
    table: T,
    whose: (x: T) => AnyPgColumn,
    more: { tail?: (x: T) => SQL; drop?: (x: T) => AnyPgColumn[] } = {},
  ) => {
    const x = alias(table, 'x') as unknown as T;
    return rows(
      tx,
      sql`select to_jsonb(${x}) - ${keys(x.orgId, ...(more.drop?.(x) ?? []))}::text[] as row
            from ${table} ${x}
           where ${x.orgId} = ${orgId} and ${whose(x)} = ${memberId} ${more.tail?.(x) ?? sql``}`,
    );
  };
  const byCreation = <X extends { createdAt: AnyPgColumn }>(x: X) => sql`order by ${x.createdAt}`;
  const [user] = await rows(
    tx,
    sql`select jsonb_build_object('name', ${authUser.name}, 'email', ${authUser.email}, 'language', ${authUser.language}, 'created_at', ${authUser.createdAt}) as row from ${authUser} where ${authUser.id} = ${userId}`,
  );
  const [organization] = await rows(
    tx,
    sql`select jsonb_build_object('name', ${organizations.name}) as row from ${organizations} where ${organizations.id} = ${orgId}`,
  );
  const [membership] = await rows(
    tx,
    sql`select to_jsonb(${m}) - ${keys(m.orgId, m.userId)}::text[] as row from ${members} ${m} where ${m.orgId} = ${orgId} and ${m.id} = ${memberId}`,
  );
  const teamsOfMember = await rows(
    tx,
    sql`select jsonb_build_object('team', ${t.name}, 'is_manager', ${tm.isManager}) as row
          from ${teamMembers} ${tm} join ${teams} ${t} on ${t.orgId} = ${tm.orgId} and ${t.id} = ${tm.teamId}
         where ${tm.orgId} = ${orgId} and ${tm.memberId} = ${memberId} order by ${t.name}`,
  );
  const extrasOfMember = await mine(extras, (x) => x.memberId, {
    tail: (x) => sql`order by ${x.occurredAt}`,
    drop: (x) => [x.occasionTsv, x.idempotencyKey, x.requestHash],
  });
  // The reaction given when an extra was logged is a row of its own only once it has been changed
  // (migration 0033): until then it is the extra's own, shown as extras.repo's selectReactions shows it.
  const x = alias(extras, 'x');
  const extraReactionHistory = await rows(
    tx,
    sql`select row from (
          select to_jsonb(${r}) - ${keys(r.orgId)}::text[] as row, ${r.extraId} as extra_id, ${r.changedAt} as changed_at
            from ${extraReactions} ${r}
           where ${r.orgId} = ${orgId} and ${r.extraId} in (select ${x.id} from ${extras} ${x} where ${x.orgId} = ${orgId} and ${x.memberId} = ${memberId})
          union all
          select jsonb_build_object('id', ${x.id}, 'extra_id', ${x.id}, 'reaction_text', ${x.reactionText}, 'reaction_score', ${x.reactionScore},
                                    'changed_by', ${x.memberId}, 'changed_at', ${x.createdAt}, 'source', 'member'), ${x.id}, ${x.createdAt}
            from ${extras} ${x}
           where ${x.orgId} = ${orgId} and ${x.memberId} = ${memberId} and (${x.reactionText} is not null or ${x.reactionScore} is not null)
             and not exists (select 1 from ${extraReactions} ${r} where ${r.orgId} = ${orgId} and ${r.extraId} = ${x.id})) h
         order by extra_id, changed_at`,
  );
  const customerReactionsOfMember = await mine(customerReactions, (x) => x.memberId, {
    tail: byCreation,
    drop: (x) => [x.contactName, x.contactEmail, x.contactPhone],
  });
  const conversationNotesAboutMe = await rows(
    tx,
    sql`select to_jsonb(${n}) - ${keys(n.orgId)}::text[] || jsonb_build_object('manager', ${u.name}) as row
          from ${conversationNotes} ${n}
          join ${members} ${m} on ${m.orgId} = ${n.orgId} and ${m.id} = ${n.managerId}
          join ${authUser} ${u} on ${u.id} = ${m.userId}
         where ${n.orgId} = ${orgId} and ${n.memberId} = ${memberId} order by ${n.createdAt}`,
  );
  const promiseStepsOfMember = await rows(
    tx,
    sql`select to_jsonb(${s}) - ${keys(s.orgId)}::text[] as row from ${promiseSteps} ${s}
         where ${s.orgId} = ${orgId} and ${memberId} in (${s.ownerMemberId}, ${s.acceptedBy}, ${s.doneBy}, ${s.sentBackBy})
         order by ${s.promiseId}, ${s.position}`,
  );
  const proposalsOfMember = await mine(proposals, (x) => x.authorId, { tail: byCreation });
  const proposalEventsOfMember = await rows(
    tx,
    sql`select to_jsonb(${e}) - ${keys(e.orgId)}::text[] as row from ${proposalEvents} ${e}
         where ${e.orgId} = ${orgId} and ${e.proposalId} in (select ${proposals.id} from ${proposals} where ${proposals.orgId} = ${orgId} and ${proposals.authorId} = ${memberId})
         order by ${e.at}`,
  );
  const coreQuestionRounds = await rows(
    tx,
    sql`select jsonb_build_object('campaign', ${c.title}, 'opens_on', ${c.opensOn}, 'closes_on', ${c.closesOn}, 'status', ${c.status}, 'level', ${a.level}) as row
          from ${campaignAudience} ${a} join ${campaigns} ${c} on ${c.orgId} = ${a.orgId} and ${c.id} = ${a.campaignId}
         where ${a.orgId} = ${orgId} and ${a.memberId} = ${memberId} order by ${c.opensOn}`,
  );
  const mirror = await rows(
    tx,
    sql`select jsonb_build_object('campaign', ${c.title}, 'question_key', ${q.questionKey}, 'question', ${q.text}, 'self_view', ${q.selfView}, 'value', ${ma.value}) as row
          from ${mirrorAnswers} ${ma}
          join ${campaigns} ${c} on ${c.orgId} = ${ma.orgId} and ${c.id} = ${ma.campaignId}
          join ${campaignQuestions} ${q} on ${q.orgId} = ${ma.orgId} and ${q.campaignId} = ${ma.campaignId} and ${q.id} = ${ma.questionId}
         where ${ma.orgId} = ${orgId} and ${ma.memberId} = ${memberId} order by ${c.opensOn}, ${q.position}`,
  );
  return {
    organization: organization as MyDataExport['organization'],
    person: {
      ...(user as Pick<MyDataExport['person'], 'name' | 'email' | 'language'>),
      membership: membership!,
      teams: teamsOfMember,
    },
    extras: extrasOfMember,
    extraReactionHistory,
    customerReactions: customerReactionsOfMember,
    thanksGiven: await mine(extraThanks, (x) => x.memberId, { tail: byCreation }),
    commentsWritten: await mine(extraComments, (x) => x.memberId, { tail: byCreation }),
    colleagueThanksGiven: await mine(colleagueThanks, (x) => x.fromMemberId, { tail: byCreation }),
    colleagueThanksReceived: await mine(colleagueThanks, (x) => x.toMemberId, { tail: byCreation }),
    conversationNotesAboutMe,
    promisesMade: await mine(promises, (x) => x.madeBy, { tail: byCreation }),
    promiseSteps: promiseStepsOfMember,
    stepCommentsWritten: await mine(stepComments, (x) => x.authorId, { tail: (x) => sql`order by ${x.at}` }),
    teamScanRatings: await mine(teamScanRatings, (x) => x.memberId),
    coreQuestionRounds,
    leadershipMirror: mirror,
    actionsOwned: await mine(campaignActions, (x) => x.ownerMemberId, { tail: (x) => sql`order by ${x.dueOn}` }),
    needsRaised: await mine(needs, (x) => x.raisedBy, { tail: byCreation }),
    needsSupported: await mine(needSupports, (x) => x.memberId),
    proposals: proposalsOfMember,
    proposalEvents: proposalEventsOfMember,
    notifications: await mine(notifications, (x) => x.memberId, {
      tail: (x) => sql`and ${x.kind} <> all(${sql.param(hiddenNotices)}::text[]) order by ${x.createdAt}`,
    }),
    activity: await rows(
      tx,
      sql`select jsonb_build_object('action', ${auditLog.action}, 'subject_type', ${auditLog.subjectType}, 'subject_id', ${auditLog.subjectId}, 'at', ${auditLog.at}) as row
            from ${auditLog} where ${auditLog.orgId} = ${orgId} and ${auditLog.actorMemberId} = ${memberId} order by ${auditLog.at}`,
    ),
    figureViewsOfMe: await rows(
      tx,
      sql`select jsonb_build_object('viewer', ${u.name}, 'view', ${v.view}, 'team', ${t.name}, 'at', ${v.at}) as row
            from ${memberFigureViews} ${v}
            join ${members} ${m} on ${m.orgId} = ${v.orgId} and ${m.id} = ${v.viewerId}
            join ${authUser} ${u} on ${u.id} = ${m.userId}
            left join ${teams} ${t} on ${t.orgId} = ${v.orgId} and ${t.id} = ${v.teamId}
           where ${v.orgId} = ${orgId} and ${v.memberId} = ${memberId} order by ${v.at}`,
    ),
  };
}

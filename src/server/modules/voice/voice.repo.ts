import { and, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FollowupDueDay } from '../../../contracts/voice.contract';
import { bareColumn, type Db, type Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { members, organizations, teamMembers, teams } from '../../db/schema/org.schema';
import {
  customerReactions,
  reactionRequests,
  touchpoints,
  voiceFollowupMessages,
  voiceFollowups,
  voiceLinks,
  voiceSettings,
} from '../../db/schema/voice.schema';
import { reactionAbout, reactionJoins, reactionTeamName } from './subjects.read-model';
import type { ReactionRow } from './voice.rules';

// The voice module's SQL: its tables and columns named through the schema objects, so a rename fails
// to compile. Raw SQL (subqueries, CTEs, joins over aliases) interpolates aliased tables from
// `alias(table, 'x')`: `${x.id}` renders `"x"."id"` and `from ${table} ${x}` names the table once.
// What voice reads of other modules' tables stays in subjects.read-model.ts.

/** The aliases the raw SQL uses; `r` is also the alias reactionJoins (subjects.read-model.ts) joins on. */
const r = alias(customerReactions, 'r');
const f = alias(voiceFollowups, 'f');
const fm = alias(voiceFollowupMessages, 'm');
const q = alias(reactionRequests, 'q');

// ---------- settings ----------

export async function selectDueDays(db: Tx, orgId: string): Promise<FollowupDueDay[] | undefined> {
  const [row] = await db.select().from(voiceSettings).where(eq(voiceSettings.orgId, orgId));
  return row?.followupDueDays;
}

export async function upsertDueDays(tx: Tx, orgId: string, followupDueDays: FollowupDueDay[], memberId: string) {
  await tx
    .insert(voiceSettings)
    .values({ orgId, followupDueDays, updatedBy: memberId })
    .onConflictDoUpdate({
      target: voiceSettings.orgId,
      set: { followupDueDays, updatedBy: memberId, updatedAt: new Date() },
    });
}

// ---------- reactions, as the team reads them ----------

/** The columns of a ReactionRow (voice.rules.ts), with reactionJoins. */
export const reactionColumns = sql`
  ${r.id}, ${r.subject}, ${r.extraId}, ${r.promiseId}, ${r.touchpointId}, ${r.teamId}, ${reactionTeamName}, ${r.memberId}, ${r.scale}, ${r.score}, ${r.comment},
  ${r.contactName}, ${r.contactEmail}, ${r.contactPhone}, ${r.createdAt},
  ${reactionAbout}`;

// ---------- follow-ups ----------

export type FollowupRow = typeof voiceFollowups.$inferSelect;

/** Opens the follow-up of a reaction; undefined when it already has one. */
export async function insertFollowup(
  tx: Tx,
  orgId: string,
  values: { reactionId: string; teamId: string | null; dueOn: string },
) {
  const [row] = await tx
    .insert(voiceFollowups)
    .values({ orgId, ...values })
    .onConflictDoNothing()
    .returning({ id: voiceFollowups.id });
  return row;
}

/** The due day of the reaction's open follow-up, if it has one. */
export async function selectOpenDueOn(tx: Tx, orgId: string, reactionId: string) {
  const [open] = await tx
    .select({ dueOn: voiceFollowups.dueOn })
    .from(voiceFollowups)
    .where(
      and(
        eq(voiceFollowups.orgId, orgId),
        eq(voiceFollowups.reactionId, reactionId),
        eq(voiceFollowups.status, 'open'),
      ),
    );
  return open?.dueOn;
}

/** The follow-up, locked for the rest of the transaction. */
export async function lockFollowup(tx: Tx, orgId: string, followupId: string): Promise<FollowupRow | undefined> {
  const [row] = await tx
    .select()
    .from(voiceFollowups)
    .where(and(eq(voiceFollowups.orgId, orgId), eq(voiceFollowups.id, followupId)))
    .for('update');
  return row;
}

export type ListedFollowupRow = ReactionRow & {
  f_id: string;
  f_team_id: string | null;
  f_team_name: string | null;
  due_on: string;
  status: FollowupRow['status'];
  note: string | null;
  closed_by_name: string | null;
  closed_at: Date | null;
  assigned_to: string | null;
  assignee_name: string | null;
  messages: number;
  last_kind: string | null;
};

/** Which follow-ups a person sees: all when `all`, else those of the teams they lead and those given to them. */
export const followupsOf = (all: boolean, managedTeamIds: string[], memberId: string) =>
  all ? sql`true` : sql`(${f.teamId} = any(${sql.param(managedTeamIds)}::uuid[]) or ${f.assignedTo} = ${memberId})`;
export const followupState = (state: 'open' | 'closed') =>
  state === 'open' ? sql`${f.status} = 'open'` : sql`${f.status} <> 'open'`;
export const followupOrder = (state: 'open' | 'closed') =>
  state === 'open' ? sql`${f.dueOn}, ${f.createdAt}` : sql`${f.closedAt} desc`;
export const followupIs = (followupId: string) => sql`${f.id} = ${followupId}`;
export const followupCreated = sql`${f.createdAt}`;

/** Follow-ups with their reaction, team, who closed it and who it is given to, and their conversation's size. */
export async function selectFollowupRows(db: Tx, orgId: string, where: SQL, order: SQL) {
  const ft = alias(teams, 'ft');
  const cm = alias(members, 'cm');
  const u = alias(authUser, 'u');
  const am = alias(members, 'am');
  const au = alias(authUser, 'au');
  const { rows } = await db.execute<ListedFollowupRow>(sql`
    select ${reactionColumns}, ${f.id} as f_id, ${f.teamId} as f_team_id, ${ft.name} as f_team_name, ${f.dueOn}::text, ${f.status}, ${f.note}, ${f.closedAt}, ${u.name} as closed_by_name,
           ${f.assignedTo}, ${au.name} as assignee_name,
           (select count(*)::int from ${voiceFollowupMessages} ${fm} where ${fm.orgId} = ${f.orgId} and ${fm.followupId} = ${f.id}) as messages,
           (select ${fm.kind} from ${voiceFollowupMessages} ${fm} where ${fm.orgId} = ${f.orgId} and ${fm.followupId} = ${f.id} order by ${fm.createdAt} desc limit 1) as last_kind
      from ${voiceFollowups} ${f}
      join ${customerReactions} ${r} on ${r.orgId} = ${f.orgId} and ${r.id} = ${f.reactionId}
      ${reactionJoins}
      left join ${teams} ${ft} on ${ft.orgId} = ${f.orgId} and ${ft.id} = ${f.teamId}
      left join ${members} ${cm} on ${cm.orgId} = ${f.orgId} and ${cm.id} = ${f.closedBy}
      left join ${authUser} ${u} on ${u.id} = ${cm.userId}
      left join ${members} ${am} on ${am.orgId} = ${f.orgId} and ${am.id} = ${f.assignedTo}
      left join ${authUser} ${au} on ${au.id} = ${am.userId}
     where ${f.orgId} = ${orgId} and ${where}
     order by ${order}
     limit 200`);
  return rows;
}

/** Who a follow-up may be given to: the team's active managers and members (no team: the directors). */
export async function selectAssignees(db: Tx, orgId: string, teamId: string | null) {
  const u = alias(authUser, 'u');
  const m = alias(members, 'm');
  const tm = alias(teamMembers, 'tm');
  const { rows } = await db.execute<{ id: string; name: string; manager: boolean }>(
    teamId
      ? sql`select ${m.id}, ${u.name}, ${tm.isManager} as manager from ${teamMembers} ${tm}
              join ${members} ${m} on ${m.orgId} = ${tm.orgId} and ${m.id} = ${tm.memberId} and ${m.status} = 'active'
              join ${authUser} ${u} on ${u.id} = ${m.userId}
             where ${tm.orgId} = ${orgId} and ${tm.teamId} = ${teamId} order by ${tm.isManager} desc, ${u.name}`
      : sql`select ${m.id}, ${u.name}, true as manager from ${members} ${m} join ${authUser} ${u} on ${u.id} = ${m.userId}
             where ${m.orgId} = ${orgId} and ${m.status} = 'active' and 'director' = any(${m.roles}) order by ${u.name}`,
  );
  return rows;
}

/** A follow-up's conversation, oldest first, with the names of who wrote. */
export async function selectFollowupMessages(db: Tx, orgId: string, followupId: string) {
  const am = alias(members, 'am');
  const u = alias(authUser, 'u');
  const { rows } = await db.execute<{
    id: string;
    kind: (typeof voiceFollowupMessages.$inferSelect)['kind'];
    body: string | null;
    author_name: string | null;
    created_at: Date;
  }>(sql`
    select ${fm.id}, ${fm.kind}, ${fm.body}, ${u.name} as author_name, ${fm.createdAt}
      from ${voiceFollowupMessages} ${fm}
      left join ${members} ${am} on ${am.orgId} = ${fm.orgId} and ${am.id} = ${fm.authorId}
      left join ${authUser} ${u} on ${u.id} = ${am.userId}
     where ${fm.orgId} = ${orgId} and ${fm.followupId} = ${followupId}
     order by ${fm.createdAt}, ${fm.id}`);
  return rows;
}

export async function updateFollowup(
  tx: Tx,
  orgId: string,
  followupId: string,
  set: Partial<Omit<typeof voiceFollowups.$inferInsert, 'orgId' | 'id'>>,
) {
  await tx
    .update(voiceFollowups)
    .set(set)
    .where(and(eq(voiceFollowups.orgId, orgId), eq(voiceFollowups.id, followupId)));
}

/** A reaction's score and scale. */
export async function selectReactionScore(tx: Tx, orgId: string, reactionId: string) {
  const [row] = await tx
    .select({ score: customerReactions.score, scale: customerReactions.scale })
    .from(customerReactions)
    .where(and(eq(customerReactions.orgId, orgId), eq(customerReactions.id, reactionId)));
  return row;
}

// ---------- the conversation with the customer ----------

/** A follow-up with what its mail needs: the reply token, the due day, the customer's address and language. */
export async function selectConversation(tx: Tx, orgId: string, followupId: string) {
  const { rows } = await tx.execute<{
    status: string;
    reply_token: string | null;
    reply_token_expires_at: Date | null;
    due_on: string;
    contact_email: string | null;
    language: string;
    org_name: string;
  }>(sql`
    select ${f.status}, ${f.replyToken}, ${f.replyTokenExpiresAt}, ${f.dueOn}::text, ${r.contactEmail}, ${r.language}, ${organizations.name} as org_name
      from ${voiceFollowups} ${f}
      join ${customerReactions} ${r} on ${r.orgId} = ${f.orgId} and ${r.id} = ${f.reactionId}
      join ${organizations} on ${organizations.id} = ${f.orgId}
     where ${f.orgId} = ${orgId} and ${f.id} = ${followupId}`);
  return rows[0];
}

export async function insertFollowupMessage(
  tx: Tx,
  orgId: string,
  values: Omit<typeof voiceFollowupMessages.$inferInsert, 'orgId' | 'id'>,
) {
  await tx.insert(voiceFollowupMessages).values({ orgId, ...values });
}

/** The follow-up behind a working reply token whose customer's address is still kept. */
export async function selectReplyFollowup(db: Db, token: string) {
  const { rows } = await db.execute<{
    org_id: string;
    id: string;
    status: string;
    language: string;
    org_name: string;
  }>(sql`
    select ${f.orgId}, ${f.id}, ${f.status}, ${r.language}, ${organizations.name} as org_name
      from ${voiceFollowups} ${f}
      join ${customerReactions} ${r} on ${r.orgId} = ${f.orgId} and ${r.id} = ${f.reactionId}
      join ${organizations} on ${organizations.id} = ${f.orgId}
     where ${f.replyToken} = ${token} and ${f.replyTokenExpiresAt} > now() and ${r.contactEmail} is not null`);
  return rows[0];
}

/** The conversation's messages in order, for the customer's reply page. */
export async function selectMessagesForCustomer(db: Db, orgId: string, followupId: string) {
  return db
    .select({ kind: voiceFollowupMessages.kind, body: voiceFollowupMessages.body, at: voiceFollowupMessages.createdAt })
    .from(voiceFollowupMessages)
    .where(and(eq(voiceFollowupMessages.orgId, orgId), eq(voiceFollowupMessages.followupId, followupId)))
    .orderBy(voiceFollowupMessages.createdAt, voiceFollowupMessages.id);
}

/** Who handles a follow-up: the person it is given to, else the team's managers. */
export async function selectFollowupHandlers(tx: Tx, orgId: string, followupId: string): Promise<string[]> {
  const tm = alias(teamMembers, 'tm');
  const { rows } = await tx.execute<{ member_id: string }>(sql`
    select ${f.assignedTo} as member_id from ${voiceFollowups} ${f}
     where ${f.orgId} = ${orgId} and ${f.id} = ${followupId} and ${f.assignedTo} is not null
    union
    select ${tm.memberId} from ${voiceFollowups} ${f}
      join ${teamMembers} ${tm} on ${tm.orgId} = ${f.orgId} and ${tm.teamId} = ${f.teamId} and ${tm.isManager}
     where ${f.orgId} = ${orgId} and ${f.id} = ${followupId} and ${f.assignedTo} is null`);
  return rows.map((row) => row.member_id);
}

/** Erases the texts of a reaction's conversation and its reply page's token. */
export async function eraseConversationOf(tx: Tx, orgId: string, reactionId: string) {
  const ofReaction = and(eq(voiceFollowups.orgId, orgId), eq(voiceFollowups.reactionId, reactionId));
  await tx
    .update(voiceFollowupMessages)
    .set({ body: null })
    .where(
      and(
        eq(voiceFollowupMessages.orgId, orgId),
        inArray(
          voiceFollowupMessages.followupId,
          tx.select({ id: voiceFollowups.id }).from(voiceFollowups).where(ofReaction),
        ),
        isNotNull(voiceFollowupMessages.body),
      ),
    );
  await tx.update(voiceFollowups).set({ replyToken: null, replyTokenExpiresAt: null }).where(ofReaction);
}

// ---------- links and reactions ----------

export async function selectLink(db: Db, orgId: string, linkId: string) {
  const [row] = await db
    .select()
    .from(voiceLinks)
    .where(and(eq(voiceLinks.orgId, orgId), eq(voiceLinks.id, linkId)));
  return row;
}

/** How many reactions came in through a link. */
export async function countLinkReactions(db: Tx, orgId: string, linkId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(customerReactions)
    .where(and(eq(customerReactions.orgId, orgId), eq(customerReactions.linkId, linkId)));
  return row?.n ?? 0;
}

/** The reaction given through a tied link, locked for the rest of the transaction when `lock` says so. */
export async function selectReactionOfLink(db: Tx, orgId: string, linkId: string, lock = false) {
  const query = db
    .select()
    .from(customerReactions)
    .where(and(eq(customerReactions.orgId, orgId), eq(customerReactions.linkId, linkId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The team of a touchpoint, null when it has none (or is unknown). */
export async function selectTouchpointTeam(tx: Tx, orgId: string, touchpointId: string | null) {
  if (!touchpointId) return null;
  const [row] = await tx
    .select({ teamId: touchpoints.teamId })
    .from(touchpoints)
    .where(and(eq(touchpoints.orgId, orgId), eq(touchpoints.id, touchpointId)));
  return row?.teamId ?? null;
}

type ReactionValues = Omit<typeof customerReactions.$inferInsert, 'orgId' | 'id'>;

export async function insertReaction(tx: Tx, orgId: string, values: ReactionValues): Promise<string> {
  const [row] = await tx
    .insert(customerReactions)
    .values({ orgId, ...values })
    .returning({ id: customerReactions.id });
  return row!.id;
}

export async function updateReaction(tx: Tx, orgId: string, reactionId: string, set: Partial<ReactionValues>) {
  await tx
    .update(customerReactions)
    .set(set)
    .where(and(eq(customerReactions.orgId, orgId), eq(customerReactions.id, reactionId)));
}

/** The reaction's team, the reaction locked for the rest of the transaction. */
export async function lockReaction(tx: Tx, orgId: string, reactionId: string) {
  const [row] = await tx
    .select({ teamId: customerReactions.teamId })
    .from(customerReactions)
    .where(and(eq(customerReactions.orgId, orgId), eq(customerReactions.id, reactionId)))
    .for('update');
  return row;
}

/** Whose reactions a person reads: all, those of their teams, or those that reached them. */
export const reactionsOf = (scope: 'all' | 'team' | 'mine', teamIds: string[], memberId: string) =>
  scope === 'all'
    ? sql`true`
    : scope === 'team'
      ? sql`${r.teamId} = any(${sql.param(teamIds)}::uuid[])`
      : sql`${r.memberId} = ${memberId}`;

/** Reactions of a period (days `from`–`to` in the time zone), newest first, at most 500. */
export async function selectReactions(
  db: Db,
  orgId: string,
  scope: SQL,
  period: { from: string; to: string; timeZone: string; touchpointId?: string | undefined },
) {
  const { from, to, timeZone } = period;
  const { rows } = await db.execute<ReactionRow>(sql`
    select ${reactionColumns}
      from ${customerReactions} ${r} ${reactionJoins}
     where ${r.orgId} = ${orgId} and ${scope}
       ${period.touchpointId ? sql`and ${r.touchpointId} = ${period.touchpointId}` : sql``}
       and ${r.createdAt} >= (${from}::date::timestamp at time zone ${timeZone})
       and ${r.createdAt} < ((${to}::date + 1)::timestamp at time zone ${timeZone})
     order by ${r.createdAt} desc
     limit 500`);
  return rows;
}

/**
 * Erases the contact details of reactions older than their organisation keeps them, except while the
 * follow-up is open, with their follow-ups' conversation texts and reply tokens. Returns how many.
 */
export async function eraseOldReactionContacts(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  // The statement's steps, named as the rows they return: the reactions erased, their follow-ups, the texts.
  const erased = alias(customerReactions, 'erased');
  const followups = alias(voiceFollowups, 'followups');
  const texts = alias(voiceFollowupMessages, 'texts');
  const { rows } = await db.execute<{ n: number }>(sql`
    with ${erased} as (
      update ${customerReactions} ${r}
         set ${bareColumn(r.contactName)} = null, ${bareColumn(r.contactEmail)} = null, ${bareColumn(r.contactPhone)} = null, ${bareColumn(r.updatedAt)} = ${at}
        from ${organizations}
       where ${organizations.id} = ${r.orgId}
         and (${r.contactName} is not null or ${r.contactEmail} is not null or ${r.contactPhone} is not null)
         and ${r.createdAt} < ${at}::timestamptz - make_interval(days => ${organizations.contactKeepDays})
         and not exists (select 1 from ${voiceFollowups} ${f} where ${f.orgId} = ${r.orgId} and ${f.reactionId} = ${r.id} and ${f.status} = 'open')
      returning ${r.orgId}, ${r.id}),
    ${followups} as (
      update ${voiceFollowups} ${f} set ${bareColumn(f.replyToken)} = null, ${bareColumn(f.replyTokenExpiresAt)} = null
        from ${erased} where ${f.orgId} = ${erased.orgId} and ${f.reactionId} = ${erased.id}
      returning ${f.orgId}, ${f.id}),
    ${texts} as (
      update ${voiceFollowupMessages} ${fm} set ${bareColumn(fm.body)} = null
        from ${followups} where ${fm.orgId} = ${followups.orgId} and ${fm.followupId} = ${followups.id} and ${fm.body} is not null
      returning 1)
    select (select count(*)::int from ${erased}) as n, (select count(*) from ${texts}) as texts`);
  return rows[0]?.n ?? 0;
}

/** A customer is forgotten: the contact details with reactions to these promises and the addresses they were asked at go. */
export async function eraseContactsOfPromises(tx: Tx, orgId: string, promiseIds: string[]) {
  const ids = sql`${sql.param(promiseIds)}::uuid[]`;
  await tx
    .update(customerReactions)
    .set({ contactName: null, contactEmail: null, contactPhone: null })
    .where(and(eq(customerReactions.orgId, orgId), sql`${customerReactions.promiseId} = any(${ids})`));
  await tx
    .update(reactionRequests)
    .set({ email: null })
    .where(and(eq(reactionRequests.orgId, orgId), sql`${reactionRequests.promiseId} = any(${ids})`));
}

// ---------- touchpoints ----------

/** Whether a team of the organisation exists and is not archived. */
export async function isActiveTeam(tx: Tx, orgId: string, teamId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId), isNull(teams.archivedAt)));
  return rows.length > 0;
}

/** A new touchpoint's link. */
export async function insertTouchpointLink(
  tx: Tx,
  orgId: string,
  touchpointId: string,
  token: string,
  createdBy: string,
) {
  await tx.insert(voiceLinks).values({ orgId, token, subject: 'touchpoint', touchpointId, createdBy });
}

// ---------- reaction requests by e-mail ----------

type RequestValues = Omit<typeof reactionRequests.$inferInsert, 'orgId' | 'id'>;

/** The request about an extra or a promise, with who recorded consent and whether the customer reacted. */
export async function selectRequest(db: Db, orgId: string, subject: 'extra' | 'promise', id: string) {
  const m = alias(members, 'm');
  const su = alias(authUser, 'su');
  const target = subject === 'extra' ? q.extraId : q.promiseId;
  const { rows } = await db.execute<{
    id: string;
    created_at: Date;
    language: string;
    consent_at: Date;
    sent_by_name: string | null;
    consent_by_name: string | null;
    reacted: boolean;
  }>(sql`
    select ${q.id}, ${q.createdAt}, ${q.language}, ${q.consentAt}, ${su.name} as sent_by_name, ${su.name} as consent_by_name,
           exists (select 1 from ${customerReactions} ${r} where ${r.orgId} = ${q.orgId} and ${r.linkId} = ${q.linkId}) as reacted
      from ${reactionRequests} ${q}
      left join ${members} ${m} on ${m.orgId} = ${q.orgId} and ${m.id} = ${q.consentBy}
      left join ${authUser} ${su} on ${su.id} = ${m.userId}
     where ${q.orgId} = ${orgId} and ${target} = ${id}`);
  return rows[0];
}

/** Writes a request; undefined when the subject already has one. */
export async function insertRequest(tx: Tx, orgId: string, values: RequestValues) {
  const [row] = await tx
    .insert(reactionRequests)
    .values({ orgId, ...values })
    .onConflictDoNothing()
    .returning({ id: reactionRequests.id });
  return row;
}

export async function deleteRequest(db: Db, orgId: string, requestId: string) {
  await db.delete(reactionRequests).where(and(eq(reactionRequests.orgId, orgId), eq(reactionRequests.id, requestId)));
}

/** Erases the addresses of requests older than their organisation keeps contact details. Returns how many. */
export async function eraseOldRequestEmails(db: Db, now: Date): Promise<number> {
  const result = await db.execute(sql`
    update ${reactionRequests} ${q}
       set ${bareColumn(q.email)} = null
      from ${organizations}
     where ${organizations.id} = ${q.orgId}
       and ${q.email} is not null
       and ${q.createdAt} < ${now.toISOString()}::timestamptz - make_interval(days => ${organizations.contactKeepDays})`);
  return result.rowCount ?? 0;
}

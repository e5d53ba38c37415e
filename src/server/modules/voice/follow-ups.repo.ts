import { and, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { members, organizations, teamMembers, teams } from '../../db/schema/org.schema';
import { customerReactions, voiceFollowupMessages, voiceFollowups } from '../../db/schema/voice.schema';
import { reactionJoins } from './subjects.read-model';
import { f, fm, r, reactionColumns } from './voice.repo';
import type { ReactionRow } from './voice.rules';

// The voice module's SQL for follow-ups of very negative reactions and their conversation with the
// customer (see voice.repo.ts for how the SQL names tables and aliases).

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

/** The follow-up behind a working reply token (stored in one of these forms) whose customer's address is still kept. */
export async function selectReplyFollowup(db: Db, tokens: string[]) {
  const { rows } = await db.execute<{
    org_id: string;
    id: string;
    status: string;
    language: string;
    org_name: string;
    time_zone: string;
  }>(sql`
    select ${f.orgId}, ${f.id}, ${f.status}, ${r.language}, ${organizations.name} as org_name,
           ${organizations.timeZone} as time_zone
      from ${voiceFollowups} ${f}
      join ${customerReactions} ${r} on ${r.orgId} = ${f.orgId} and ${r.id} = ${f.reactionId}
      join ${organizations} on ${organizations.id} = ${f.orgId}
     where ${f.replyToken} = any(${sql.param(tokens)}::text[]) and ${f.replyTokenExpiresAt} > now() and ${r.contactEmail} is not null`);
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

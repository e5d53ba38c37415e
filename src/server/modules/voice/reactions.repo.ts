import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { bareColumn, type Db, type Tx } from '../../db/client';
import { organizations } from '../../db/schema/org.schema';
import {
  customerReactions,
  reactionRequests,
  voiceFollowupMessages,
  voiceFollowups,
} from '../../db/schema/voice.schema';
import { eraseConversationOf } from './follow-ups.repo';
import { reactionJoins } from './subjects.read-model';
import { f, fm, r, reactionColumns } from './voice.repo';
import type { ReactionRow } from './voice.rules';

// The voice module's SQL for customers' reactions: stored from the public page, read by the team, and
// their contact details erased (see voice.repo.ts for how the SQL names tables and aliases).

/** The reaction given through a tied link, locked for the rest of the transaction when `lock` says so. */
export async function selectReactionOfLink(db: Tx, orgId: string, linkId: string, lock = false) {
  const query = db
    .select()
    .from(customerReactions)
    .where(and(eq(customerReactions.orgId, orgId), eq(customerReactions.linkId, linkId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
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
  // With the address go the follow-ups' conversation texts and reply pages, as when it is erased by hand.
  const reactions = await tx
    .select({ id: customerReactions.id })
    .from(customerReactions)
    .where(and(eq(customerReactions.orgId, orgId), sql`${customerReactions.promiseId} = any(${ids})`));
  for (const reaction of reactions) await eraseConversationOf(tx, orgId, reaction.id);
  await tx
    .update(customerReactions)
    .set({ contactName: null, contactEmail: null, contactPhone: null })
    .where(and(eq(customerReactions.orgId, orgId), sql`${customerReactions.promiseId} = any(${ids})`));
  await tx
    .update(reactionRequests)
    .set({ email: null })
    .where(and(eq(reactionRequests.orgId, orgId), sql`${reactionRequests.promiseId} = any(${ids})`));
}

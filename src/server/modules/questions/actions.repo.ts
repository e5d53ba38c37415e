/**
 * The SQL of the actions that follow a round's results. Tables and columns are named through the
 * schema objects, so renaming one fails to compile. Who may see or change an action is decided in
 * actions.service.ts; this file only reads and writes rows.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { TextPair } from '../../../contracts/questions.contract';
import type { Tx } from '../../db/client';
import { campaignActions, campaignQuestions, campaigns } from '../../db/schema/questions.schema';

/** An action with its campaign's title and its question's text, with the database's column names. */
export type ActionRow = {
  id: string;
  campaign_id: string;
  campaign_title: string;
  question_id: string | null;
  question_key: string | null;
  question_text: TextPair | null;
  group_key: string;
  what: string;
  owner_member_id: string | null;
  owner_name: string;
  due_on: string;
  done_on: string | null;
  done_note: string | null;
  created_by: string;
};

/** The organisation's actions (of one campaign, when given), open ones first, by their due day. */
export async function selectActions(db: Tx, orgId: string, campaignId: string | undefined) {
  const a = campaignActions;
  const c = campaigns;
  const q = campaignQuestions;
  const { rows } = await db.execute<ActionRow>(sql`
    select ${a.id}, ${a.campaignId}, ${c.title} as campaign_title, ${a.questionId}, ${a.questionKey}, ${q.text} as question_text, ${a.groupKey}, ${a.what},
           ${a.ownerMemberId}, ${a.ownerName}, ${a.dueOn}::text as due_on, ${a.doneOn}::text as done_on, ${a.doneNote}, ${a.createdBy}
      from ${a}
      join ${c} on ${c.orgId} = ${a.orgId} and ${c.id} = ${a.campaignId}
      left join ${q} on ${q.orgId} = ${a.orgId} and ${q.campaignId} = ${a.campaignId} and ${q.id} = ${a.questionId}
     where ${a.orgId} = ${orgId} ${campaignId ? sql`and ${a.campaignId} = ${campaignId}` : sql``}
     order by ${a.doneOn} is not null, ${a.dueOn}, ${a.createdAt}`);
  return rows;
}

/** The bank's key of one of the campaign's questions. */
export async function selectQuestionKey(db: Tx, orgId: string, campaignId: string, questionId: string) {
  const q = campaignQuestions;
  const { rows } = await db.execute<{ question_key: string }>(sql`
    select ${q.questionKey} from ${q} where ${q.orgId} = ${orgId} and ${q.campaignId} = ${campaignId} and ${q.id} = ${questionId}`);
  return rows[0]?.question_key;
}

/** Records an action; returns its id. */
export async function insertAction(tx: Tx, values: typeof campaignActions.$inferInsert) {
  const [row] = await tx.insert(campaignActions).values(values).returning({ id: campaignActions.id });
  return row!.id;
}

/**
 * Marks an action done (keeping the day it was first marked, else today in the organisation's time
 * zone) or open again, with the note.
 */
export async function setActionDone(
  tx: Tx,
  orgId: string,
  actionId: string,
  change: { done: boolean; doneNote: string | null; timeZone: string },
) {
  await tx
    .update(campaignActions)
    .set({
      doneOn: change.done
        ? sql`coalesce(${campaignActions.doneOn}, (now() at time zone ${change.timeZone})::date)`
        : null,
      doneNote: change.doneNote,
    })
    .where(and(eq(campaignActions.orgId, orgId), eq(campaignActions.id, actionId)));
}

/** Puts a new owner's name on the actions a member owns. */
export async function updateActionOwnerName(tx: Tx, orgId: string, memberId: string, name: string) {
  await tx
    .update(campaignActions)
    .set({ ownerName: name })
    .where(and(eq(campaignActions.orgId, orgId), eq(campaignActions.ownerMemberId, memberId)));
}

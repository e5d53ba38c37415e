/**
 * The SQL of the actions that follow a round's results. Tables and columns are named through the
 * schema objects, so renaming one fails to compile. Who may see or change an action is decided in
 * actions.service.ts; this file only reads rows.
 */
import { sql } from 'drizzle-orm';
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

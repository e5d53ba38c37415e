/**
 * The SQL of a round's results and response: storing them at the close (and the day's response while
 * open), and reading them back. Tables and columns are named through the schema objects, so renaming one
 * fails to compile. Which results may be shown is decided in the services (disclosure.ts and the rest);
 * this file only reads and writes rows.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import {
  campaignParticipation,
  campaignQuestions,
  campaignResults,
  campaigns,
  campaignTexts,
} from '../../db/schema/questions.schema';

/** Rows are inserted this many at a time (a statement holds at most 65535 parameters). */
const BATCH = 5000;

// ---------- the close ----------

/** One close at a time per organisation: a round closing beside another must see it closed (earlier-rounds.ts). */
export async function lockOrganisationCloses(tx: Tx, orgId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`klantwerk.close.${orgId}`}, 0))`);
}

/** Stores a closing round's results per question and group, and the open answers shown. */
export async function insertResults(
  tx: Tx,
  resultRows: (typeof campaignResults.$inferInsert)[],
  textRows: (typeof campaignTexts.$inferInsert)[],
) {
  for (let i = 0; i < resultRows.length; i += BATCH)
    await tx.insert(campaignResults).values(resultRows.slice(i, i + BATCH));
  for (let i = 0; i < textRows.length; i += BATCH) await tx.insert(campaignTexts).values(textRows.slice(i, i + BATCH));
}

// ---------- results ----------

/** A stored result of one question in one group, with the database's column names. */
export type ResultRow = {
  question_id: string;
  group_key: string;
  status: string;
  respondents: number | null;
  value_sum: number | null;
  counts: number[] | null;
};

const r = campaignResults;
const resultColumns = sql`${r.questionId}, ${r.groupKey}, ${r.status}, ${r.respondents}, ${r.valueSum}, ${r.counts}`;

/** A campaign's stored results in the given groups. */
export async function selectResults(db: Tx, orgId: string, campaignId: string, groupKeys: string[]) {
  const { rows } = await db.execute<ResultRow>(sql`
    select ${resultColumns} from ${r}
     where ${r.orgId} = ${orgId} and ${r.campaignId} = ${campaignId} and ${r.groupKey} = any(${sql.param(groupKeys)}::text[])`);
  return rows;
}

/** A campaign's stored results in one group. */
export async function selectGroupResults(db: Tx, orgId: string, campaignId: string, groupKey: string) {
  const { rows } = await db.execute<ResultRow>(sql`
    select ${resultColumns} from ${r}
     where ${r.orgId} = ${orgId} and ${r.campaignId} = ${campaignId} and ${r.groupKey} = ${groupKey}`);
  return rows;
}

/** The open answers stored for one group, the first `limit` of each question, in their stored (random) order. */
export async function selectGroupTexts(db: Tx, orgId: string, campaignId: string, groupKey: string, limit: number) {
  const t = campaignTexts;
  const { rows } = await db.execute<{ question_id: string; text: string }>(sql`
    select ${t.questionId}, ${t.text} from ${t}
     where ${t.orgId} = ${orgId} and ${t.campaignId} = ${campaignId} and ${t.groupKey} = ${groupKey} and ${t.position} < ${limit}
     order by ${t.position}`);
  return rows;
}

/**
 * The results of the same questions (by key) in one group in the closed campaigns before the given one,
 * oldest first; a question without a stored result in the group comes with null figures.
 */
export async function selectTrend(
  db: Tx,
  orgId: string,
  before: { id: string; closesOn: string; closedAt: Date | null },
  questionKeys: string[],
  groupKey: string,
) {
  const q = campaignQuestions;
  const c = campaigns;
  const { rows } = await db.execute<
    ResultRow & { campaign_id: string; title: string; closes_on: string; question_key: string; kind: string }
  >(sql`
    select ${c.id} as campaign_id, ${c.title}, ${c.closesOn}::text as closes_on, ${q.questionKey}, ${q.kind}, ${resultColumns}
      from ${q}
      join ${c} on ${c.orgId} = ${q.orgId} and ${c.id} = ${q.campaignId} and ${c.status} = 'closed'
      left join ${r} on ${r.orgId} = ${q.orgId} and ${r.campaignId} = ${q.campaignId} and ${r.questionId} = ${q.id} and ${r.groupKey} = ${groupKey}
     where ${q.orgId} = ${orgId} and ${q.questionKey} = any(${sql.param(questionKeys)}::text[])
       and ${c.id} <> ${before.id} and (${c.closesOn}, ${c.closedAt}) < (${before.closesOn}::date, ${before.closedAt})
     order by ${c.closesOn}, ${c.closedAt}`);
  return rows;
}

/**
 * The figures shown in the closed rounds, other than this one, that share a question (by key) with
 * it: per round, question key and group.
 */
export async function selectShownInEarlierRounds(db: Tx, orgId: string, campaignId: string) {
  const q = campaignQuestions;
  const c = campaigns;
  const { rows } = await db.execute<{ campaign_id: string; question_key: string; group_key: string }>(sql`
    select ${r.campaignId}, ${q.questionKey}, ${r.groupKey}
      from ${r}
      join ${q} on ${q.orgId} = ${r.orgId} and ${q.campaignId} = ${r.campaignId} and ${q.id} = ${r.questionId}
      join ${c} on ${c.orgId} = ${r.orgId} and ${c.id} = ${r.campaignId} and ${c.status} = 'closed'
     where ${r.orgId} = ${orgId} and ${r.campaignId} <> ${campaignId} and ${r.status} = 'shown'
       and ${q.questionKey} in (select ${q.questionKey} from ${q} where ${q.orgId} = ${orgId} and ${q.campaignId} = ${campaignId})`);
  return rows;
}

// ---------- the response (participation) ----------

/** The stored response of a campaign per group. */
export async function selectParticipation(db: Tx, orgId: string, campaignId: string) {
  const p = campaignParticipation;
  const { rows } = await db.execute<{
    group_key: string;
    status: string;
    audience: number | null;
    respondents: number | null;
  }>(sql`
    select ${p.groupKey}, ${p.status}, ${p.audience}, ${p.respondents} from ${p}
     where ${p.orgId} = ${orgId} and ${p.campaignId} = ${campaignId}`);
  return rows;
}

/** The stored response (its status) of a campaign in the given groups. */
export async function selectParticipationStatus(db: Tx, orgId: string, campaignId: string, groupKeys: string[]) {
  const p = campaignParticipation;
  const { rows } = await db.execute<{ group_key: string; status: string }>(sql`
    select ${p.groupKey}, ${p.status} from ${p}
     where ${p.orgId} = ${orgId} and ${p.campaignId} = ${campaignId} and ${p.groupKey} = any(${sql.param(groupKeys)}::text[])`);
  return rows;
}

/** Whether the campaign has a stored response for the group (every group it was computed for has one). */
export async function hasParticipationGroup(db: Tx, orgId: string, campaignId: string, groupKey: string) {
  return (await selectParticipationStatus(db, orgId, campaignId, [groupKey])).length > 0;
}

/** A group's response as stored: the counts at the close, or the lower end of the day's step while open. */
export type ParticipationValues = Pick<
  typeof campaignParticipation.$inferInsert,
  'groupKey' | 'status' | 'audience' | 'respondents'
>;

/** Replaces a campaign's stored response with these groups. */
export async function replaceParticipation(tx: Tx, orgId: string, campaignId: string, groups: ParticipationValues[]) {
  await tx
    .delete(campaignParticipation)
    .where(and(eq(campaignParticipation.orgId, orgId), eq(campaignParticipation.campaignId, campaignId)));
  if (groups.length > 0)
    await tx.insert(campaignParticipation).values(groups.map((g) => ({ orgId, campaignId, ...g })));
}

/**
 * The SQL of core questions. Tables and columns are named through the schema objects, so renaming one
 * fails to compile. Which results may be shown is decided in the services (disclosure.ts and the rest);
 * this file only reads and writes rows.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '../../../contracts/constants';
import type { CAMPAIGN_STATUSES, CampaignRepeat, Level, TextPair } from '../../../contracts/questions.contract';
import { bareColumn, type Tx } from '../../db/client';
import { members, organizations, teamMembers, teams } from '../../db/schema/org.schema';
import {
  campaignActions,
  campaignAnswers,
  campaignAudience,
  campaignBallots,
  campaignParticipation,
  campaignQuestions,
  campaignReminderRuns,
  campaignResults,
  campaigns,
  campaignTexts,
  mirrorAnswers,
} from '../../db/schema/questions.schema';

type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** The ballot (campaign_ballots in the query) holds at least one answer. */
const ballotHasAnswers = sql`exists (select 1 from ${campaignAnswers} where ${campaignAnswers.orgId} = ${campaignBallots.orgId} and ${campaignAnswers.campaignId} = ${campaignBallots.campaignId} and ${campaignAnswers.ballotId} = ${campaignBallots.id})`;

// ---------- closing ----------

/** One close at a time per organisation: a round closing beside another must see it closed (earlier-rounds.ts). */
export async function lockOrganisationCloses(tx: Tx, orgId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`klantwerk.close.${orgId}`}, 0))`);
}

/**
 * The answers of a campaign counted per atom: each ballot's atom is handed in, and the database counts
 * the scores per question, atom and value, and lists the texts per question and atom. The atoms live
 * in a temporary table for these two reads only.
 */
export async function tallyAnswersByAtom(tx: Tx, orgId: string, campaignId: string, ballotAtoms: Map<string, number>) {
  await tx.execute(
    sql`create temporary table ballot_atoms (ballot_id uuid primary key, atom int not null) on commit drop`,
  );
  const ballotIds = [...ballotAtoms.keys()];
  if (ballotIds.length > 0) {
    await tx.execute(sql`
      insert into ballot_atoms select * from unnest(${sql.param(ballotIds)}::uuid[], ${sql.param([...ballotAtoms.values()])}::int[])`);
  }
  await tx.execute(sql`analyze ballot_atoms`);
  const a = campaignAnswers;
  const { rows: tallies } = await tx.execute<{ question_id: string; atom: number; value: number; n: number }>(sql`
    select ${a.questionId}, ballot_atoms.atom, ${a.value}, count(*)::int as n
      from ${a} join ballot_atoms on ballot_atoms.ballot_id = ${a.ballotId}
     where ${a.orgId} = ${orgId} and ${a.campaignId} = ${campaignId} and ${a.value} is not null
     group by 1, 2, 3`);
  const { rows: texts } = await tx.execute<{ question_id: string; atom: number; text: string }>(sql`
    select ${a.questionId}, ballot_atoms.atom, ${a.text}
      from ${a} join ballot_atoms on ballot_atoms.ballot_id = ${a.ballotId}
     where ${a.orgId} = ${orgId} and ${a.campaignId} = ${campaignId} and ${a.text} is not null`);
  await tx.execute(sql`drop table ballot_atoms`);
  return { tallies, texts };
}

/**
 * Writes every ballot and answer of a campaign anew under a new random id, in a random order, without
 * its key, and deletes the old ones (their answers go with them: the foreign key cascades).
 */
export async function rewriteBallots(tx: Tx, orgId: string, campaignId: string) {
  const b = campaignBallots;
  const a = campaignAnswers;
  await tx.execute(sql`
    create temporary table ballot_remap on commit drop as
    select ${b.id} as old_id, gen_random_uuid() as new_id from ${b} where ${b.orgId} = ${orgId} and ${b.campaignId} = ${campaignId}`);
  await tx.execute(sql`
    insert into ${b} (${bareColumn(b.orgId)}, ${bareColumn(b.campaignId)}, ${bareColumn(b.id)}, ${bareColumn(b.ballotKey)})
    select ${orgId}, ${campaignId}, new_id, null from ballot_remap order by random()`);
  await tx.execute(sql`
    insert into ${a} (${bareColumn(a.orgId)}, ${bareColumn(a.campaignId)}, ${bareColumn(a.ballotId)}, ${bareColumn(a.questionId)}, ${bareColumn(a.value)}, ${bareColumn(a.text)})
    select ${a.orgId}, ${a.campaignId}, ballot_remap.new_id, ${a.questionId}, ${a.value}, ${a.text}
      from ${a} join ballot_remap on ballot_remap.old_id = ${a.ballotId}
     where ${a.orgId} = ${orgId} and ${a.campaignId} = ${campaignId}
     order by random()`);
  await tx.execute(sql`
    delete from ${b} using ballot_remap where ${b.orgId} = ${orgId} and ${b.campaignId} = ${campaignId} and ${b.id} = ballot_remap.old_id`);
  await tx.execute(sql`drop table ballot_remap`);
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

/** A manager's own answers to the mirror's self-view questions of a campaign. */
export async function selectOwnMirrorAnswers(db: Tx, orgId: string, campaignId: string, memberId: string) {
  const m = mirrorAnswers;
  const { rows } = await db.execute<{ question_id: string; value: number }>(sql`
    select ${m.questionId}, ${m.value} from ${m}
     where ${m.orgId} = ${orgId} and ${m.campaignId} = ${campaignId} and ${m.memberId} = ${memberId}`);
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

// ---------- campaigns ----------

/** Which of the given teams exist in the organisation and are not archived. */
export async function selectActiveTeamIds(db: Tx, orgId: string, teamIds: string[]) {
  const { rows } = await db.execute<{ id: string }>(sql`
    select ${teams.id} from ${teams}
     where ${teams.orgId} = ${orgId} and ${teams.archivedAt} is null and ${teams.id} = any(${sql.param(teamIds)}::uuid[])`);
  return rows;
}

/** The organisation's latest campaigns (200), with their sizes and whether the member was asked. */
export async function selectCampaignSummaries(db: Tx, orgId: string, memberId: string) {
  const c = campaigns;
  const q = campaignQuestions;
  const a = campaignAudience;
  const { rows } = await db.execute<{
    id: string;
    title: string;
    opens_on: string;
    closes_on: string;
    status: CampaignStatus;
    question_count: number;
    audience_size: number;
    asked: boolean;
    min_group: number | null;
    response_step: number | null;
    repeat: CampaignRepeat;
  }>(sql`
    select ${c.id}, ${c.title}, ${c.opensOn}::text as opens_on, ${c.closesOn}::text as closes_on, ${c.status}, ${c.minGroup}, ${c.responseStep}, ${c.repeat},
           (select count(*)::int from ${q} where ${q.orgId} = ${c.orgId} and ${q.campaignId} = ${c.id}) as question_count,
           (select count(*)::int from ${a} where ${a.orgId} = ${c.orgId} and ${a.campaignId} = ${c.id}) as audience_size,
           exists (select 1 from ${a} where ${a.orgId} = ${c.orgId} and ${a.campaignId} = ${c.id} and ${a.memberId} = ${memberId}) as asked
      from ${c}
     where ${c.orgId} = ${orgId}
     order by ${c.opensOn} desc, ${c.createdAt} desc
     limit 200`);
  return rows;
}

/** The ballot with this key, if it holds an answer. */
export async function selectAnsweredBallotId(db: Tx, orgId: string, campaignId: string, ballotKey: string) {
  const b = campaignBallots;
  const { rows } = await db.execute<{ id: string }>(sql`
    select ${b.id} from ${b}
     where ${b.orgId} = ${orgId} and ${b.campaignId} = ${campaignId} and ${b.ballotKey} = ${ballotKey}
       and ${ballotHasAnswers}`);
  return rows[0]?.id;
}

/** How many people a campaign asked. */
export async function countAudience(db: Tx, orgId: string, campaignId: string) {
  const a = campaignAudience;
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${a} where ${a.orgId} = ${orgId} and ${a.campaignId} = ${campaignId}`,
  );
  return rows[0]?.n ?? 0;
}

// ---------- actions ----------

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

/** Whether the campaign has a stored response for the group (every group it was computed for has one). */
export async function hasParticipationGroup(db: Tx, orgId: string, campaignId: string, groupKey: string) {
  return (await selectParticipationStatus(db, orgId, campaignId, [groupKey])).length > 0;
}

/** The bank's key of one of the campaign's questions. */
export async function selectQuestionKey(db: Tx, orgId: string, campaignId: string, questionId: string) {
  const q = campaignQuestions;
  const { rows } = await db.execute<{ question_key: string }>(sql`
    select ${q.questionKey} from ${q} where ${q.orgId} = ${orgId} and ${q.campaignId} = ${campaignId} and ${q.id} = ${questionId}`);
  return rows[0]?.question_key;
}

// ---------- the response and earlier rounds ----------

/** Who a campaign asks, with the level and teams they count in. */
export async function selectAudience(db: Tx, orgId: string, campaignId: string) {
  const a = campaignAudience;
  const { rows } = await db.execute<{ member_id: string; level: Level; team_ids: string[] }>(sql`
    select ${a.memberId}, ${a.level}, ${a.teamIds} from ${a} where ${a.orgId} = ${orgId} and ${a.campaignId} = ${campaignId}`);
  return rows;
}

/** Who the given campaigns asked, with the level and teams they counted in. */
export async function selectAudiences(db: Tx, orgId: string, campaignIds: string[]) {
  const a = campaignAudience;
  const { rows } = await db.execute<{ campaign_id: string; member_id: string; level: Level; team_ids: string[] }>(sql`
    select ${a.campaignId}, ${a.memberId}, ${a.level}, ${a.teamIds} from ${a}
     where ${a.orgId} = ${orgId} and ${a.campaignId} = any(${sql.param(campaignIds)}::uuid[])`);
  return rows;
}

/** The ballots of a campaign that hold an answer, with their keys (null once closed). */
export async function selectAnsweredBallots(db: Tx, orgId: string, campaignId: string) {
  const b = campaignBallots;
  const { rows } = await db.execute<{ id: string; ballot_key: string | null }>(sql`
    select ${b.id}, ${b.ballotKey} from ${b}
     where ${b.orgId} = ${orgId} and ${b.campaignId} = ${campaignId}
       and ${ballotHasAnswers}`);
  return rows;
}

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

// ---------- the job and opening ----------

/** What the job looks for: rounds to open, to take the day's response of, to close, to remind about. */
export type DueWork = 'open' | 'response' | 'close' | 'remind';

/** The campaigns of every organisation with work due now, with the organisation's local day. */
export async function selectDueCampaigns(db: Tx, work: DueWork, now: Date) {
  const c = campaigns;
  const o = organizations;
  const today = sql`(${now.toISOString()}::timestamptz at time zone ${o.timeZone})::date`;
  const where = {
    open: sql`${c.status} = 'scheduled' and ${c.opensOn} <= ${today}`,
    response: sql`${c.status} = 'open' and ${c.closesOn} >= ${today}
                  and (${c.responseOn} is null or ${c.responseOn} < ${today})`,
    close: sql`${c.status} = 'open' and ${c.closesOn} < ${today}`,
    remind: sql`${c.status} = 'open' and cardinality(${c.reminderDays}) > 0`,
  }[work];
  const { rows } = await db.execute<{ org_id: string; id: string; today: string }>(sql`
    select ${c.orgId}, ${c.id}, ${today}::text as today
      from ${c} join ${o} on ${o.id} = ${c.orgId}
     where ${where}`);
  return rows;
}

/** Claims a day's reminders of a campaign; false when another process claimed them first. */
export async function claimReminderRun(tx: Tx, orgId: string, campaignId: string, day: string) {
  const claimed = await tx
    .insert(campaignReminderRuns)
    .values({ orgId, campaignId, day })
    .onConflictDoNothing()
    .returning({ day: campaignReminderRuns.day });
  return claimed.length > 0;
}

/** How many reminders a claimed day sent. */
export async function recordReminderRunSent(tx: Tx, orgId: string, campaignId: string, day: string, sent: number) {
  await tx
    .update(campaignReminderRuns)
    .set({ sent })
    .where(
      and(
        eq(campaignReminderRuns.orgId, orgId),
        eq(campaignReminderRuns.campaignId, campaignId),
        eq(campaignReminderRuns.day, day),
      ),
    );
}

/** A member of the staff with the teams that make their groups, with the database's column names. */
export type StaffRow = {
  member_id: string;
  roles: Role[];
  team_ids: string[];
  managed_team_ids: string[];
};

/**
 * The organisation's active staff who may be asked, with the live teams they are in without managing
 * them and the ones they manage.
 */
export async function selectStaff(db: Tx, orgId: string) {
  const m = members;
  const tm = teamMembers;
  const { rows } = await db.execute<StaffRow>(sql`
    select ${m.id} as member_id, ${m.roles},
           coalesce(array_agg(${tm.teamId}) filter (where ${tm.teamId} is not null and not ${tm.isManager}), '{}') as team_ids,
           coalesce(array_agg(${tm.teamId}) filter (where ${tm.teamId} is not null and ${tm.isManager}), '{}') as managed_team_ids
      from ${m}
      left join ${tm} on ${tm.orgId} = ${m.orgId} and ${tm.memberId} = ${m.id}
                     and exists (select 1 from ${teams} where ${teams.orgId} = ${tm.orgId} and ${teams.id} = ${tm.teamId} and ${teams.archivedAt} is null)
     where ${m.orgId} = ${orgId} and ${m.status} = 'active' and ${m.roles} && array['member','manager','director','admin']::text[]
     group by ${m.id}, ${m.roles}`);
  return rows;
}

// ---------- answers ----------

/**
 * Replaces the answers on the ballot with this key (made when missing; its row lock makes two saves by
 * the same member follow each other). With no answers, the ballot goes too.
 */
export async function replaceBallotAnswers(
  tx: Tx,
  orgId: string,
  campaignId: string,
  ballotKey: string,
  values: { questionId: string; value: number | null; text: string | null }[],
) {
  const [ballot] = await tx
    .insert(campaignBallots)
    .values({ orgId, campaignId, ballotKey })
    .onConflictDoUpdate({
      target: [campaignBallots.orgId, campaignBallots.campaignId, campaignBallots.ballotKey],
      set: { ballotKey },
    })
    .returning({ id: campaignBallots.id });
  const ballotId = ballot!.id;
  await tx
    .delete(campaignAnswers)
    .where(
      and(
        eq(campaignAnswers.orgId, orgId),
        eq(campaignAnswers.campaignId, campaignId),
        eq(campaignAnswers.ballotId, ballotId),
      ),
    );
  if (values.length === 0) {
    await tx
      .delete(campaignBallots)
      .where(
        and(
          eq(campaignBallots.orgId, orgId),
          eq(campaignBallots.campaignId, campaignId),
          eq(campaignBallots.id, ballotId),
        ),
      );
    return;
  }
  await tx.insert(campaignAnswers).values(values.map((v) => ({ orgId, campaignId, ballotId, ...v })));
}

/** Replaces a manager's own self-view answers of a campaign. */
export async function replaceMirrorAnswers(
  tx: Tx,
  orgId: string,
  campaignId: string,
  memberId: string,
  values: { questionId: string; value: number }[],
) {
  await tx
    .delete(mirrorAnswers)
    .where(
      and(
        eq(mirrorAnswers.orgId, orgId),
        eq(mirrorAnswers.campaignId, campaignId),
        eq(mirrorAnswers.memberId, memberId),
      ),
    );
  if (values.length > 0)
    await tx.insert(mirrorAnswers).values(values.map((v) => ({ orgId, campaignId, memberId, ...v })));
}

/** Erasure: a member's self-view answers in every campaign. */
export async function deleteMirrorAnswersOf(tx: Tx, orgId: string, memberId: string) {
  await tx.delete(mirrorAnswers).where(and(eq(mirrorAnswers.orgId, orgId), eq(mirrorAnswers.memberId, memberId)));
}

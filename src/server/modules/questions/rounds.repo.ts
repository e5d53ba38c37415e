/**
 * The SQL of rounds (campaigns): making and listing them, who they ask, and what the job finds due.
 * Tables and columns are named through the schema objects, so renaming one fails to compile. The rules
 * are the services' (campaigns.service.ts, opening.service.ts, closing.service.ts, campaign-jobs.service.ts
 * and campaign-common.ts); this file only reads and writes rows.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Role } from '../../../contracts/constants';
import type { CAMPAIGN_STATUSES, CampaignRepeat, Level } from '../../../contracts/questions.contract';
import type { Tx } from '../../db/client';
import { members, organizations, teamMembers, teams } from '../../db/schema/org.schema';
import { campaignAudience, campaignQuestions, campaignReminderRuns, campaigns } from '../../db/schema/questions.schema';

type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Rows are inserted this many at a time (a statement holds at most 65535 parameters). */
const BATCH = 5000;

/** The organisation's row: its time zone and its thresholds and visibility of results. */
export async function selectOrganization(db: Tx, orgId: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  return org;
}

/** Who may see the organisation's results: its setting of their visibility. */
export async function selectResultsVisibility(db: Tx, orgId: string) {
  const [org] = await db
    .select({ visibility: organizations.resultsVisibility })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org;
}

// ---------- campaigns ----------

/** A campaign of the organisation, if there is one with this id. */
export async function selectCampaign(db: Tx, orgId: string, campaignId: string) {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
  return row;
}

/** A campaign of the organisation, locked (`for update`) until the transaction ends. */
export async function selectCampaignForUpdate(tx: Tx, orgId: string, campaignId: string) {
  const [row] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)))
    .for('update');
  return row;
}

/** Makes a campaign; returns its whole row. */
export async function insertCampaign(tx: Tx, values: typeof campaigns.$inferInsert) {
  const [row] = await tx.insert(campaigns).values(values).returning();
  return row!;
}

/** Makes a campaign (the next round of a series); returns its id. */
export async function insertCampaignReturningId(tx: Tx, values: typeof campaigns.$inferInsert) {
  const [row] = await tx.insert(campaigns).values(values).returning({ id: campaigns.id });
  return row!.id;
}

/** Makes a campaign the first round of its own series. */
export async function setCampaignSeries(tx: Tx, orgId: string, campaignId: string, seriesId: string) {
  await tx
    .update(campaigns)
    .set({ seriesId })
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
}

/** Marks a campaign open, now. */
export async function markCampaignOpen(tx: Tx, orgId: string, campaignId: string) {
  await tx
    .update(campaigns)
    .set({ status: 'open', openedAt: new Date() })
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
}

/** The day an open campaign's response was last taken, and the step it was taken with. */
export async function setCampaignResponseDay(tx: Tx, orgId: string, campaignId: string, day: string, step: number) {
  await tx
    .update(campaigns)
    .set({ responseOn: day, responseStep: step })
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
}

/**
 * Marks a campaign closed, now, with the thresholds its results were computed under. Closed early, its
 * last day becomes `today` (the trend orders campaigns by it).
 */
export async function markCampaignClosed(
  tx: Tx,
  orgId: string,
  campaignId: string,
  close: { minGroup: number; minTexts: number; today: string },
) {
  await tx
    .update(campaigns)
    .set({
      status: 'closed',
      closedAt: new Date(),
      minGroup: close.minGroup,
      minTexts: close.minTexts,
      closesOn: sql`least(${campaigns.closesOn}, ${close.today}::date)`,
    })
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
}

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

/** A campaign's questions, in no particular order (to copy them into the next round). */
export function selectCampaignQuestionsUnordered(db: Tx, orgId: string, campaignId: string) {
  return db
    .select()
    .from(campaignQuestions)
    .where(and(eq(campaignQuestions.orgId, orgId), eq(campaignQuestions.campaignId, campaignId)));
}

/** A campaign's questions in their order. */
export async function selectCampaignQuestions(db: Tx, orgId: string, campaignId: string) {
  return selectCampaignQuestionsUnordered(db, orgId, campaignId).orderBy(asc(campaignQuestions.position));
}

/** A round's questions, as asked (the words are copied from the bank or the previous round). */
export async function insertCampaignQuestions(tx: Tx, rows: (typeof campaignQuestions.$inferInsert)[]) {
  await tx.insert(campaignQuestions).values(rows);
}

/** Deletes a campaign (one called off before it opened). */
export async function deleteCampaign(tx: Tx, orgId: string, campaignId: string) {
  await tx.delete(campaigns).where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
}

// ---------- who is asked ----------

/** How many people a campaign asked. */
export async function countAudience(db: Tx, orgId: string, campaignId: string) {
  const a = campaignAudience;
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${a} where ${a.orgId} = ${orgId} and ${a.campaignId} = ${campaignId}`,
  );
  return rows[0]?.n ?? 0;
}

/** The member's row in a campaign's audience, if they were asked. */
export async function selectAudienceMember(db: Tx, orgId: string, campaignId: string, memberId: string) {
  const [row] = await db
    .select()
    .from(campaignAudience)
    .where(
      and(
        eq(campaignAudience.orgId, orgId),
        eq(campaignAudience.campaignId, campaignId),
        eq(campaignAudience.memberId, memberId),
      ),
    );
  return row;
}

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

/** Fixes who an opening round asks, with their groups. */
export async function insertAudience(tx: Tx, rows: (typeof campaignAudience.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += BATCH) await tx.insert(campaignAudience).values(rows.slice(i, i + BATCH));
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

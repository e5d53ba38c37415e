import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Role } from '../../../contracts/constants';
import type {
  answersBody,
  audienceSizeBody,
  BankQuestion,
  CampaignDetail,
  CampaignQuestion,
  CampaignRepeat,
  CampaignSummary,
  createCampaignBody,
  Level,
  mirrorBody,
  ownQuestionBody,
  ResultGroup,
  TextPair,
} from '../../../contracts/questions.contract';
import { nextRoundDay } from '../../../contracts/questions.contract';
import type { Db, Tx } from '../../db/client';
import { organizations } from '../../db/schema/org.schema';
import {
  campaignAnswers,
  campaignAudience,
  campaignBallots,
  campaignParticipation,
  campaignQuestions,
  campaigns,
  mirrorAnswers,
  orgQuestions,
} from '../../db/schema/questions.schema';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../lib/app-error';
import { localDay } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { notifyMembers } from '../notifications/notifications.service';
import { recordAudit } from '../org/org.service';
import { ballotKeyer } from './ballots';
import { decideGroups, decidePeople, type PeopleModel } from './disclosure';
import { Atoms, countPerAtom, levelOf, parseGroupKey } from './groups';
import { QUESTION_BANK } from './question-bank';
import { responseStep, type Step } from './response-step';
import { steering } from './visibility';

// Module 5: campaigns of core questions — the bank, making a campaign, who is asked, answering
// anonymously (see questions.schema.ts for how), the response while it is open. Results: results.service.ts.

/** The secret: the root of the ballot keys. */
export type QuestionsDeps = Pick<Deps, 'db' | 'secret'>;

export type CampaignRow = typeof campaigns.$inferSelect;

const invalid = (path: string, code: string, message: string) =>
  new AppError('validation_failed', 400, { errors: [{ path, code, message }] });

/** The words in both languages; a language the organisation left empty falls back to the other. */
export const bothLanguages = (text: { nl?: string | undefined; en?: string | undefined }): TextPair => ({
  nl: text.nl || text.en || '',
  en: text.en || text.nl || '',
});

// ---------- the bank ----------

export async function listBank(db: Tx, orgId: string): Promise<{ items: BankQuestion[] }> {
  const own = await db
    .select()
    .from(orgQuestions)
    .where(and(eq(orgQuestions.orgId, orgId), sql`${orgQuestions.archivedAt} is null`))
    .orderBy(asc(orgQuestions.createdAt));
  return {
    items: [
      ...QUESTION_BANK.map((q) => ({
        key: q.key,
        theme: q.theme,
        kind: q.kind,
        text: q.text,
        selfView: q.selfView ?? null,
        own: false,
      })),
      ...own.map((q) => ({
        key: `own:${q.id}`,
        theme: q.theme,
        kind: q.kind,
        text: q.text,
        selfView: q.selfView ?? null,
        own: true,
      })),
    ],
  };
}

export async function addOwnQuestion(
  db: Db,
  tenant: TenantContext,
  input: z.output<typeof ownQuestionBody>,
): Promise<BankQuestion> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orgQuestions)
      .values({
        orgId: tenant.orgId,
        theme: input.theme,
        kind: input.kind,
        text: bothLanguages(input.text),
        createdBy: tenant.memberId,
      })
      .returning();
    await recordAudit(tx, tenant, 'question.added', 'question', row!.id);
    return {
      key: `own:${row!.id}`,
      theme: input.theme,
      kind: input.kind,
      text: row!.text,
      selfView: null,
      own: true,
    };
  });
}

export async function archiveOwnQuestion(db: Db, tenant: TenantContext, questionId: string) {
  const rows = await db
    .update(orgQuestions)
    .set({ archivedAt: new Date() })
    .where(
      and(
        eq(orgQuestions.orgId, tenant.orgId),
        eq(orgQuestions.id, questionId),
        sql`${orgQuestions.archivedAt} is null`,
      ),
    )
    .returning({ id: orgQuestions.id });
  if (rows.length === 0) throw notFound();
}

// ---------- making a campaign ----------

export async function createCampaign(
  deps: QuestionsDeps,
  tenant: TenantContext,
  input: z.output<typeof createCampaignBody>,
): Promise<CampaignDetail> {
  const today = localDay(tenant.timeZone);
  if (input.opensOn < today) throw invalid('body.opensOn', 'in_the_past', 'the opening day has passed');
  const next = nextRoundDay(input.opensOn, input.repeat);
  if (next && next <= input.closesOn)
    throw invalid('body.repeat', 'rounds_overlap', 'the round lasts longer than the time until the next one');
  const bank = new Map((await listBank(deps.db, tenant.orgId)).items.map((q) => [q.key, q]));
  const chosen = input.questionKeys.map((key, i) => {
    const q = bank.get(key);
    if (!q) throw invalid(`body.questionKeys.${i}`, 'unknown_question', 'no such question in the bank');
    return q;
  });
  if (input.audience.teamIds.length > 0) {
    const { rows } = await deps.db.execute<{ id: string }>(sql`
      select id from teams where org_id = ${tenant.orgId} and archived_at is null and id = any(${sql.param(input.audience.teamIds)}::uuid[])`);
    const known = new Set(rows.map((r) => r.id));
    const i = input.audience.teamIds.findIndex((id) => !known.has(id));
    if (i >= 0) throw invalid(`body.audience.teamIds.${i}`, 'unknown_team', 'no such team');
  }
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({
        orgId: tenant.orgId,
        title: input.title,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        audienceAll: input.audience.all,
        audienceTeamIds: input.audience.all ? [] : [...new Set(input.audience.teamIds)],
        audienceRoles: input.audience.all ? [] : [...new Set(input.audience.roles)],
        reminderDays: [...new Set(input.reminderDays)].sort((a, b) => b - a),
        repeat: input.repeat,
        createdBy: tenant.memberId,
      })
      .returning();
    if (input.repeat !== 'none') {
      await tx
        .update(campaigns)
        .set({ seriesId: row!.id })
        .where(and(eq(campaigns.orgId, tenant.orgId), eq(campaigns.id, row!.id)));
      row!.seriesId = row!.id;
    }
    await tx.insert(campaignQuestions).values(
      chosen.map((q, position) => ({
        orgId: tenant.orgId,
        campaignId: row!.id,
        position,
        questionKey: q.key,
        theme: q.theme,
        kind: q.kind,
        text: q.text,
        selfView: q.selfView,
      })),
    );
    await recordAudit(tx, tenant, 'campaign.created', 'campaign', row!.id, {
      title: input.title,
      questions: chosen.length,
      repeat: input.repeat,
    });
    if (input.opensOn <= today) await openCampaign(tx, deps.secret, row!, today);
    return row!.id;
  });
  return findCampaign(deps, tenant, id);
}

/** A scheduled campaign that has not opened yet can be called off. */
export async function cancelCampaign(db: Db, tenant: TenantContext, campaignId: string) {
  await db.transaction(async (tx) => {
    const row = await lockCampaign(tx, tenant.orgId, campaignId);
    if (row.status !== 'scheduled')
      throw new AppError('campaign_not_open', 409, { detail: 'only a campaign that has not opened can be called off' });
    await tx.delete(campaigns).where(and(eq(campaigns.orgId, tenant.orgId), eq(campaigns.id, campaignId)));
    await recordAudit(tx, tenant, 'campaign.cancelled', 'campaign', campaignId);
  });
}

export async function lockCampaign(tx: Tx, orgId: string, campaignId: string): Promise<CampaignRow> {
  const [row] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

// ---------- opening: who is asked ----------

type StaffRow = {
  member_id: string;
  roles: Role[];
  team_ids: string[];
  managed_team_ids: string[];
};

type AudienceChoice = Pick<CampaignRow, 'orgId' | 'audienceAll' | 'audienceTeamIds' | 'audienceRoles'>;

/** The staff a campaign with this audience asks if it opened now, with the teams that make their groups. */
async function staffAsked(tx: Tx, campaign: AudienceChoice): Promise<StaffRow[]> {
  const { rows } = await tx.execute<StaffRow>(sql`
    select m.id as member_id, m.roles,
           coalesce(array_agg(tm.team_id) filter (where tm.team_id is not null and not tm.is_manager), '{}') as team_ids,
           coalesce(array_agg(tm.team_id) filter (where tm.team_id is not null and tm.is_manager), '{}') as managed_team_ids
      from members m
      left join team_members tm on tm.org_id = m.org_id and tm.member_id = m.id
                               and exists (select 1 from teams t where t.org_id = tm.org_id and t.id = tm.team_id and t.archived_at is null)
     where m.org_id = ${campaign.orgId} and m.status = 'active' and m.roles && array['member','manager','director','admin']::text[]
     group by m.id, m.roles`);
  const teams = new Set(campaign.audienceTeamIds);
  const roles = new Set(campaign.audienceRoles);
  return rows.filter(
    (r) =>
      campaign.audienceAll ||
      [...r.team_ids, ...r.managed_team_ids].some((t) => teams.has(t)) ||
      r.roles.some((role) => roles.has(role)),
  );
}

/** How many people a launch with this audience would ask today: the confirmation names the number. */
export async function countAsked(db: Db, tenant: TenantContext, choice: z.output<typeof audienceSizeBody>['audience']) {
  const asked = await staffAsked(db, {
    orgId: tenant.orgId,
    audienceAll: choice.all,
    audienceTeamIds: choice.all ? [] : choice.teamIds,
    audienceRoles: choice.all ? [] : choice.roles,
  });
  return { size: asked.length };
}

/**
 * Fixes the audience with their groups, and tells them; a recurring round schedules the next of its series.
 * In the caller's transaction; `today` is the organisation's.
 */
export async function openCampaign(tx: Tx, secret: string, campaign: CampaignRow, today: string) {
  const asked = await staffAsked(tx, campaign);
  for (let i = 0; i < asked.length; i += 5000) {
    await tx.insert(campaignAudience).values(
      asked.slice(i, i + 5000).map((r) => ({
        orgId: campaign.orgId,
        campaignId: campaign.id,
        memberId: r.member_id,
        level: levelOf(r.roles, r.managed_team_ids.length > 0),
        teamIds: r.team_ids,
        managedTeamIds: r.managed_team_ids,
      })),
    );
  }
  await tx
    .update(campaigns)
    .set({ status: 'open', openedAt: new Date() })
    .where(and(eq(campaigns.orgId, campaign.orgId), eq(campaigns.id, campaign.id)));
  await notifyMembers(
    tx,
    campaign.orgId,
    asked.map((r) => r.member_id),
    'campaign_open',
    { campaignId: campaign.id, title: campaign.title, closesOn: campaign.closesOn },
  );
  await recordResponse(tx, secret, campaign.orgId, campaign.id, today);
  if (campaign.repeat !== 'none') await scheduleNextRound(tx, campaign);
}

/**
 * The next round of a series: the same title, questions (with their words as they were asked), audience
 * choice and reminders, one period later; scheduled, so it can be called off, which ends the series. The
 * audience itself is fixed again when it opens. Anonymity holds across the rounds because every close is
 * checked against the closed rounds that share a question (earlier-rounds.ts).
 */
async function scheduleNextRound(tx: Tx, campaign: CampaignRow) {
  const [next] = await tx
    .insert(campaigns)
    .values({
      orgId: campaign.orgId,
      title: campaign.title,
      opensOn: nextRoundDay(campaign.opensOn, campaign.repeat)!,
      closesOn: nextRoundDay(campaign.closesOn, campaign.repeat)!,
      audienceAll: campaign.audienceAll,
      audienceTeamIds: campaign.audienceTeamIds,
      audienceRoles: campaign.audienceRoles,
      reminderDays: campaign.reminderDays,
      repeat: campaign.repeat,
      seriesId: campaign.seriesId ?? campaign.id,
      createdBy: campaign.createdBy,
    })
    .returning({ id: campaigns.id });
  const questions = await tx
    .select()
    .from(campaignQuestions)
    .where(and(eq(campaignQuestions.orgId, campaign.orgId), eq(campaignQuestions.campaignId, campaign.id)));
  await tx
    .insert(campaignQuestions)
    .values(
      questions.map(({ id: _id, campaignId: _campaign, ...question }) => ({ ...question, campaignId: next!.id })),
    );
}

// ---------- reading ----------

async function loadQuestions(db: Tx, orgId: string, campaignId: string): Promise<CampaignQuestion[]> {
  const rows = await db
    .select()
    .from(campaignQuestions)
    .where(and(eq(campaignQuestions.orgId, orgId), eq(campaignQuestions.campaignId, campaignId)))
    .orderBy(asc(campaignQuestions.position));
  return rows.map((q) => ({
    id: q.id,
    key: q.questionKey,
    position: q.position,
    theme: q.theme,
    kind: q.kind,
    text: q.text,
    selfView: q.selfView ?? null,
  }));
}

export async function audienceRow(db: Tx, orgId: string, campaignId: string, memberId: string) {
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

/** A campaign counts as closed once its last day has passed, even before the job has closed it. */
export function effectiveStatus(row: Pick<CampaignRow, 'status' | 'closesOn'>, today: string): CampaignRow['status'] {
  return row.status === 'open' && row.closesOn < today ? 'closed' : row.status;
}

/** Who may see a campaign at all: directors and admins always; others once it opened and they were asked, or when closed (results). */
function mayRead(tenant: TenantContext, row: CampaignRow, asked: boolean) {
  return steering(tenant) || asked || row.status === 'closed';
}

export async function listCampaigns(deps: QuestionsDeps, tenant: TenantContext): Promise<{ items: CampaignSummary[] }> {
  const { rows } = await deps.db.execute<{
    id: string;
    title: string;
    opens_on: string;
    closes_on: string;
    status: CampaignRow['status'];
    question_count: number;
    audience_size: number;
    asked: boolean;
    min_group: number | null;
    response_step: number | null;
    repeat: CampaignRepeat;
  }>(sql`
    select c.id, c.title, c.opens_on::text, c.closes_on::text, c.status, c.min_group, c.response_step, c.repeat,
           (select count(*)::int from campaign_questions q where q.org_id = c.org_id and q.campaign_id = c.id) as question_count,
           (select count(*)::int from campaign_audience a where a.org_id = c.org_id and a.campaign_id = c.id) as audience_size,
           exists (select 1 from campaign_audience a where a.org_id = c.org_id and a.campaign_id = c.id and a.member_id = ${tenant.memberId}) as asked
      from campaigns c
     where c.org_id = ${tenant.orgId}
     order by c.opens_on desc, c.created_at desc
     limit 200`);
  const today = localDay(tenant.timeZone);
  const items: CampaignSummary[] = [];
  for (const r of rows) {
    const row = { status: r.status, closesOn: r.closes_on } as CampaignRow;
    if (!mayRead(tenant, row, r.asked)) continue;
    const status = effectiveStatus(row, today);
    const myStatus =
      r.asked && status === 'open'
        ? (await findBallotId(deps, tenant, r.id))
          ? 'answered'
          : 'to_answer'
        : 'not_asked';
    items.push({
      id: r.id,
      title: r.title,
      opensOn: r.opens_on,
      closesOn: r.closes_on,
      status,
      questionCount: r.question_count,
      myStatus,
      audienceSize: r.status === 'scheduled' ? null : r.audience_size,
      responseRate:
        steering(tenant) && r.status !== 'scheduled'
          ? await orgResponseRate(deps.db, {
              orgId: tenant.orgId,
              id: r.id,
              status: r.status,
              minGroup: r.min_group,
              responseStep: r.response_step,
            })
          : null,
      repeat: r.repeat,
    });
  }
  return { items };
}

/** The organisation's response rate as a step (see response-step.ts): the day's while open, the final one after. */
async function orgResponseRate(
  db: Tx,
  row: Pick<CampaignRow, 'orgId' | 'id' | 'status' | 'minGroup' | 'responseStep'>,
) {
  const org = (await participationGroups(db, row)).find((g) => g.key === 'org');
  return org && org.status === 'shown' && org.audience && org.response
    ? { min: org.response.min / org.audience, max: org.response.max / org.audience }
    : null;
}

/** The member's ballot while the campaign is open (their answers, found by their key). */
async function findBallotId(
  deps: QuestionsDeps,
  tenant: TenantContext,
  campaignId: string,
): Promise<string | undefined> {
  const key = ballotKeyer(deps.secret, campaignId)(tenant.memberId);
  const { rows } = await deps.db.execute<{ id: string }>(sql`
    select b.id from campaign_ballots b
     where b.org_id = ${tenant.orgId} and b.campaign_id = ${campaignId} and b.ballot_key = ${key}
       and exists (select 1 from campaign_answers a where a.org_id = b.org_id and a.campaign_id = b.campaign_id and a.ballot_id = b.id)`);
  return rows[0]?.id;
}

export async function findCampaign(
  deps: QuestionsDeps,
  tenant: TenantContext,
  campaignId: string,
): Promise<CampaignDetail> {
  const [row] = await deps.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, tenant.orgId), eq(campaigns.id, campaignId)));
  if (!row) throw notFound();
  const asked = await audienceRow(deps.db, tenant.orgId, campaignId, tenant.memberId);
  if (!mayRead(tenant, row, Boolean(asked))) throw notFound();
  const [org] = await deps.db.select().from(organizations).where(eq(organizations.id, tenant.orgId));
  const today = localDay(tenant.timeZone);
  const status = effectiveStatus(row, today);
  const questions = await loadQuestions(deps.db, tenant.orgId, campaignId);
  let myAnswers: CampaignDetail['myAnswers'] = [];
  let mirror: CampaignDetail['mirror'] = null;
  if (asked && status === 'open') {
    const ballotId = await findBallotId(deps, tenant, campaignId);
    if (ballotId) {
      myAnswers = await deps.db
        .select({ questionId: campaignAnswers.questionId, value: campaignAnswers.value, text: campaignAnswers.text })
        .from(campaignAnswers)
        .where(
          and(
            eq(campaignAnswers.orgId, tenant.orgId),
            eq(campaignAnswers.campaignId, campaignId),
            eq(campaignAnswers.ballotId, ballotId),
          ),
        );
    }
  }
  if (asked && asked.managedTeamIds.length > 0) {
    const selfQuestions = questions.filter((q) => q.selfView);
    if (selfQuestions.length > 0) {
      const answers = await deps.db
        .select({ questionId: mirrorAnswers.questionId, value: mirrorAnswers.value })
        .from(mirrorAnswers)
        .where(
          and(
            eq(mirrorAnswers.orgId, tenant.orgId),
            eq(mirrorAnswers.campaignId, campaignId),
            eq(mirrorAnswers.memberId, tenant.memberId),
          ),
        );
      mirror = { questionIds: selfQuestions.map((q) => q.id), answers };
    }
  }
  const audienceSize = row.status === 'scheduled' ? null : await countAudience(deps.db, tenant.orgId, campaignId);
  return {
    id: row.id,
    title: row.title,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    status,
    questionCount: questions.length,
    myStatus: asked && status === 'open' ? (myAnswers.length > 0 ? 'answered' : 'to_answer') : 'not_asked',
    audienceSize,
    responseRate: steering(tenant) && row.status !== 'scheduled' ? await orgResponseRate(deps.db, row) : null,
    repeat: row.repeat,
    audience: { all: row.audienceAll, teamIds: row.audienceTeamIds, roles: row.audienceRoles },
    reminderDays: row.reminderDays,
    questions,
    myAnswers,
    mirror,
    minGroup: row.minGroup ?? org!.resultsMinGroup,
    minTexts: row.minTexts ?? org!.resultsMinTexts,
  };
}

async function countAudience(db: Tx, orgId: string, campaignId: string) {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from campaign_audience where org_id = ${orgId} and campaign_id = ${campaignId}`,
  );
  return rows[0]?.n ?? 0;
}

// ---------- answering ----------

/** The campaign must be open today, and the member asked. */
async function openForAnswers(tx: Tx, tenant: TenantContext, campaignId: string) {
  const [row] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, tenant.orgId), eq(campaigns.id, campaignId)));
  if (!row) throw notFound();
  const asked = await audienceRow(tx, tenant.orgId, campaignId, tenant.memberId);
  if (!asked && !steering(tenant)) throw notFound();
  if (effectiveStatus(row, localDay(tenant.timeZone)) !== 'open') throw new AppError('campaign_not_open', 409);
  if (!asked) throw new AppError('not_in_audience', 403);
  return { row, asked };
}

/**
 * Replaces the member's answers. The ballot is found by its key (one per member); its answers are
 * replaced as a whole, so there is one answer per member and question and nothing records who. Nothing
 * else is written in this transaction: no audit entry, no notice, no time.
 */
export async function saveAnswers(
  deps: QuestionsDeps,
  tenant: TenantContext,
  campaignId: string,
  input: z.output<typeof answersBody>,
) {
  return deps.db.transaction(async (tx) => {
    await openForAnswers(tx, tenant, campaignId);
    const questions = new Map((await loadQuestions(tx, tenant.orgId, campaignId)).map((q) => [q.id, q]));
    const values: { questionId: string; value: number | null; text: string | null }[] = [];
    const seen = new Set<string>();
    for (const [i, a] of input.answers.entries()) {
      const q = questions.get(a.questionId);
      if (!q) throw invalid(`body.answers.${i}.questionId`, 'unknown_question', 'not a question of this campaign');
      if (seen.has(a.questionId))
        throw invalid(`body.answers.${i}.questionId`, 'duplicate', 'the question is answered twice');
      seen.add(a.questionId);
      if (q.kind === 'open') {
        if (a.value !== undefined)
          throw invalid(`body.answers.${i}.value`, 'open_question', 'this question takes a text');
        if (a.text) values.push({ questionId: a.questionId, value: null, text: a.text });
        continue;
      }
      if (a.text) throw invalid(`body.answers.${i}.text`, 'scale_question', 'this question takes a score');
      if (a.value === undefined) continue;
      const [min, max] = q.kind === 'agree5' ? [1, 5] : [0, 10];
      if (a.value < min || a.value > max)
        throw invalid(`body.answers.${i}.value`, 'out_of_range', `a score from ${min} to ${max}`);
      values.push({ questionId: a.questionId, value: a.value, text: null });
    }
    const key = ballotKeyer(deps.secret, campaignId)(tenant.memberId);
    // Takes the ballot's row lock: two saves by the same member follow each other.
    const [ballot] = await tx
      .insert(campaignBallots)
      .values({ orgId: tenant.orgId, campaignId, ballotKey: key })
      .onConflictDoUpdate({
        target: [campaignBallots.orgId, campaignBallots.campaignId, campaignBallots.ballotKey],
        set: { ballotKey: key },
      })
      .returning({ id: campaignBallots.id });
    await tx
      .delete(campaignAnswers)
      .where(
        and(
          eq(campaignAnswers.orgId, tenant.orgId),
          eq(campaignAnswers.campaignId, campaignId),
          eq(campaignAnswers.ballotId, ballot!.id),
        ),
      );
    if (values.length === 0) {
      await tx
        .delete(campaignBallots)
        .where(
          and(
            eq(campaignBallots.orgId, tenant.orgId),
            eq(campaignBallots.campaignId, campaignId),
            eq(campaignBallots.id, ballot!.id),
          ),
        );
    } else {
      await tx.insert(campaignAnswers).values(
        values.map((v) => ({
          orgId: tenant.orgId,
          campaignId,
          ballotId: ballot!.id,
          questionId: v.questionId,
          value: v.value,
          text: v.text,
        })),
      );
    }
    return { saved: values.length };
  });
}

/** A manager's self-view for the mirror: their own, kept with their name, seen only by them. Saved apart from the ballot. */
export async function saveMirror(
  deps: QuestionsDeps,
  tenant: TenantContext,
  campaignId: string,
  input: z.output<typeof mirrorBody>,
) {
  return deps.db.transaction(async (tx) => {
    const { asked } = await openForAnswers(tx, tenant, campaignId);
    if (asked.managedTeamIds.length === 0)
      throw new AppError('forbidden', 403, { detail: 'the mirror is for those who lead a team' });
    const selfIds = new Set(
      (await loadQuestions(tx, tenant.orgId, campaignId)).filter((q) => q.selfView).map((q) => q.id),
    );
    for (const [i, a] of input.answers.entries()) {
      if (!selfIds.has(a.questionId))
        throw invalid(`body.answers.${i}.questionId`, 'unknown_question', 'not a self-view question of this campaign');
    }
    await tx
      .delete(mirrorAnswers)
      .where(
        and(
          eq(mirrorAnswers.orgId, tenant.orgId),
          eq(mirrorAnswers.campaignId, campaignId),
          eq(mirrorAnswers.memberId, tenant.memberId),
        ),
      );
    const unique = new Map(input.answers.map((a) => [a.questionId, a.value]));
    if (unique.size > 0) {
      await tx.insert(mirrorAnswers).values(
        [...unique].map(([questionId, value]) => ({
          orgId: tenant.orgId,
          campaignId,
          memberId: tenant.memberId,
          questionId,
          value,
        })),
      );
    }
    return { saved: unique.size };
  });
}

// ---------- response ----------

type AudiencePlaced = {
  member_id: string;
  level: Level;
  team_ids: string[];
};

/**
 * Who is asked, placed in atoms, and which atom each ballot with answers belongs to. The link between
 * a ballot and a member is made here, in memory, from the keys; it is never stored or logged.
 */
export async function placeBallots(
  db: Tx,
  secret: string,
  orgId: string,
  campaignId: string,
  history?: (memberId: string) => string,
) {
  const { rows: people } = await db.execute<AudiencePlaced>(sql`
    select member_id, level, team_ids from campaign_audience where org_id = ${orgId} and campaign_id = ${campaignId}`);
  const atoms = new Atoms();
  const keyOf = ballotKeyer(secret, campaignId);
  const atomOfKey = new Map<string, number>();
  const audienceAtoms = people.map((p) => {
    const atom = atoms.of({ level: p.level, teamIds: p.team_ids }, history?.(p.member_id));
    atomOfKey.set(keyOf(p.member_id), atom);
    return atom;
  });
  const { rows: ballots } = await db.execute<{ id: string; ballot_key: string | null }>(sql`
    select b.id, b.ballot_key from campaign_ballots b
     where b.org_id = ${orgId} and b.campaign_id = ${campaignId}
       and exists (select 1 from campaign_answers a where a.org_id = b.org_id and a.campaign_id = b.campaign_id and a.ballot_id = b.id)`);
  const ballotAtoms = new Map<string, number>();
  for (const b of ballots) {
    const atom = b.ballot_key ? atomOfKey.get(b.ballot_key) : undefined;
    // A ballot whose member has left the organisation (and the audience) belongs to no group any more.
    if (atom !== undefined) ballotAtoms.set(b.id, atom);
  }
  return { atoms, audienceAtoms, ballotAtoms, audienceIds: people.map((p) => p.member_id), keyOf };
}

type ParticipationRow = { group_key: string; status: string; audience: number | null; respondents: number | null };

/**
 * The response per group as shown: stored at close (the counts) and, while open, once a day (only the
 * step); either way every figure is a step, never a count (response-step.ts).
 */
export async function participationGroups(
  db: Tx,
  row: Pick<CampaignRow, 'orgId' | 'id' | 'status' | 'minGroup' | 'responseStep'>,
  teamNames?: Map<string, string>,
): Promise<ResultGroup[]> {
  const width = row.status === 'closed' ? row.minGroup : row.status === 'open' ? row.responseStep : null;
  if (width === null) return [];
  const { rows } = await db.execute<ParticipationRow>(sql`
    select group_key, status, audience, respondents from campaign_participation where org_id = ${row.orgId} and campaign_id = ${row.id}`);
  return rows.map((r) =>
    toGroup(
      r.group_key,
      r.status,
      r.audience,
      r.status === 'shown' && r.audience !== null && r.respondents !== null
        ? responseStep(r.audience, r.respondents, width)
        : null,
      teamNames,
    ),
  );
}

/** The response per group under the disclosure rule (over those who answered and over the people asked). */
export function decideParticipation(
  placed: Awaited<ReturnType<typeof placeBallots>>,
  k: number,
  people?: PeopleModel,
): ParticipationRow[] {
  const n = placed.atoms.atoms.length;
  const asked = countPerAtom(n, placed.audienceAtoms);
  const answered = countPerAtom(n, placed.ballotAtoms.values());
  const candidates = placed.atoms.candidates(asked);
  const decisions = decideGroups(answered, candidates, k, decidePeople(candidates, k, people ?? { asked, before: [] }));
  return candidates.map((g) => {
    const status = decisions.get(g.key)!;
    const sum = (counts: number[]) => g.atoms.reduce((s, i) => s + counts[i]!, 0);
    return {
      group_key: g.key,
      status,
      audience: status === 'shown' ? sum(asked) : null,
      respondents: status === 'shown' ? sum(answered) : null,
    };
  });
}

/**
 * Takes an open round's response as it stands, for the day: the groups under the rule, and for each shown
 * one only the lower end of its step. Nothing of it is exact, and it changes once a day at most.
 */
export async function recordResponse(tx: Tx, secret: string, orgId: string, campaignId: string, day: string) {
  const [org] = await tx
    .select({ k: organizations.resultsMinGroup })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const k = org!.k;
  const groups = decideParticipation(await placeBallots(tx, secret, orgId, campaignId), k);
  await tx
    .delete(campaignParticipation)
    .where(and(eq(campaignParticipation.orgId, orgId), eq(campaignParticipation.campaignId, campaignId)));
  if (groups.length > 0) {
    await tx.insert(campaignParticipation).values(
      groups.map((g) => ({
        orgId,
        campaignId,
        groupKey: g.group_key,
        status: g.status,
        audience: g.audience,
        respondents:
          g.audience !== null && g.respondents !== null ? responseStep(g.audience, g.respondents, k).min : null,
      })),
    );
  }
  await tx
    .update(campaigns)
    .set({ responseOn: day, responseStep: k })
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
}

export function toGroup(
  key: string,
  status: string,
  audience: number | null,
  response: Step | null,
  teamNames?: Map<string, string>,
): ResultGroup {
  const parsed = parseGroupKey(key);
  return {
    key,
    kind: parsed.kind,
    teamId: parsed.teamId,
    teamName: parsed.teamId ? (teamNames?.get(parsed.teamId) ?? null) : null,
    level: parsed.level,
    status: status as ResultGroup['status'],
    audience,
    response,
  };
}

// ---------- the background job: open, remind, close ----------

export { loadQuestions };

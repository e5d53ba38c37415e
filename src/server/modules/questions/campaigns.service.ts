/**
 * Campaigns of core questions: making one, calling it off, and reading them (the list and one campaign).
 * Beside it: the bank (bank.service.ts), opening a round (opening.service.ts), answering anonymously
 * (answers.service.ts; see questions.schema.ts for how), the response (participation.service.ts),
 * closing (closing.service.ts), results (results.service.ts) and the job (campaign-jobs.service.ts).
 */
import type { z } from 'zod';
import type { CampaignDetail, CampaignSummary, createCampaignBody } from '../../../contracts/questions.contract';
import { nextRoundDay } from '../../../contracts/questions.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { localDay } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { recordAudit } from '../org/org.service';
import { selectAnsweredBallotId, selectBallotAnswers, selectOwnMirrorAnswers } from './answers.repo';
import { ballotKeyer } from './ballots';
import { listBank } from './bank.service';
import {
  audienceRow,
  type CampaignRow,
  effectiveStatus,
  invalid,
  loadQuestions,
  lockCampaign,
  type QuestionsDeps,
} from './campaign-common';
import { openCampaign } from './opening.service';
import { participationGroups } from './participation.service';
import {
  countAudience,
  deleteCampaign,
  insertCampaign,
  insertCampaignQuestions,
  selectActiveTeamIds,
  selectCampaign,
  selectCampaignSummaries,
  selectOrganization,
  setCampaignSeries,
} from './rounds.repo';
import { steering } from './visibility';

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
    const rows = await selectActiveTeamIds(deps.db, tenant.orgId, input.audience.teamIds);
    const known = new Set(rows.map((r) => r.id));
    const i = input.audience.teamIds.findIndex((id) => !known.has(id));
    if (i >= 0) throw invalid(`body.audience.teamIds.${i}`, 'unknown_team', 'no such team');
  }
  const id = await deps.db.transaction(async (tx) => {
    const row = await insertCampaign(tx, {
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
    });
    if (input.repeat !== 'none') {
      await setCampaignSeries(tx, tenant.orgId, row.id, row.id);
      row.seriesId = row.id;
    }
    await insertCampaignQuestions(
      tx,
      chosen.map((q, position) => ({
        orgId: tenant.orgId,
        campaignId: row.id,
        position,
        questionKey: q.key,
        theme: q.theme,
        kind: q.kind,
        text: q.text,
        selfView: q.selfView,
      })),
    );
    await recordAudit(tx, tenant, 'campaign.created', 'campaign', row.id, {
      title: input.title,
      questions: chosen.length,
      repeat: input.repeat,
    });
    if (input.opensOn <= today) await openCampaign(tx, deps.secret, row, today);
    return row.id;
  });
  return findCampaign(deps, tenant, id);
}

/** A scheduled campaign that has not opened yet can be called off. */
export async function cancelCampaign(db: Db, tenant: TenantContext, campaignId: string) {
  await db.transaction(async (tx) => {
    const row = await lockCampaign(tx, tenant.orgId, campaignId);
    if (row.status !== 'scheduled')
      throw new AppError('campaign_not_open', 409, { detail: 'only a campaign that has not opened can be called off' });
    await deleteCampaign(tx, tenant.orgId, campaignId);
    await recordAudit(tx, tenant, 'campaign.cancelled', 'campaign', campaignId);
  });
}

/** Who may see a campaign at all: directors and admins always; others once it opened and they were asked, or when closed (results). */
function mayRead(tenant: TenantContext, row: CampaignRow, asked: boolean) {
  return steering(tenant) || asked || row.status === 'closed';
}

export async function listCampaigns(deps: QuestionsDeps, tenant: TenantContext): Promise<{ items: CampaignSummary[] }> {
  const rows = await selectCampaignSummaries(deps.db, tenant.orgId, tenant.memberId);
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
  return selectAnsweredBallotId(deps.db, tenant.orgId, campaignId, key);
}

export async function findCampaign(
  deps: QuestionsDeps,
  tenant: TenantContext,
  campaignId: string,
): Promise<CampaignDetail> {
  const row = await selectCampaign(deps.db, tenant.orgId, campaignId);
  if (!row) throw notFound();
  const asked = await audienceRow(deps.db, tenant.orgId, campaignId, tenant.memberId);
  if (!mayRead(tenant, row, Boolean(asked))) throw notFound();
  const org = await selectOrganization(deps.db, tenant.orgId);
  const today = localDay(tenant.timeZone);
  const status = effectiveStatus(row, today);
  const questions = await loadQuestions(deps.db, tenant.orgId, campaignId);
  let myAnswers: CampaignDetail['myAnswers'] = [];
  let mirror: CampaignDetail['mirror'] = null;
  if (asked && status === 'open') {
    const ballotId = await findBallotId(deps, tenant, campaignId);
    if (ballotId) {
      myAnswers = await selectBallotAnswers(deps.db, tenant.orgId, campaignId, ballotId);
    }
  }
  if (asked && asked.managedTeamIds.length > 0) {
    const selfQuestions = questions.filter((q) => q.selfView);
    if (selfQuestions.length > 0) {
      const own = await selectOwnMirrorAnswers(deps.db, tenant.orgId, campaignId, tenant.memberId);
      const answers = own.map((a) => ({ questionId: a.question_id, value: a.value }));
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

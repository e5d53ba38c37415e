/** Opening a round: who is asked (fixed with their groups when it opens) and scheduling a series' next round. */
import type { z } from 'zod';
import type { audienceSizeBody } from '../../../contracts/questions.contract';
import { nextRoundDay } from '../../../contracts/questions.contract';
import type { Db, Tx } from '../../db/client';
import type { TenantContext } from '../../lib/request-context';
import { notifyMembers } from '../notifications/notifications.service';
import type { CampaignRow } from './campaign-common';
import { levelOf } from './groups';
import { recordResponse } from './participation.service';
import {
  insertAudience,
  insertCampaignQuestions,
  insertCampaignReturningId,
  markCampaignOpen,
  type StaffRow,
  selectCampaignQuestionsUnordered,
  selectStaff,
} from './rounds.repo';

type AudienceChoice = Pick<CampaignRow, 'orgId' | 'audienceAll' | 'audienceTeamIds' | 'audienceRoles'>;

/** The staff a campaign with this audience asks if it opened now, with the teams that make their groups. */
async function staffAsked(tx: Tx, campaign: AudienceChoice): Promise<StaffRow[]> {
  const rows = await selectStaff(tx, campaign.orgId);
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
  await insertAudience(
    tx,
    asked.map((r) => ({
      orgId: campaign.orgId,
      campaignId: campaign.id,
      memberId: r.member_id,
      level: levelOf(r.roles, r.managed_team_ids.length > 0),
      teamIds: r.team_ids,
      managedTeamIds: r.managed_team_ids,
    })),
  );
  await markCampaignOpen(tx, campaign.orgId, campaign.id);
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
  const nextId = await insertCampaignReturningId(tx, {
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
  });
  const questions = await selectCampaignQuestionsUnordered(tx, campaign.orgId, campaign.id);
  await insertCampaignQuestions(
    tx,
    questions.map(({ id: _id, campaignId: _campaign, ...question }) => ({ ...question, campaignId: nextId })),
  );
}

import type { z } from 'zod';
import type { Action, createActionBody, updateActionBody } from '../../../contracts/questions.contract';
import type { Tx } from '../../db/client';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { findMemberNames, findTeamNames, recordAudit } from '../org/org.service';
import {
  type ActionRow,
  insertAction,
  selectActions,
  selectQuestionKey,
  setActionDone,
  updateActionOwnerName,
} from './actions.repo';
import type { QuestionsDeps } from './campaign-common';
import { parseGroupKey } from './groups';
import { hasParticipationGroup } from './results.repo';
import { selectCampaign } from './rounds.repo';
import { groupVisibility, mayActFor, steering } from './visibility';

// Actions that follow the results — what, who, by when — and are followed up in the next
// campaign on the same questions. The people of a group see the actions their answers led to.

const invalid = (path: string, code: string, message: string) =>
  new AppError('validation_failed', 400, { errors: [{ path, code, message }] });

export async function listActions(
  deps: QuestionsDeps,
  tenant: TenantContext,
  query: { campaignId?: string },
): Promise<{ items: Action[] }> {
  const rows = await selectActions(deps.db, tenant.orgId, query.campaignId);
  // Everyone sees the actions of the groups they belong to, whatever the results setting.
  const belongs = groupVisibility(tenant, 'own_groups', true);
  const visible = rows.filter((r) => belongs(r.group_key));
  const [teams, people] = await Promise.all([
    findTeamNames(
      deps.db,
      tenant.orgId,
      visible.flatMap((r) => parseGroupKey(r.group_key).teamId ?? []),
    ),
    findMemberNames(
      deps.db,
      tenant.orgId,
      visible.map((r) => r.created_by),
    ),
  ]);
  return { items: visible.map((r) => toAction(r, tenant, teams, people)) };
}

function toAction(
  r: ActionRow,
  tenant: TenantContext,
  teams: Map<string, string>,
  people: Map<string, string>,
): Action {
  const g = parseGroupKey(r.group_key);
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignTitle: r.campaign_title,
    questionId: r.question_id,
    questionKey: r.question_key,
    questionText: r.question_text,
    groupKey: r.group_key,
    // The web words the level; here the team's name, or '' for the organisation or a level.
    groupLabel: g.teamId ? (teams.get(g.teamId) ?? '') : '',
    what: r.what,
    ownerName: r.owner_name,
    dueOn: r.due_on,
    doneOn: r.done_on,
    doneNote: r.done_note,
    createdByName: people.get(r.created_by) ?? '',
    canEdit:
      r.created_by === tenant.memberId || r.owner_member_id === tenant.memberId || mayActFor(tenant, r.group_key),
  };
}

export async function createAction(
  deps: QuestionsDeps,
  tenant: TenantContext,
  campaignId: string,
  input: z.output<typeof createActionBody>,
): Promise<Action> {
  const id = await deps.db.transaction(async (tx) => {
    const campaign = await selectCampaign(tx, tenant.orgId, campaignId);
    if (!campaign) throw notFound();
    if (campaign.status !== 'closed') throw new AppError('campaign_not_closed', 409);
    if (!(await hasParticipationGroup(tx, tenant.orgId, campaignId, input.groupKey)))
      throw invalid('body.groupKey', 'unknown_group', 'no such group in this campaign');
    if (!mayActFor(tenant, input.groupKey)) throw forbidden();
    let questionKey: string | null = null;
    if (input.questionId) {
      const key = await selectQuestionKey(tx, tenant.orgId, campaignId, input.questionId);
      if (key === undefined) throw invalid('body.questionId', 'unknown_question', 'not a question of this campaign');
      questionKey = key;
    }
    let ownerName = input.ownerName;
    if (input.ownerMemberId) {
      const names = await findMemberNames(tx, tenant.orgId, [input.ownerMemberId]);
      if (!names.has(input.ownerMemberId)) throw invalid('body.ownerMemberId', 'unknown_member', 'no such member');
      ownerName = names.get(input.ownerMemberId)!;
    }
    if (!ownerName) ownerName = (await findMemberNames(tx, tenant.orgId, [tenant.memberId])).get(tenant.memberId) ?? '';
    const id = await insertAction(tx, {
      orgId: tenant.orgId,
      campaignId,
      questionId: input.questionId,
      questionKey,
      groupKey: input.groupKey,
      what: input.what,
      ownerMemberId: input.ownerMemberId,
      ownerName,
      dueOn: input.dueOn,
      createdBy: tenant.memberId,
    });
    await recordAudit(tx, tenant, 'campaign_action.created', 'campaign_action', id, {
      campaignId,
      groupKey: input.groupKey,
    });
    return id;
  });
  return findAction(deps, tenant, id);
}

async function findAction(deps: QuestionsDeps, tenant: TenantContext, actionId: string): Promise<Action> {
  const found = (await listActions(deps, tenant, {})).items.find((a) => a.id === actionId);
  if (!found) throw notFound();
  return found;
}

export async function updateAction(
  deps: QuestionsDeps,
  tenant: TenantContext,
  actionId: string,
  input: z.output<typeof updateActionBody>,
): Promise<Action> {
  const action = await findAction(deps, tenant, actionId);
  if (!action.canEdit && !steering(tenant)) throw forbidden();
  await deps.db.transaction(async (tx) => {
    await setActionDone(tx, tenant.orgId, actionId, {
      done: input.done,
      doneNote: input.doneNote ?? null,
      timeZone: tenant.timeZone,
    });
    await recordAudit(
      tx,
      tenant,
      input.done ? 'campaign_action.done' : 'campaign_action.reopened',
      'campaign_action',
      actionId,
    );
  });
  return findAction(deps, tenant, actionId);
}

/** Erasure of a member who left: actions they own keep their place, under the placeholder's name. */
export async function renameActionOwner(tx: Tx, orgId: string, memberId: string, name: string): Promise<void> {
  await updateActionOwnerName(tx, orgId, memberId, name);
}

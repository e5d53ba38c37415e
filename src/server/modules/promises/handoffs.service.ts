import type { StepComment } from '../../../contracts/promises.contract';
import { type Db, readTogether, type Tx } from '../../db/client';
import { forbidden, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { notifyMembers } from '../notifications/notifications.service';
import * as org from '../org/org.service';
import { inTeam, invalid, leadsStep, loadVisible, membersOfTeam, settled, workable } from './promise-view';
import * as repo from './promises.repo';
import { stepAction, stepClosed } from './steps.service';

// Hand-offs between people: a member of the team a step was handed to takes it ("Ik pak dit op"), its
// manager gives it to someone else or hands it back to the team; and the two teams of a step (the one
// doing it and the one it hands its work to) talk about it in comments.

/**
 * Who has the step: `memberId` null hands it back to the team. A member takes an untaken step for
 * themselves; its holder hands it back; its team's manager (or a director) gives it to any active
 * member of the team, or hands it back.
 */
export async function setStepOwner(
  db: Db,
  tenant: TenantContext,
  promiseId: string,
  stepId: string,
  memberId: string | null,
) {
  return stepAction(db, tenant, promiseId, stepId, async (tx, { promise, step }) => {
    const leads = leadsStep(tenant, step);
    const taking = memberId === tenant.memberId && step.ownerMemberId === null && inTeam(tenant, step.teamId);
    const handingBack = memberId === null && step.ownerMemberId === tenant.memberId;
    if (!leads && !taking && !handingBack) throw forbidden();
    if (step.kind === 'handoff' && promise.outcome !== null) throw settled();
    if (!workable(step, promise)) throw stepClosed();
    if (memberId === step.ownerMemberId) return;
    if (memberId && !(await membersOfTeam(tx, tenant.orgId, step.teamId, [memberId])).size)
      throw invalid('body.memberId', 'not_in_team', 'the one who has a step is an active member of its team');
    const now = new Date();
    await repo.updateStep(tx, tenant.orgId, step.id, {
      ownerMemberId: memberId,
      // Taking a step takes it up for the team too.
      ...(memberId && step.acceptedAt === null && step.kind === 'handoff'
        ? { acceptedAt: now, acceptedBy: memberId, sentBackAt: null, sentBackBy: null, sentBackReason: null }
        : {}),
    });
    const kind = memberId === null ? 'handed_back' : memberId === tenant.memberId ? 'taken' : 'assigned';
    await repo.insertEvent(tx, tenant.orgId, {
      promiseId,
      stepId,
      kind,
      data: { from: step.ownerMemberId, to: memberId },
      by: tenant.memberId,
    });
    // Given a step by someone else: they are told, so it does not wait unseen in the work list.
    if (kind === 'assigned' && memberId)
      await notifyMembers(tx, tenant.orgId, [memberId], 'step_assigned', await noticeData(tx, tenant, promise, step));
  });
}

/** What a notice about a step says: the step, its promise, the team doing it, and who acted. */
async function noticeData(tx: Tx, tenant: TenantContext, promise: { id: string; what: string }, step: repo.StepRow) {
  const [names, teams] = await readTogether(tx, [
    () => org.findMemberNames(tx, tenant.orgId, [tenant.memberId]),
    () => org.findTeamNames(tx, tenant.orgId, [step.teamId]),
  ]);
  return {
    promiseId: promise.id,
    stepId: step.id,
    what: step.what,
    promiseWhat: promise.what,
    teamName: teams.get(step.teamId) ?? '',
    memberId: tenant.memberId,
    memberName: names.get(tenant.memberId) ?? '',
  };
}

async function commentsOf(tx: Tx, tenant: TenantContext, step: repo.StepRow): Promise<StepComment[]> {
  const rows = await repo.selectComments(tx, tenant.orgId, step.id);
  const authors = [...new Set(rows.map((r) => r.authorId))];
  const [names, teams] = await readTogether(tx, [
    () => org.findMemberNames(tx, tenant.orgId, authors),
    () => sidesOf(tx, tenant.orgId, step, authors),
  ]);
  return rows.map((r) => ({
    id: r.id,
    by: { id: r.authorId, name: names.get(r.authorId) ?? '' },
    side: teams.team.has(r.authorId) ? 'team' : teams.receiver.has(r.authorId) ? 'receiver' : null,
    body: r.body,
    at: r.at.toISOString(),
  }));
}

/** Which of these members are (active) members of the step's team, and of the team it hands its work to. */
async function sidesOf(tx: Tx, orgId: string, step: repo.StepRow, memberIds: string[]) {
  const [team, receiver] = await readTogether(tx, [
    () => membersOfTeam(tx, orgId, step.teamId, memberIds),
    async () => (step.receiverTeamId ? membersOfTeam(tx, orgId, step.receiverTeamId, memberIds) : new Set<string>()),
  ]);
  return { team, receiver };
}

async function findStep(tx: Tx, tenant: TenantContext, promiseId: string, stepId: string) {
  const found = await loadVisible(tx, tenant, promiseId);
  const step = found.steps.find((s) => s.id === stepId);
  if (!step) throw notFound();
  return { ...found, step };
}

/** The comments on a step, oldest first: for everyone who may see its promise. */
export async function listComments(db: Db, tenant: TenantContext, promiseId: string, stepId: string) {
  const { step } = await findStep(db, tenant, promiseId, stepId);
  return { items: await commentsOf(db, tenant, step) };
}

/**
 * A comment on a step, by anyone who may see its promise. The other side is told: when the team
 * doing the step writes, the receiving team's manager and its members who commented before; when
 * the receiving team writes, whoever has the step (or else the doing team's manager) and its members
 * who commented before; someone of neither team tells both.
 */
export async function addComment(db: Db, tenant: TenantContext, promiseId: string, stepId: string, body: string) {
  return db.transaction(async (tx) => {
    const { promise, step } = await findStep(tx, tenant, promiseId, stepId);
    const earlier = await repo.selectComments(tx, tenant.orgId, step.id);
    await repo.insertComment(tx, tenant.orgId, { promiseId, stepId, authorId: tenant.memberId, body });
    const commenters = [...new Set(earlier.map((c) => c.authorId))];
    const sides = await sidesOf(tx, tenant.orgId, step, [tenant.memberId, ...commenters]);
    const told: string[] = [];
    if (!sides.team.has(tenant.memberId)) {
      const managers = await org.findManagerIdsOfTeams(tx, tenant.orgId, [step.teamId]);
      told.push(...(step.ownerMemberId ? [step.ownerMemberId] : managers));
      told.push(...commenters.filter((id) => sides.team.has(id)));
    }
    if (step.receiverTeamId && !sides.receiver.has(tenant.memberId)) {
      told.push(...(await org.findManagerIdsOfTeams(tx, tenant.orgId, [step.receiverTeamId])));
      told.push(...commenters.filter((id) => sides.receiver.has(id)));
    }
    await notifyMembers(
      tx,
      tenant.orgId,
      told.filter((id) => id !== tenant.memberId),
      'step_comment',
      {
        ...(await noticeData(tx, tenant, promise, step)),
        comment: body.length > 200 ? `${body.slice(0, 199)}…` : body,
      },
    );
    return { items: await commentsOf(tx, tenant, step) };
  });
}

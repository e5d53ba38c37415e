import type { PromiseSummary, WorkItem } from '../../../contracts/promises.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { addDays, localDay, weekOf } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { notifyMembers } from '../notifications/notifications.service';
import * as org from '../org/org.service';
import * as lists from './promise-lists.repo';
import {
  dayCursor,
  dayOfCursor,
  inTeam,
  invalid,
  loadDetail,
  loadStepsOf,
  loadVisible,
  settled,
  steering,
  stepContext,
  stepDto,
} from './promise-view';
import * as repo from './promises.repo';

// The hand-offs of promises: my teams' work list, and working a step (taking it up, done, sent
// back, rated).

/**
 * My teams' steps (or the ones I have): open ones soonest first (the work list), or done ones latest
 * first; late ones, or those due this week (Monday to Sunday on the organisation's clock), when asked.
 */
export async function workList(
  db: Db,
  tenant: TenantContext,
  query: {
    teamId?: string;
    state: 'open' | 'done';
    scope?: 'team' | 'mine';
    due?: 'late' | 'this_week';
    limit: number;
    cursor?: string;
  },
) {
  if (query.teamId && !inTeam(tenant, query.teamId) && !steering(tenant)) throw forbidden();
  const mine = query.scope === 'mine';
  const teams = query.teamId ? [query.teamId] : mine ? null : tenant.teamIds;
  if (teams?.length === 0) return { items: [], nextCursor: null };
  const today = localDay(tenant.timeZone);
  const monday = weekOf(today);
  const rows = await lists.selectWorkSteps(
    db,
    tenant.orgId,
    {
      teamIds: teams,
      ownerId: mine ? tenant.memberId : null,
      state: query.state,
      late: query.due === 'late',
      dueBetween: query.due === 'this_week' ? { from: monday, to: addDays(monday, 6) } : null,
      today,
    },
    dayOfCursor(query.cursor),
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const promiseIds = [...new Set(page.map((r) => r.promise_id))];
  const summaries = promiseIds.length
    ? await lists.selectSummaries(db, tenant.orgId, today, {
        variant: 'among',
        where: ($) => [lists.promiseAmong($('promiseIds'))],
        values: { promiseIds },
        order: 'asc',
        limit: promiseIds.length,
      })
    : [];
  const byPromise = new Map(summaries.map((s) => [s.id, s]));
  const { promises: promiseRows, steps } = await loadStepsOf(db, tenant.orgId, promiseIds);
  const ctx = await stepContext(db, tenant, steps);
  const stepById = new Map(steps.map((s) => [s.id, s]));
  const joinedAt = await org.findMemberJoinedAt(db, tenant.orgId, tenant.memberId);
  const joinedOn = joinedAt ? localDay(tenant.timeZone, joinedAt) : null;
  const items: WorkItem[] = page.map((r) => {
    const step = stepById.get(r.id)!;
    const promise = promiseRows.get(r.promise_id)!;
    const summary = byPromise.get(r.promise_id)!;
    return {
      step: stepDto(step, { tenant, today, promise, ...ctx }),
      promise: {
        id: summary.id,
        what: summary.what,
        customer: summary.customer_name,
        dueDate: summary.due_date,
        status: summary.status as PromiseSummary['status'],
      },
      yours: !joinedOn || step.dueDate >= joinedOn,
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? dayCursor(last.day, last.id) : null };
}

// ---------- working a step ----------

export async function stepAction<T>(
  db: Db,
  tenant: TenantContext,
  promiseId: string,
  stepId: string,
  act: (tx: Tx, found: { promise: repo.PromiseRow; steps: repo.StepRow[]; step: repo.StepRow }) => Promise<T>,
) {
  return db.transaction(async (tx) => {
    const { promise, steps } = await loadVisible(tx, tenant, promiseId);
    const step = steps.find((s) => s.id === stepId);
    if (!step) throw notFound();
    await act(tx, { promise, steps, step });
    return loadDetail(tx, tenant, promiseId);
  });
}

export const mayWork = (tenant: TenantContext, step: repo.StepRow) => inTeam(tenant, step.teamId) || steering(tenant);
export const stepClosed = () => new AppError('step_closed', 409);

export async function acceptStep(db: Db, tenant: TenantContext, promiseId: string, stepId: string) {
  return stepAction(db, tenant, promiseId, stepId, async (tx, { promise, step }) => {
    if (step.kind !== 'handoff' || !mayWork(tenant, step)) throw forbidden();
    if (promise.outcome !== null) throw settled();
    if (step.doneOn !== null) throw stepClosed();
    // Accepted once: a second accept (a double tap, a retry, or at the same moment) changes nothing.
    if (step.acceptedAt !== null) return;
    const updated = await repo.acceptOpenStep(tx, tenant.orgId, step.id, {
      acceptedAt: new Date(),
      acceptedBy: tenant.memberId,
      sentBackAt: null,
      sentBackBy: null,
      sentBackReason: null,
    });
    if (updated.length === 0) {
      const now = (await repo.selectSteps(tx, tenant.orgId, promiseId)).find((s) => s.id === step.id);
      if (!now || now.doneOn !== null) throw stepClosed();
      return;
    }
    await repo.insertEvent(tx, tenant.orgId, { promiseId, stepId, kind: 'accepted', by: tenant.memberId });
  });
}

/** Done, once: of two people completing the same step at the same moment, the second is told it was done. */
export async function completeStep(
  db: Db,
  tenant: TenantContext,
  promiseId: string,
  stepId: string,
  body: { reactionText?: string; reactionScore?: number },
) {
  return stepAction(db, tenant, promiseId, stepId, async (tx, { promise, step }) => {
    const handoff = step.kind === 'handoff';
    if (!(mayWork(tenant, step) || (!handoff && promise.madeBy === tenant.memberId))) throw forbidden();
    if (handoff && promise.outcome !== null) throw settled();
    if (handoff && (body.reactionText || body.reactionScore))
      throw invalid(
        'body.reactionScore',
        'not_aftersales',
        "a customer's reaction goes with the follow-up after delivery",
      );
    const now = new Date();
    const updated = await repo.updateOpenStep(tx, tenant.orgId, step.id, {
      doneOn: localDay(tenant.timeZone, now),
      doneAt: now,
      doneBy: tenant.memberId,
      acceptedAt: step.acceptedAt ?? now,
      acceptedBy: step.acceptedBy ?? tenant.memberId,
      sentBackAt: null,
      sentBackBy: null,
      sentBackReason: null,
      ...(handoff
        ? {}
        : { reactionText: body.reactionText?.trim() || null, reactionScore: body.reactionScore ?? null }),
    });
    if (updated.length === 0) throw stepClosed();
    await repo.insertEvent(tx, tenant.orgId, {
      promiseId,
      stepId,
      kind: handoff ? 'done' : 'reaction',
      data: handoff
        ? { late: updated[0]!.doneOn! > step.dueDate }
        : { reactionScore: body.reactionScore ?? null, reactionText: body.reactionText ?? null },
      by: tenant.memberId,
    });
  });
}

/**
 * Sends a hand-off back with a reason: the work it depends on was not right. The step before it (the
 * team that handed it over) is opened again; the first step goes back to the maker of the promise.
 */
export async function sendBackStep(db: Db, tenant: TenantContext, promiseId: string, stepId: string, reason: string) {
  return stepAction(db, tenant, promiseId, stepId, async (tx, { promise, steps, step }) => {
    if (step.kind !== 'handoff' || !mayWork(tenant, step)) throw forbidden();
    if (promise.outcome !== null) throw settled();
    const updated = await repo.updateOpenStep(tx, tenant.orgId, step.id, {
      acceptedAt: null,
      acceptedBy: null,
      sentBackAt: new Date(),
      sentBackBy: tenant.memberId,
      sentBackReason: reason,
    });
    if (updated.length === 0) throw stepClosed();
    const before = steps.filter((s) => s.kind === 'handoff' && s.position < step.position).at(-1);
    if (before?.doneOn)
      await repo.updateStep(tx, tenant.orgId, before.id, { doneOn: null, doneAt: null, doneBy: null });
    await repo.insertEvent(tx, tenant.orgId, {
      promiseId,
      stepId,
      kind: 'sent_back',
      data: { reason, reopened: before?.id ?? null },
      by: tenant.memberId,
    });
    const told = before
      ? [
          ...(before.ownerMemberId ? [before.ownerMemberId] : []),
          ...(await org.findManagerIdsOfTeams(tx, tenant.orgId, [before.teamId])),
        ]
      : [promise.madeBy];
    const teams = await org.findTeamNames(tx, tenant.orgId, [step.teamId]);
    await notifyMembers(
      tx,
      tenant.orgId,
      told.filter((id) => id !== tenant.memberId),
      'step_sent_back',
      { promiseId, stepId, what: step.what, promiseWhat: promise.what, teamName: teams.get(step.teamId) ?? '', reason },
    );
  });
}

export async function rateStep(
  db: Db,
  tenant: TenantContext,
  promiseId: string,
  stepId: string,
  body: { score: number; comment?: string },
) {
  return stepAction(db, tenant, promiseId, stepId, async (tx, { step }) => {
    // Only the receiving team rates the service it got, and only once it got it.
    if (step.kind !== 'handoff' || !inTeam(tenant, step.receiverTeamId)) throw forbidden();
    if (step.doneOn === null) throw stepClosed();
    const rated = await repo.insertRating(tx, tenant.orgId, {
      stepId,
      giverTeamId: step.teamId,
      receiverTeamId: step.receiverTeamId!,
      handoffDay: step.doneOn!,
      score: body.score,
      comment: body.comment?.trim() || null,
      by: tenant.memberId,
    });
    if (!rated) throw new AppError('already_rated', 409);
    await repo.insertEvent(tx, tenant.orgId, {
      promiseId,
      stepId,
      kind: 'rated',
      data: { score: body.score },
      by: tenant.memberId,
    });
  });
}

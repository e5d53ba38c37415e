import type { z } from 'zod';
import type { Customer, createPromiseBody } from '../../../contracts/promises.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, forbidden } from '../../lib/app-error';
import { addDays, daysBetween, localDay } from '../../lib/days';
import { runIdempotent } from '../../lib/idempotency';
import type { TenantContext } from '../../lib/request-context';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers } from '../notifications/notifications.service';
import * as org from '../org/org.service';
import { findOffering } from '../values/values.service';
import * as customersRepo from './customers.repo';
import { checkGuidelines, type GuidelineBreach, promiseStatus } from './promise-rules';
import { invalid, loadDetail, loadVisible, managesTeam, membersOfTeam, settled, steering } from './promise-view';
import * as repo from './promises.repo';

// Module 4: promises to customers (afspraken): recording one, and the promise as a whole (a new day,
// delivery and the follow-up after it). Its lists are in promise-lists.service.ts, the work on its
// hand-offs in steps.service.ts.

// ---------- the guidelines ----------

/** What a promise would break, before it is saved: the screen shows it and asks for a reason. */
export async function guidelineBreaches(
  db: Tx,
  tenant: TenantContext,
  input: { offeringId: string | null; dueDate: string; conditionsMet?: string[] },
): Promise<GuidelineBreach[]> {
  const offering = input.offeringId ? await findOffering(db, tenant.orgId, input.offeringId) : undefined;
  if (input.offeringId && !offering) throw invalid('body.offeringId', 'unknown_offering', 'no such offering');
  return checkGuidelines({
    offering: offering
      ? { leadTimeDays: offering.leadTimeDays, conditions: offering.conditions, retired: offering.retiredAt !== null }
      : null,
    today: localDay(tenant.timeZone),
    dueDate: input.dueDate,
    conditionsMet: input.conditionsMet ?? [],
  });
}

// ---------- customers ----------

export async function searchCustomers(
  db: Db,
  tenant: TenantContext,
  q: string | undefined,
): Promise<{ items: Customer[] }> {
  const rows = await customersRepo.searchCustomers(db, tenant.orgId, q, 20);
  // A forgotten customer is not offered again: their code means nothing to the person typing a name.
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      contactPerson: r.contact_person,
      segment: r.segment,
      pseudonymised: false,
    })),
  };
}

// ---------- recording a promise ----------

export async function activeTeamIds(tx: Tx, orgId: string, teamIds: string[]) {
  return new Set(await repo.selectActiveTeamIds(tx, orgId, teamIds));
}

export async function createPromise(
  db: Db,
  tenant: TenantContext,
  input: z.output<typeof createPromiseBody>,
  key: string | undefined,
) {
  const today = localDay(tenant.timeZone);
  if (input.dueDate < today) throw invalid('body.dueDate', 'in_the_past', 'the promised day has passed');
  for (const [i, step] of input.steps.entries()) {
    if (step.dueDate < today)
      throw invalid(`body.steps.${i}.dueDate`, 'in_the_past', 'the day of this step has passed');
    if (step.dueDate > input.dueDate)
      throw invalid(`body.steps.${i}.dueDate`, 'after_promise', 'a hand-off is due on or before the promised day');
  }
  return runIdempotent(db, { orgId: tenant.orgId, memberId: tenant.memberId, key, request: input }, async (tx) => {
    const teamIds = [...new Set([input.ownerTeamId, ...input.steps.map((s) => s.teamId)])];
    const known = await activeTeamIds(tx, tenant.orgId, teamIds);
    if (!known.has(input.ownerTeamId)) throw invalid('body.ownerTeamId', 'unknown_team', 'no such team');
    for (const [i, step] of input.steps.entries()) {
      if (!known.has(step.teamId)) throw invalid(`body.steps.${i}.teamId`, 'unknown_team', 'no such team');
      if (step.ownerMemberId && !(await membersOfTeam(tx, tenant.orgId, step.teamId, [step.ownerMemberId])).size) {
        throw invalid(
          `body.steps.${i}.ownerMemberId`,
          'not_in_team',
          'the owner of a step is an active member of its team',
        );
      }
    }
    const breaches = await guidelineBreaches(tx, tenant, input);
    const reason = input.breachReason?.trim() || null;
    if (breaches.length && !reason) {
      throw new AppError('guideline_reason_required', 400, {
        errors: breaches.map((b) => ({ path: 'body.breachReason', code: b.code, message: describeBreach(b) })),
      });
    }
    const customer =
      'id' in input.customer
        ? await customersRepo.selectCustomer(tx, tenant.orgId, input.customer.id)
        : await customersRepo.insertCustomer(tx, tenant.orgId, {
            name: input.customer.name,
            contactPerson: input.customer.contactPerson ?? null,
            segment: input.customer.segment ?? null,
            createdBy: tenant.memberId,
          });
    if (!customer) throw invalid('body.customer.id', 'unknown_customer', 'no such customer');
    const makerTeamId = tenant.teamIds.includes(input.ownerTeamId) ? input.ownerTeamId : (tenant.teamIds[0] ?? null);
    const promise = await repo.insertPromise(tx, tenant.orgId, {
      customerId: customer.id,
      what: input.what,
      dueDate: input.dueDate,
      offeringId: input.offeringId,
      ownerTeamId: input.ownerTeamId,
      madeBy: tenant.memberId,
      makerTeamId,
      breaches,
      breachReason: breaches.length ? reason : null,
      conditionsMet: input.conditionsMet,
    });
    await repo.insertSteps(
      tx,
      tenant.orgId,
      input.steps.map((s, position) => {
        const receiver = input.steps[position + 1]?.teamId ?? makerTeamId;
        return {
          promiseId: promise.id,
          position,
          kind: 'handoff',
          teamId: s.teamId,
          receiverTeamId: receiver === s.teamId ? null : receiver,
          what: s.what,
          dueDate: s.dueDate,
          ownerMemberId: s.ownerMemberId ?? null,
        };
      }),
    );
    await repo.insertEvent(tx, tenant.orgId, {
      promiseId: promise.id,
      kind: 'made',
      data: { dueDate: input.dueDate, breaches, reason: breaches.length ? reason : null },
      by: tenant.memberId,
    });
    if (breaches.length) {
      const managers = await org.findManagerIdsOfTeams(tx, tenant.orgId, [input.ownerTeamId]);
      const names = await org.findMemberNames(tx, tenant.orgId, [tenant.memberId]);
      await notifyMembers(
        tx,
        tenant.orgId,
        managers.filter((id) => id !== tenant.memberId),
        'promise_breaks_guideline',
        {
          promiseId: promise.id,
          what: input.what,
          customerName: customer.name,
          memberId: tenant.memberId,
          memberName: names.get(tenant.memberId) ?? '',
          breaches,
          reason,
        },
      );
    }
    return { status: 201, body: await loadDetail(tx, tenant, promise.id) };
  });
}

/** A breach in plain words, for the API's field errors (the screens word it themselves). */
function describeBreach(b: GuidelineBreach): string {
  if (b.code === 'outside_profile') return 'the promise is outside the offer profile';
  if (b.code === 'lead_time') return `promised in ${b.days} days; the offering needs at least ${b.minimumDays}`;
  return `condition not met: ${b.condition}`;
}

export async function findPromise(db: Db, tenant: TenantContext, promiseId: string) {
  return loadDetail(db, tenant, promiseId);
}

// ---------- the promise as a whole ----------

async function promiseAction(
  db: Db,
  tenant: TenantContext,
  promiseId: string,
  act: (tx: Tx, found: { promise: repo.PromiseRow; steps: repo.StepRow[]; today: string }) => Promise<void>,
) {
  return db.transaction(async (tx) => {
    const { promise, steps } = await loadVisible(tx, tenant, promiseId, true);
    const leads = steering(tenant) || promise.madeBy === tenant.memberId || managesTeam(tenant, promise.ownerTeamId);
    if (!leads) throw forbidden();
    if (promise.outcome !== null) throw settled();
    await act(tx, { promise, steps, today: localDay(tenant.timeZone) });
    return loadDetail(tx, tenant, promiseId);
  });
}

/**
 * A new day agreed with the customer. The old one stays in the history; the open hand-offs move
 * along by as many days (never into the past, never after the new day), and their reminders start over.
 */
export async function renegotiate(
  db: Db,
  tenant: TenantContext,
  promiseId: string,
  body: { dueDate: string; reason: string },
) {
  return promiseAction(db, tenant, promiseId, async (tx, { promise, steps, today }) => {
    if (body.dueDate < today) throw invalid('body.dueDate', 'in_the_past', 'the new day has passed');
    if (body.dueDate === promise.dueDate)
      throw invalid('body.dueDate', 'unchanged', 'that is the day already promised');
    const shift = daysBetween(promise.dueDate, body.dueDate);
    const moved: { stepId: string; from: string; to: string }[] = [];
    for (const step of steps) {
      if (step.kind !== 'handoff' || step.doneOn !== null) continue;
      let due = addDays(step.dueDate, shift);
      if (due < today) due = today;
      if (due > body.dueDate) due = body.dueDate;
      if (due === step.dueDate) continue;
      await repo.updateStep(tx, tenant.orgId, step.id, { dueDate: due });
      moved.push({ stepId: step.id, from: step.dueDate, to: due });
    }
    if (moved.length) {
      await repo.deleteStepReminders(
        tx,
        tenant.orgId,
        moved.map((m) => m.stepId),
      );
    }
    await repo.updatePromise(tx, tenant.orgId, promiseId, {
      dueDate: body.dueDate,
      renegotiations: promise.renegotiations + 1,
    });
    await repo.insertEvent(tx, tenant.orgId, {
      promiseId,
      kind: 'renegotiated',
      data: { from: promise.dueDate, to: body.dueDate, reason: body.reason, steps: moved },
      by: tenant.memberId,
    });
  });
}

/** The maker confirms the customer has it: kept when every hand-off was on time and delivery by the day. */
export async function confirmDelivery(
  db: Db,
  tenant: TenantContext,
  promiseId: string,
  body: { deliveredOn?: string; followUp?: { teamId: string; what: string; dueDate: string } | null },
) {
  return promiseAction(db, tenant, promiseId, async (tx, { promise, steps, today }) => {
    const deliveredOn = body.deliveredOn ?? today;
    if (deliveredOn > today)
      throw invalid('body.deliveredOn', 'in_the_future', 'delivery can be confirmed once it happened');
    if (deliveredOn < localDay(tenant.timeZone, promise.createdAt))
      throw invalid('body.deliveredOn', 'before_promise', 'delivered before it was promised');
    if (steps.some((s) => s.kind === 'handoff' && s.doneOn === null)) throw new AppError('steps_not_done', 409);
    const outcome = promiseStatus({
      dueDate: promise.dueDate,
      deliveredOn,
      today,
      steps: steps.map((s) => ({
        kind: s.kind === 'aftersales' ? 'aftersales' : 'handoff',
        dueDate: s.dueDate,
        accepted: s.acceptedAt !== null,
        doneOn: s.doneOn,
      })),
    });
    await repo.updatePromise(tx, tenant.orgId, promiseId, { deliveredOn, deliveredBy: tenant.memberId, outcome });
    if (outcome === 'broken')
      await emitEvent(tx, tenant.orgId, 'promise.broken', {
        promiseId,
        what: promise.what,
        dueDate: promise.dueDate,
        deliveredOn,
      });
    if (body.followUp) {
      if (body.followUp.dueDate < deliveredOn)
        throw invalid('body.followUp.dueDate', 'before_delivery', 'the follow-up comes after delivery');
      if (!(await activeTeamIds(tx, tenant.orgId, [body.followUp.teamId])).size)
        throw invalid('body.followUp.teamId', 'unknown_team', 'no such team');
      await repo.insertSteps(tx, tenant.orgId, [
        {
          promiseId,
          position: Math.max(...steps.map((s) => s.position)) + 1,
          kind: 'aftersales',
          teamId: body.followUp.teamId,
          receiverTeamId: null,
          what: body.followUp.what,
          dueDate: body.followUp.dueDate,
        },
      ]);
    }
    await repo.insertEvent(tx, tenant.orgId, {
      promiseId,
      kind: 'delivered',
      data: { deliveredOn, outcome },
      by: tenant.memberId,
    });
  });
}

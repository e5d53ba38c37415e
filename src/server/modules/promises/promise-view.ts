import type { PromiseDetail, PromiseStep, PromiseSummary } from '../../../contracts/promises.contract';
import { readTogether, type Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { localDay } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { isSteering } from '../../lib/roles';
import * as org from '../org/org.service';
import * as customersRepo from './customers.repo';
import * as lists from './promise-lists.repo';
import * as repo from './promises.repo';

// What the promise services share: who may see a promise, and a promise and its steps as the API
// shows them (with what the caller may do with each).

export const invalid = (path: string, code: string, message: string) =>
  new AppError('validation_failed', 400, { errors: [{ path, code, message }] });

/** Directors and administrators (lib/roles.ts). */
export const steering = isSteering;
export const inTeam = (tenant: TenantContext, teamId: string | null) =>
  teamId !== null && tenant.teamIds.includes(teamId);
export const managesTeam = (tenant: TenantContext, teamId: string) => tenant.managedTeamIds.includes(teamId);
export const settled = () => new AppError('promise_settled', 409);

/** Members of the team among these ids (active members only). */
export async function membersOfTeam(tx: Tx, orgId: string, teamId: string, memberIds: string[]) {
  if (memberIds.length === 0) return new Set<string>();
  return new Set(await repo.selectTeamMemberIds(tx, orgId, teamId, memberIds));
}

// ---------- reading one promise ----------

export function canSee(tenant: TenantContext, promise: repo.PromiseRow, steps: repo.StepRow[]) {
  if (steering(tenant) || promise.madeBy === tenant.memberId) return true;
  return [promise.ownerTeamId, promise.makerTeamId, ...steps.map((s) => s.teamId)].some((id) => inTeam(tenant, id));
}

export async function loadVisible(tx: Tx, tenant: TenantContext, promiseId: string, lock = false) {
  const promise = await repo.selectPromise(tx, tenant.orgId, promiseId, lock);
  if (!promise) throw notFound();
  const steps = await repo.selectSteps(tx, tenant.orgId, promiseId);
  if (!canSee(tenant, promise, steps)) throw notFound();
  return { promise, steps };
}

export interface StepContext {
  tenant: TenantContext;
  today: string;
  promise: Pick<repo.PromiseRow, 'madeBy' | 'outcome'>;
  teams: Map<string, string>;
  people: Map<string, string>;
  ratings: Map<string, { score: number; comment: string | null; by: string; at: string }>;
  comments: Map<string, number>;
}

/** A step that can still be worked: open, and (a hand-off) its promise not settled yet. */
export const workable = (step: repo.StepRow, promise: Pick<repo.PromiseRow, 'outcome'>) =>
  step.doneOn === null && (step.kind !== 'handoff' || promise.outcome === null);

/** Who may say who has a step: its team's manager, or a director. */
export const leadsStep = (tenant: TenantContext, step: repo.StepRow) =>
  managesTeam(tenant, step.teamId) || steering(tenant);

const personOf = (people: Map<string, string>, id: string | null) => (id ? { id, name: people.get(id) ?? '' } : null);

export function stepDto(step: repo.StepRow, ctx: StepContext): PromiseStep {
  const { tenant } = ctx;
  const mine = inTeam(tenant, step.teamId) || steering(tenant);
  const open = step.doneOn === null;
  const handoff = step.kind === 'handoff';
  const rating = ctx.ratings.get(step.id);
  return {
    id: step.id,
    position: step.position,
    kind: handoff ? 'handoff' : 'aftersales',
    team: { id: step.teamId, name: ctx.teams.get(step.teamId) ?? '' },
    receiverTeam: step.receiverTeamId
      ? { id: step.receiverTeamId, name: ctx.teams.get(step.receiverTeamId) ?? '' }
      : null,
    what: step.what,
    dueDate: step.dueDate,
    owner: personOf(ctx.people, step.ownerMemberId),
    accepted:
      step.acceptedAt && step.acceptedBy
        ? { by: personOf(ctx.people, step.acceptedBy)!, at: step.acceptedAt.toISOString() }
        : null,
    done:
      step.doneOn && step.doneAt && step.doneBy
        ? { by: personOf(ctx.people, step.doneBy)!, on: step.doneOn, at: step.doneAt.toISOString() }
        : null,
    sentBack:
      step.sentBackAt && step.sentBackReason && step.sentBackBy
        ? { by: personOf(ctx.people, step.sentBackBy)!, at: step.sentBackAt.toISOString(), reason: step.sentBackReason }
        : null,
    late: open && step.dueDate < ctx.today,
    reactionText: step.reactionText,
    reactionScore: step.reactionScore,
    comments: ctx.comments.get(step.id) ?? 0,
    rating: rating
      ? {
          score: rating.score,
          comment: rating.comment,
          by: personOf(ctx.people, rating.by)!,
          at: new Date(rating.at).toISOString(),
        }
      : null,
    can: {
      accept: handoff && open && ctx.promise.outcome === null && mine && step.acceptedAt === null,
      complete:
        open && (handoff ? ctx.promise.outcome === null && mine : mine || ctx.promise.madeBy === tenant.memberId),
      sendBack: handoff && open && ctx.promise.outcome === null && mine,
      rate: handoff && !open && !rating && inTeam(tenant, step.receiverTeamId),
      take: workable(step, ctx.promise) && inTeam(tenant, step.teamId) && step.ownerMemberId === null,
      handBack:
        workable(step, ctx.promise) &&
        step.ownerMemberId !== null &&
        (step.ownerMemberId === tenant.memberId || leadsStep(tenant, step)),
      reassign: workable(step, ctx.promise) && leadsStep(tenant, step),
    },
  };
}

/** The names and ratings the steps of these promises show. */
export async function stepContext(
  tx: Tx,
  tenant: TenantContext,
  steps: repo.StepRow[],
  extraPeople: string[] = [],
  extraTeams: string[] = [],
) {
  const stepIds = steps.map((s) => s.id);
  const [ratings, comments] = await readTogether(tx, [
    () => repo.selectRatings(tx, tenant.orgId, stepIds),
    () => repo.countComments(tx, tenant.orgId, stepIds),
  ]);
  const peopleIds = [
    ...extraPeople,
    ...steps.flatMap((s) => [s.ownerMemberId, s.acceptedBy, s.doneBy, s.sentBackBy]),
    ...ratings.map((r) => r.by),
  ].filter((id): id is string => id !== null);
  const teamIds = [...extraTeams, ...steps.flatMap((s) => [s.teamId, s.receiverTeamId])].filter(
    (id): id is string => id !== null,
  );
  const [people, teams] = await readTogether(tx, [
    () => org.findMemberNames(tx, tenant.orgId, [...new Set(peopleIds)]),
    () => org.findTeamNames(tx, tenant.orgId, [...new Set(teamIds)]),
  ]);
  return { people, teams, comments, ratings: new Map(ratings.map((r) => [r.step_id, r])) };
}

export function summaryDto(r: lists.SummaryRow): PromiseSummary {
  return {
    id: r.id,
    customer: { id: r.customer_id, name: r.customer_name },
    what: r.what,
    dueDate: r.due_date,
    offering: r.offering_id ? { id: r.offering_id, name: r.offering_name ?? '' } : null,
    ownerTeam: { id: r.owner_team_id, name: r.owner_team_name },
    madeBy: { id: r.made_by, name: r.maker_name },
    status: r.status as PromiseSummary['status'],
    breaches: r.breaches,
    renegotiations: r.renegotiations,
    deliveredOn: r.delivered_on,
    stepsDone: r.steps_done,
    stepsTotal: r.steps_total,
    nextStep: r.next_team_id
      ? { team: { id: r.next_team_id, name: r.next_team_name ?? '' }, what: r.next_what ?? '', dueDate: r.next_due! }
      : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function loadDetail(tx: Tx, tenant: TenantContext, promiseId: string): Promise<PromiseDetail> {
  const { promise, steps } = await loadVisible(tx, tenant, promiseId);
  const today = localDay(tenant.timeZone);
  const [summary] = await lists.selectSummaries(tx, tenant.orgId, today, {
    variant: 'one',
    where: ($) => [lists.promiseIs($('promiseId'))],
    values: { promiseId },
    order: 'asc',
    limit: 1,
  });
  const [customer, events] = await readTogether(tx, [
    () => customersRepo.selectCustomer(tx, tenant.orgId, promise.customerId),
    () => repo.selectEvents(tx, tenant.orgId, promiseId),
  ]);
  const ctx = await stepContext(
    tx,
    tenant,
    steps,
    events.map((e) => e.by).filter((id): id is string => id !== null),
    promise.makerTeamId ? [promise.makerTeamId] : [],
  );
  const context: StepContext = { tenant, today, promise, ...ctx };
  const settled = promise.outcome !== null;
  const leads = steering(tenant) || promise.madeBy === tenant.memberId || managesTeam(tenant, promise.ownerTeamId);
  return {
    ...summaryDto(summary!),
    customer: {
      id: customer!.id,
      name: customer!.name,
      contactPerson: customer!.contactPerson,
      segment: customer!.segment,
      pseudonymised: customer!.pseudonymisedAt !== null,
    },
    makerTeam: promise.makerTeamId ? { id: promise.makerTeamId, name: ctx.teams.get(promise.makerTeamId) ?? '' } : null,
    breachReason: promise.breachReason,
    conditionsMet: promise.conditionsMet,
    steps: steps.map((s) => stepDto(s, context)),
    history: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      stepId: e.stepId,
      data: e.data as Record<string, unknown>,
      by: personOf(ctx.people, e.by),
      at: e.at.toISOString(),
    })),
    can: { renegotiate: !settled && leads, deliver: !settled && leads },
  };
}

export const dayCursor = (day: string, id: string) => encodeCursor(`${day}T00:00:00Z`, id);
export function dayOfCursor(cursor: string | undefined) {
  const keyset = decodeCursor(cursor);
  return keyset ? { day: keyset.at.slice(0, 10), id: keyset.id } : undefined;
}

export async function loadStepsOf(tx: Tx, orgId: string, promiseIds: string[]) {
  const [promiseRows, steps] = await readTogether(tx, [
    () => repo.selectPromisesByIds(tx, orgId, promiseIds),
    () => repo.selectStepsOf(tx, orgId, promiseIds),
  ]);
  return { promises: new Map(promiseRows.map((p) => [p.id, p])), steps };
}

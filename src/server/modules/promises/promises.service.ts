import { isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Language } from '../../../contracts/constants';
import type {
  Customer,
  createPromiseBody,
  PromiseDetail,
  PromisePage,
  PromiseStep,
  PromiseSummary,
  promisesFilter,
  WorkItem,
} from '../../../contracts/promises.contract';
import type { Db, Tx } from '../../db/client';
import { promiseSteps } from '../../db/schema/promises.schema';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { toCsv } from '../../lib/csv';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { addDays, daysBetween, localDay } from '../../lib/days';
import { translate } from '../../lib/i18n';
import { runIdempotent } from '../../lib/idempotency';
import type { TenantContext } from '../../lib/request-context';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers } from '../notifications/notifications.service';
import * as org from '../org/org.service';
import { findOffering } from '../values/values.service';
import { checkGuidelines, type GuidelineBreach, promiseStatus } from './promise-rules';
import * as repo from './promises.repo';

// Module 4: promises to customers (afspraken), the hand-offs between teams that keep them, delivery
// and the follow-up after it.

const invalid = (path: string, code: string, message: string) =>
  new AppError('validation_failed', 400, { errors: [{ path, code, message }] });

const steering = (tenant: TenantContext) => tenant.roles.includes('director') || tenant.roles.includes('admin');
const inTeam = (tenant: TenantContext, teamId: string | null) => teamId !== null && tenant.teamIds.includes(teamId);
const managesTeam = (tenant: TenantContext, teamId: string) => tenant.managedTeamIds.includes(teamId);

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
  const rows = await repo.searchCustomers(db, tenant.orgId, q, 20);
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

/** Members of the team among these ids (active members only). */
async function membersOfTeam(tx: Tx, orgId: string, teamId: string, memberIds: string[]) {
  if (memberIds.length === 0) return new Set<string>();
  const { rows } = await tx.execute<{ member_id: string }>(sql`
    select tm.member_id from team_members tm join members m on m.org_id = tm.org_id and m.id = tm.member_id and m.status = 'active'
     where tm.org_id = ${orgId} and tm.team_id = ${teamId} and tm.member_id = any(${sql.param(memberIds)}::uuid[])`);
  return new Set(rows.map((r) => r.member_id));
}

async function activeTeamIds(tx: Tx, orgId: string, teamIds: string[]) {
  const { rows } = await tx.execute<{ id: string }>(sql`
    select id from teams where org_id = ${orgId} and archived_at is null and id = any(${sql.param(teamIds)}::uuid[])`);
  return new Set(rows.map((r) => r.id));
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
        ? await repo.selectCustomer(tx, tenant.orgId, input.customer.id)
        : await repo.insertCustomer(tx, tenant.orgId, {
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

// ---------- reading one promise ----------

function canSee(tenant: TenantContext, promise: repo.PromiseRow, steps: repo.StepRow[]) {
  if (steering(tenant) || promise.madeBy === tenant.memberId) return true;
  return [promise.ownerTeamId, promise.makerTeamId, ...steps.map((s) => s.teamId)].some((id) => inTeam(tenant, id));
}

async function loadVisible(tx: Tx, tenant: TenantContext, promiseId: string, lock = false) {
  const promise = await repo.selectPromise(tx, tenant.orgId, promiseId, lock);
  if (!promise) throw notFound();
  const steps = await repo.selectSteps(tx, tenant.orgId, promiseId);
  if (!canSee(tenant, promise, steps)) throw notFound();
  return { promise, steps };
}

interface StepContext {
  tenant: TenantContext;
  today: string;
  promise: Pick<repo.PromiseRow, 'madeBy' | 'outcome'>;
  teams: Map<string, string>;
  people: Map<string, string>;
  ratings: Map<string, { score: number; comment: string | null; by: string; at: string }>;
}

const personOf = (people: Map<string, string>, id: string | null) => (id ? { id, name: people.get(id) ?? '' } : null);

function stepDto(step: repo.StepRow, ctx: StepContext): PromiseStep {
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
    },
  };
}

/** The names and ratings the steps of these promises show. */
async function stepContext(
  tx: Tx,
  tenant: TenantContext,
  steps: repo.StepRow[],
  extraPeople: string[] = [],
  extraTeams: string[] = [],
) {
  const ratings = await repo.selectRatings(
    tx,
    tenant.orgId,
    steps.map((s) => s.id),
  );
  const peopleIds = [
    ...extraPeople,
    ...steps.flatMap((s) => [s.ownerMemberId, s.acceptedBy, s.doneBy, s.sentBackBy]),
    ...ratings.map((r) => r.by),
  ].filter((id): id is string => id !== null);
  const teamIds = [...extraTeams, ...steps.flatMap((s) => [s.teamId, s.receiverTeamId])].filter(
    (id): id is string => id !== null,
  );
  const [people, teams] = await Promise.all([
    org.findMemberNames(tx, tenant.orgId, [...new Set(peopleIds)]),
    org.findTeamNames(tx, tenant.orgId, [...new Set(teamIds)]),
  ]);
  return { people, teams, ratings: new Map(ratings.map((r) => [r.step_id, r])) };
}

function summaryDto(r: repo.SummaryRow): PromiseSummary {
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

async function loadDetail(tx: Tx, tenant: TenantContext, promiseId: string): Promise<PromiseDetail> {
  const { promise, steps } = await loadVisible(tx, tenant, promiseId);
  const today = localDay(tenant.timeZone);
  const [summary] = await repo.selectSummaries(tx, tenant.orgId, today, {
    where: [sql`p.id = ${promiseId}`],
    order: 'asc',
    limit: 1,
  });
  const [customer, events] = await Promise.all([
    repo.selectCustomer(tx, tenant.orgId, promise.customerId),
    repo.selectEvents(tx, tenant.orgId, promiseId),
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

export async function findPromise(db: Db, tenant: TenantContext, promiseId: string) {
  return loadDetail(db, tenant, promiseId);
}

// ---------- lists ----------

type Filter = z.output<z.ZodObject<typeof promisesFilter>>;

const ACTIVE = new Set(['open', 'in_progress', 'at_risk', 'renegotiated', 'active']);

function filterConditions(tenant: TenantContext, query: Filter): SQL[] {
  const where: SQL[] = [];
  if (query.scope === 'mine') where.push(sql`p.made_by = ${tenant.memberId}`);
  if (query.scope === 'all' && !steering(tenant)) throw forbidden();
  if (query.scope === 'team') {
    if (query.teamId && !inTeam(tenant, query.teamId) && !steering(tenant)) throw forbidden();
    const teams = query.teamId ? [query.teamId] : tenant.teamIds;
    where.push(sql`(p.owner_team_id = any(${sql.param(teams)}::uuid[]) or p.maker_team_id = any(${sql.param(teams)}::uuid[])
      or exists (select 1 from promise_steps s where s.org_id = p.org_id and s.promise_id = p.id and s.team_id = any(${sql.param(teams)}::uuid[])))`);
  }
  if (!steering(tenant)) where.push(repo.visibleTo(tenant.memberId, tenant.teamIds));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(p.what ilike ${like} or exists (select 1 from customers c2 where c2.org_id = p.org_id and c2.id = p.customer_id and c2.name ilike ${like}))`,
    );
  }
  if (query.flagged !== undefined)
    where.push(query.flagged ? sql`jsonb_array_length(p.breaches) > 0` : sql`jsonb_array_length(p.breaches) = 0`);
  if (query.handoffFrom || query.handoffTo) {
    // The promises behind one arrow of the chain: from/to then bound the hand-off's day, as in the chain.
    where.push(sql`exists (select 1 from promise_steps s where s.org_id = p.org_id and s.promise_id = p.id and s.kind = 'handoff'
      ${query.handoffFrom ? sql`and s.team_id = ${query.handoffFrom}` : sql``}
      ${query.handoffTo ? sql`and s.receiver_team_id = ${query.handoffTo}` : sql``}
      ${query.from ? sql`and coalesce(s.done_on, s.due_date) >= ${query.from}::date` : sql``}
      ${query.to ? sql`and coalesce(s.done_on, s.due_date) <= ${query.to}::date` : sql``})`);
  } else {
    if (query.from) where.push(sql`p.due_date >= ${query.from}::date`);
    if (query.to) where.push(sql`p.due_date <= ${query.to}::date`);
  }
  return where;
}

const dayCursor = (day: string, id: string) => encodeCursor(new Date(`${day}T00:00:00Z`), id);
function dayOfCursor(cursor: string | undefined) {
  const keyset = decodeCursor(cursor);
  return keyset ? { day: keyset.at.toISOString().slice(0, 10), id: keyset.id } : undefined;
}

export async function listPromises(
  db: Db,
  tenant: TenantContext,
  query: Filter & { limit: number; cursor?: string },
): Promise<PromisePage> {
  const today = localDay(tenant.timeZone);
  const order = query.status && ACTIVE.has(query.status) ? 'asc' : 'desc';
  const rows = await repo.selectSummaries(db, tenant.orgId, today, {
    where: filterConditions(tenant, query),
    status: query.status,
    order,
    after: dayOfCursor(query.cursor),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(summaryDto),
    nextCursor: rows.length > query.limit && last ? dayCursor(last.due_date, last.id) : null,
  };
}

export const CSV_MAX_ROWS = 10_000;

export async function exportPromisesCsv(
  db: Db,
  tenant: TenantContext,
  query: Filter,
  language: Language,
): Promise<string> {
  const { items } = await listPromises(db, tenant, { ...query, limit: CSV_MAX_ROWS });
  const t = (key: string) => translate(language, key);
  const header = [
    'customer',
    'what',
    'dueDate',
    'offering',
    'ownerTeam',
    'madeBy',
    'status',
    'stepsDone',
    'renegotiations',
    'deliveredOn',
    'flagged',
  ].map((k) => t(`csv.promises.${k}`));
  return toCsv(
    language,
    header,
    items.map((p) => [
      p.customer.name,
      p.what,
      p.dueDate,
      p.offering?.name ?? '',
      p.ownerTeam.name,
      p.madeBy.name,
      t(`csv.promiseStatus.${p.status}`),
      `${p.stepsDone}/${p.stepsTotal}`,
      p.renegotiations,
      p.deliveredOn,
      p.breaches.length ? t('csv.yes') : '',
    ]),
  );
}

/** My teams' steps: open ones soonest first (the work list), or done ones latest first. */
export async function workList(
  db: Db,
  tenant: TenantContext,
  query: { teamId?: string; state: 'open' | 'done'; limit: number; cursor?: string },
) {
  if (query.teamId && !inTeam(tenant, query.teamId) && !steering(tenant)) throw forbidden();
  const teams = query.teamId ? [query.teamId] : tenant.teamIds;
  if (teams.length === 0) return { items: [], nextCursor: null };
  const rows = await repo.selectWorkSteps(
    db,
    tenant.orgId,
    teams,
    query.state,
    dayOfCursor(query.cursor),
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const promiseIds = [...new Set(page.map((r) => r.promise_id))];
  const today = localDay(tenant.timeZone);
  const summaries = promiseIds.length
    ? await repo.selectSummaries(db, tenant.orgId, today, {
        where: [sql`p.id = any(${sql.param(promiseIds)}::uuid[])`],
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

async function loadStepsOf(tx: Tx, orgId: string, promiseIds: string[]) {
  const [promiseRows, steps] = await Promise.all([
    repo.selectPromisesByIds(tx, orgId, promiseIds),
    repo.selectStepsOf(tx, orgId, promiseIds),
  ]);
  return { promises: new Map(promiseRows.map((p) => [p.id, p])), steps };
}

// ---------- working a step ----------

async function stepAction<T>(
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

const mayWork = (tenant: TenantContext, step: repo.StepRow) => inTeam(tenant, step.teamId) || steering(tenant);
const stepClosed = () => new AppError('step_closed', 409);
const settled = () => new AppError('promise_settled', 409);

export async function acceptStep(db: Db, tenant: TenantContext, promiseId: string, stepId: string) {
  return stepAction(db, tenant, promiseId, stepId, async (tx, { promise, step }) => {
    if (step.kind !== 'handoff' || !mayWork(tenant, step)) throw forbidden();
    if (promise.outcome !== null) throw settled();
    const updated = await repo.updateStep(
      tx,
      tenant.orgId,
      step.id,
      { acceptedAt: new Date(), acceptedBy: tenant.memberId, sentBackAt: null, sentBackBy: null, sentBackReason: null },
      isNull(promiseSteps.doneOn),
    );
    if (updated.length === 0) throw stepClosed();
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
    const updated = await repo.updateStep(
      tx,
      tenant.orgId,
      step.id,
      {
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
      },
      isNull(promiseSteps.doneOn),
    );
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
    const updated = await repo.updateStep(
      tx,
      tenant.orgId,
      step.id,
      {
        acceptedAt: null,
        acceptedBy: null,
        sentBackAt: new Date(),
        sentBackBy: tenant.memberId,
        sentBackReason: reason,
      },
      isNull(promiseSteps.doneOn),
    );
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

import { randomUUID } from 'node:crypto';
import type { ExtraKind, FigureView, Language, Role } from '../../../contracts/constants';
import type { Extra, Mandate, MandateScope, MyMandate } from '../../../contracts/extras.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { toCsv } from '../../lib/csv';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { selectLocalDayStart } from '../../lib/days';
import { translate } from '../../lib/i18n';
import { earlierAnswer, type IdempotentResult, requestHashOf, runIdempotent } from '../../lib/idempotency';
import type { TenantContext } from '../../lib/request-context';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers } from '../notifications/notifications.service';
import * as org from '../org/org.service';
import { openMemberFigures } from '../privacy/figure-views.service';
import { filterActiveValueIds } from '../values/values.service';
import * as repo from './extras.repo';

export const EDIT_WINDOW_HOURS = 24;
/** How far back an extra may be dated: a year. */
const OLDEST_DAYS = 366;

type MandateRow = Awaited<ReturnType<typeof repo.selectMandates>>[number];

// ---------- mandates ----------

function scopeOf(row: MandateRow): MandateScope {
  if (row.scopeType === 'member') return { type: 'member', memberId: row.scopeKey };
  if (row.scopeType === 'team') return { type: 'team', teamId: row.scopeKey };
  return { type: 'role', role: row.scopeKey as Role };
}

async function toMandates(db: Tx, orgId: string, rows: MandateRow[]): Promise<Mandate[]> {
  const teamNames = await org.findTeamNames(
    db,
    orgId,
    rows.filter((r) => r.scopeType === 'team').map((r) => r.scopeKey),
  );
  const memberNames = await org.findMemberNames(
    db,
    orgId,
    rows.filter((r) => r.scopeType === 'member').map((r) => r.scopeKey),
  );
  return rows.map((row) => ({
    id: row.id,
    scope: scopeOf(row),
    scopeName:
      row.scopeType === 'team'
        ? (teamNames.get(row.scopeKey) ?? '')
        : row.scopeType === 'member'
          ? (memberNames.get(row.scopeKey) ?? '')
          : row.scopeKey,
    period: row.period,
    budgetCents: row.budgetCents,
    maxPerExtraCents: row.maxPerExtraCents,
    allowedKinds: row.allowedKinds,
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function listMandates(db: Db, tenant: TenantContext): Promise<Mandate[]> {
  return toMandates(db, tenant.orgId, await repo.selectMandates(db, tenant.orgId));
}

export async function putMandate(
  db: Db,
  tenant: TenantContext,
  input: {
    scope: MandateScope;
    period: 'week' | 'month';
    budgetCents: number;
    maxPerExtraCents: number;
    allowedKinds: ExtraKind[];
  },
): Promise<Mandate> {
  // A maximum per extra above the whole budget can never be spent: refused with a clear message rather than saved without a word.
  if (input.maxPerExtraCents > input.budgetCents) {
    throw new AppError('mandate_max_above_budget', 400, {
      errors: [
        {
          path: 'body.maxPerExtraCents',
          code: 'mandate_max_above_budget',
          message: 'the maximum per extra may not be more than the budget',
        },
      ],
    });
  }
  return db.transaction(async (tx) => {
    const { scope } = input;
    if (scope.type === 'team' && !(await org.findTeamNames(tx, tenant.orgId, [scope.teamId])).size) throw notFound();
    if (scope.type === 'member' && !(await org.findMemberNames(tx, tenant.orgId, [scope.memberId])).size)
      throw notFound();
    const scopeKey = scope.type === 'role' ? scope.role : scope.type === 'team' ? scope.teamId : scope.memberId;
    const row = await repo.upsertMandate(tx, tenant.orgId, {
      scopeType: scope.type,
      scopeKey,
      period: input.period,
      budgetCents: input.budgetCents,
      maxPerExtraCents: input.maxPerExtraCents,
      allowedKinds: input.allowedKinds,
      updatedBy: tenant.memberId,
    });
    await org.recordAudit(tx, tenant, 'mandate.set', 'mandate', row.id, { ...input });
    const [mandate] = await toMandates(tx, tenant.orgId, [row]);
    return mandate!;
  });
}

export async function removeMandate(db: Db, tenant: TenantContext, mandateId: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await repo.deleteMandate(tx, tenant.orgId, mandateId))) throw notFound();
    await org.recordAudit(tx, tenant, 'mandate.removed', 'mandate', mandateId);
  });
}

/**
 * The mandate that applies to a member: one set for them personally, else one of their teams',
 * else one of their roles'. Between several teams or roles the most generous budget applies.
 */
export function pickMandate(candidates: MandateRow[], memberId: string): MandateRow | undefined {
  const generous = (rows: MandateRow[]) => [...rows].sort((a, b) => b.budgetCents - a.budgetCents)[0];
  return (
    candidates.find((m) => m.scopeType === 'member' && m.scopeKey === memberId) ??
    generous(candidates.filter((m) => m.scopeType === 'team')) ??
    generous(candidates.filter((m) => m.scopeType === 'role'))
  );
}

/** The mandate of one member among all of the organisation's (for overviews of many members at once). */
export function mandateOf(
  all: MandateRow[],
  member: { id: string; roles: string[]; teamIds: string[] },
): MandateRow | undefined {
  const applies = (m: MandateRow) =>
    (m.scopeType === 'member' && m.scopeKey === member.id) ||
    (m.scopeType === 'team' && member.teamIds.includes(m.scopeKey)) ||
    (m.scopeType === 'role' && member.roles.includes(m.scopeKey));
  return pickMandate(all.filter(applies), member.id);
}

export function allMandates(db: Tx, orgId: string) {
  return repo.selectMandates(db, orgId);
}

type Who = Pick<TenantContext, 'orgId' | 'memberId' | 'roles' | 'teamIds' | 'timeZone'>;

/** The mandate of a member at a moment, the period around that moment, and what was used and is left. */
export async function mandateStatusAt(db: Tx, who: Who, at: Date, exceptExtraId?: string) {
  const situation = await repo.selectMandateSituation(db, who, at, exceptExtraId);
  const row = pickMandate(situation.candidates, who.memberId);
  const usage = row?.period === 'month' ? situation.month : situation.week;
  const budget = row?.budgetCents ?? 0;
  return {
    row,
    bounds: { start: usage.start, end: usage.end },
    usedCents: usage.usedCents,
    leftCents: Math.max(0, budget - usage.usedCents),
  };
}

export async function findMyMandate(db: Db, tenant: TenantContext): Promise<MyMandate> {
  const status = await mandateStatusAt(db, tenant, new Date());
  const [mandate] = status.row ? await toMandates(db, tenant.orgId, [status.row]) : [];
  return {
    mandate: mandate ?? null,
    periodStart: status.bounds.start.toISOString(),
    periodEnd: status.bounds.end.toISOString(),
    usedCents: status.usedCents,
    leftCents: status.leftCents,
  };
}

/** Why an extra goes beyond the mandate; empty when it stays within. */
export function mandateBreaches(
  mandate: { budgetCents: number; maxPerExtraCents: number; allowedKinds: string[] } | undefined,
  extra: { costCents: number; kind: string },
  usedCents: number,
): string[] {
  if (!mandate) return extra.costCents > 0 ? ['no_mandate'] : [];
  const reasons: string[] = [];
  if (!mandate.allowedKinds.includes(extra.kind)) reasons.push('kind_not_allowed');
  if (extra.costCents > mandate.maxPerExtraCents) reasons.push('over_max_per_extra');
  // An extra that costs nothing spends no budget, even when the budget is used up.
  if (extra.costCents > 0 && usedCents + extra.costCents > mandate.budgetCents) reasons.push('over_budget');
  return reasons;
}

/**
 * How much of an extra's cost lies above the mandate: past the maximum per extra or past what is left
 * of the budget, whichever is more; all of it when there is no mandate or the kind is not allowed.
 */
export function amountAboveMandate(
  mandate: { budgetCents: number; maxPerExtraCents: number; allowedKinds: string[] } | undefined,
  extra: { costCents: number; kind: string },
  usedCents: number,
): number {
  if (!mandate?.allowedKinds.includes(extra.kind)) return extra.costCents;
  const overMax = extra.costCents - mandate.maxPerExtraCents;
  const overBudget = usedCents + extra.costCents - mandate.budgetCents;
  return Math.min(extra.costCents, Math.max(0, overMax, overBudget));
}

// ---------- extras ----------

function toExtra(row: repo.ExtraRow, names: Map<string, string>): Extra {
  return {
    id: row.id,
    member: { id: row.memberId, name: names.get(row.memberId) ?? '' },
    teamIds: row.teamIds,
    occurredAt: row.occurredAt.toISOString(),
    occasion: row.occasion,
    action: row.action,
    kind: row.kind,
    costCents: row.costCents,
    minutes: row.minutes,
    valueIds: row.valueIds,
    customerRef: row.customerRef,
    reactionText: row.reactionText,
    reactionScore: row.reactionScore,
    aboveMandate: row.aboveMandate,
    aboveMandateReason: row.aboveMandateReason,
    inFeed: row.inFeed,
    hidden: row.hiddenAt ? { reason: row.hiddenReason ?? '', at: row.hiddenAt.toISOString() } : null,
    editableUntil: new Date(row.createdAt.getTime() + EDIT_WINDOW_HOURS * 3600_000).toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

async function withNames(db: Tx, orgId: string, rows: repo.ExtraRow[]): Promise<Extra[]> {
  const names = await org.findMemberNames(
    db,
    orgId,
    rows.map((r) => r.memberId),
  );
  return rows.map((r) => toExtra(r, names));
}

function checkOccurredAt(occurredAt: Date) {
  const now = Date.now();
  // A minute of grace for a phone whose clock runs a little ahead.
  if (occurredAt.getTime() > now + 60_000 || occurredAt.getTime() < now - OLDEST_DAYS * 86_400_000) {
    throw new AppError('validation_failed', 400, {
      errors: [{ path: 'body.occurredAt', code: 'out_of_range', message: 'not in the future, at most a year ago' }],
    });
  }
}

async function checkValues(tx: Tx, orgId: string, valueIds: string[]) {
  const unique = [...new Set(valueIds)];
  const active = await filterActiveValueIds(tx, orgId, unique);
  if (active.length !== unique.length) {
    throw new AppError('validation_failed', 400, {
      errors: [{ path: 'body.valueIds', code: 'unknown_value', message: 'unknown or retired value' }],
    });
  }
  return unique;
}

/** Applies the mandate; returns whether the extra is above it, or refuses when no reason was given. */
async function judgeMandate(
  tx: Tx,
  who: Who,
  extra: { costCents: number; kind: string; occurredAt: Date; reason?: string },
  exceptExtraId?: string,
) {
  const status = await mandateStatusAt(tx, who, extra.occurredAt, exceptExtraId);
  const breaches = mandateBreaches(status.row, extra, status.usedCents);
  const reason = extra.reason?.trim() || null;
  if (breaches.length && !reason) {
    throw new AppError('mandate_reason_required', 400, {
      detail: breaches.join(', '),
      errors: breaches.map((code) => ({ path: 'body.aboveMandateReason', code, message: 'a reason is required' })),
    });
  }
  return {
    mandateId: status.row?.id ?? null,
    above: breaches.length > 0,
    aboveCents: breaches.length ? amountAboveMandate(status.row, extra, status.usedCents) : 0,
    reason: breaches.length ? reason : null,
  };
}

export interface LogExtraInput {
  occurredAt?: string;
  occasion: string;
  action: string;
  kind: ExtraKind;
  costCents: number;
  minutes: number;
  valueIds: string[];
  customerRef?: string | null;
  reactionText?: string | null;
  reactionScore?: number | null;
  aboveMandateReason?: string;
  /** False keeps the extra out of the team feed; in it by default. */
  inFeed?: boolean;
}

/**
 * Logs an extra. Within the mandate nothing needs approval; above it a reason is required, the extra is
 * saved all the same, marked, and the member's managers are told in the app. A retry with the same
 * Idempotency-Key returns the first answer.
 */
export async function logExtra(
  db: Db,
  tenant: TenantContext,
  author: { name: string },
  input: LogExtraInput,
  idempotencyKey?: string,
): Promise<IdempotentResult<Extra>> {
  const result =
    (await logFreeExtra(db, tenant, author, input, idempotencyKey)) ??
    (await logExtraChecked(db, tenant, author, input, idempotencyKey));
  if (result.status === 201 && !result.replayed)
    await emitEvent(db, tenant.orgId, 'extra.logged', {
      extraId: result.body.id,
      action: result.body.action,
      author: result.body.member.name,
    });
  return result;
}

/**
 * The common case in one round trip: an extra that costs nothing spends no budget, so it needs no
 * lock and no usage sums, only its values active and its kind allowed. Undefined when it needs more
 * (an error to explain, a mandate it goes above): the full path then decides.
 */
async function logFreeExtra(
  db: Db,
  tenant: TenantContext,
  author: { name: string },
  input: LogExtraInput,
  idempotencyKey?: string,
): Promise<IdempotentResult<Extra> | undefined> {
  if (input.costCents !== 0) return undefined;
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
  try {
    checkOccurredAt(occurredAt);
  } catch {
    return undefined;
  }
  const now = new Date();
  const row: repo.ExtraRow = {
    orgId: tenant.orgId,
    id: randomUUID(),
    memberId: tenant.memberId,
    teamIds: tenant.teamIds,
    occurredAt,
    occasion: input.occasion,
    action: input.action,
    kind: input.kind,
    costCents: 0,
    minutes: input.minutes,
    valueIds: [...new Set(input.valueIds)],
    customerRef: input.customerRef?.trim() || null,
    reactionText: input.reactionText?.trim() || null,
    reactionScore: input.reactionScore ?? null,
    aboveMandate: false,
    aboveMandateReason: null,
    mandateId: null,
    inFeed: input.inFeed ?? true,
    occasionTsv: null,
    hiddenAt: null,
    hiddenReason: null,
    hiddenBy: null,
    deletedAt: null,
    deletedBy: null,
    createdAt: now,
    updatedAt: now,
  };
  const body = toExtra(row, new Map([[tenant.memberId, author.name]]));
  const requestHash = idempotencyKey ? requestHashOf(input) : '';
  const { ok, saved } = await repo.insertFreeExtra(
    db,
    { ...row, roles: tenant.roles, reactionText: row.reactionText, customerRef: row.customerRef },
    idempotencyKey ? { key: idempotencyKey, requestHash, response: JSON.stringify(body) } : undefined,
  );
  if (!ok) return undefined;
  if (saved) return { status: 201, body, replayed: false };
  // The key was taken (a retry, perhaps at the same moment): the first answer.
  return idempotencyKey
    ? earlierAnswer<Extra>(db, { orgId: tenant.orgId, memberId: tenant.memberId, key: idempotencyKey }, requestHash)
    : undefined;
}

/** Logging with every check: the budget locked, the mandate judged, the managers told when above it. */
async function logExtraChecked(
  db: Db,
  tenant: TenantContext,
  author: { name: string },
  input: LogExtraInput,
  idempotencyKey?: string,
): Promise<IdempotentResult<Extra>> {
  return runIdempotent(
    db,
    { orgId: tenant.orgId, memberId: tenant.memberId, key: idempotencyKey, request: input },
    async (tx) => {
      await repo.lockMemberBudget(tx, tenant.orgId, tenant.memberId);
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
      checkOccurredAt(occurredAt);
      const valueIds = await checkValues(tx, tenant.orgId, input.valueIds);
      const judged = await judgeMandate(tx, tenant, { ...input, occurredAt, reason: input.aboveMandateReason });
      const reactionText = input.reactionText?.trim() || null;
      const reactionScore = input.reactionScore ?? null;
      const row = await repo.insertExtra(tx, tenant.orgId, {
        memberId: tenant.memberId,
        teamIds: tenant.teamIds,
        occurredAt,
        occasion: input.occasion,
        inFeed: input.inFeed ?? true,
        action: input.action,
        kind: input.kind,
        costCents: input.costCents,
        minutes: input.minutes,
        valueIds,
        customerRef: input.customerRef?.trim() || null,
        reactionText,
        reactionScore,
        aboveMandate: judged.above,
        aboveMandateReason: judged.reason,
        mandateId: judged.mandateId,
      });
      if (reactionText || reactionScore) {
        await repo.insertReaction(tx, tenant.orgId, {
          extraId: row.id,
          reactionText,
          reactionScore,
          changedBy: tenant.memberId,
        });
      }
      const extra = toExtra(row, new Map([[tenant.memberId, author.name]]));
      if (judged.above) {
        const managers = (await org.findManagerIdsOfTeams(tx, tenant.orgId, tenant.teamIds)).filter(
          (id) => id !== tenant.memberId,
        );
        await notifyMembers(tx, tenant.orgId, managers, 'extra_above_mandate', {
          extraId: row.id,
          memberId: tenant.memberId,
          memberName: author.name,
          costCents: row.costCents,
          /** The part of the cost above the mandate (the whole cost without a mandate or for a kind not allowed). */
          aboveCents: judged.aboveCents,
          occasion: row.occasion,
          reason: judged.reason,
        });
      }
      return { status: 201, body: extra };
    },
  );
}

/** Who may see an extra: its author, a manager of one of its teams, a director. */
function visibility(tenant: TenantContext, row: repo.ExtraRow) {
  const author = row.memberId === tenant.memberId;
  const director = tenant.roles.includes('director');
  const manager = row.teamIds.some((id) => tenant.managedTeamIds.includes(id));
  return { author, canSee: author || director || manager, canHide: director || manager };
}

async function loadVisible(tx: Tx, tenant: TenantContext, extraId: string) {
  const row = await repo.selectExtra(tx, tenant.orgId, extraId);
  if (!row) throw notFound();
  const access = visibility(tenant, row);
  if (!access.canSee) throw notFound();
  return { row, access };
}

async function loadOwnEditable(tx: Tx, tenant: TenantContext, extraId: string) {
  const { row, access } = await loadVisible(tx, tenant, extraId);
  if (!access.author) throw forbidden();
  if (Date.now() > row.createdAt.getTime() + EDIT_WINDOW_HOURS * 3600_000)
    throw new AppError('edit_window_closed', 409);
  return row;
}

export async function findExtra(db: Db, tenant: TenantContext, extraId: string) {
  const { row } = await loadVisible(db, tenant, extraId);
  const reactions = await repo.selectReactions(db, tenant.orgId, extraId);
  const names = await org.findMemberNames(db, tenant.orgId, [row.memberId, ...reactions.map((r) => r.changedBy)]);
  return {
    ...toExtra(row, names),
    reactionHistory: reactions.map((r) => ({
      reactionText: r.reactionText,
      reactionScore: r.reactionScore,
      changedAt: r.changedAt.toISOString(),
      changedBy: { id: r.changedBy, name: names.get(r.changedBy) ?? '' },
    })),
  };
}

export async function updateExtra(
  db: Db,
  tenant: TenantContext,
  extraId: string,
  input: Partial<Omit<LogExtraInput, 'reactionText' | 'reactionScore'>>,
): Promise<Extra> {
  return db.transaction(async (tx) => {
    await repo.lockMemberBudget(tx, tenant.orgId, tenant.memberId);
    const current = await loadOwnEditable(tx, tenant, extraId);
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : current.occurredAt;
    if (input.occurredAt) checkOccurredAt(occurredAt);
    const valueIds = input.valueIds ? await checkValues(tx, tenant.orgId, input.valueIds) : current.valueIds;
    const next = { costCents: input.costCents ?? current.costCents, kind: input.kind ?? current.kind, occurredAt };
    const judged = await judgeMandate(
      tx,
      tenant,
      { ...next, reason: input.aboveMandateReason ?? current.aboveMandateReason ?? undefined },
      extraId,
    );
    const row = await repo.updateExtraRow(tx, tenant.orgId, extraId, {
      occurredAt,
      occasion: input.occasion ?? current.occasion,
      action: input.action ?? current.action,
      kind: next.kind,
      costCents: next.costCents,
      minutes: input.minutes ?? current.minutes,
      valueIds,
      customerRef: input.customerRef === undefined ? current.customerRef : input.customerRef?.trim() || null,
      aboveMandate: judged.above,
      aboveMandateReason: judged.reason,
      mandateId: judged.mandateId,
    });
    await org.recordAudit(tx, tenant, 'extra.updated', 'extra', extraId, {
      before: { costCents: current.costCents, kind: current.kind, occurredAt: current.occurredAt.toISOString() },
    });
    return (await withNames(tx, tenant.orgId, [row!]))[0]!;
  });
}

/**
 * Delete by the author within the edit window. The row stays as a bare record (when, kind, cost) for
 * the audit trail, but every word of it goes — the occasion, what was done, the customer's reference and
 * reaction, the reasons — so "it disappears completely" is true of what it said.
 */
export async function deleteExtra(db: Db, tenant: TenantContext, extraId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await loadOwnEditable(tx, tenant, extraId);
    await repo.updateExtraRow(tx, tenant.orgId, extraId, {
      deletedAt: new Date(),
      deletedBy: tenant.memberId,
      occasion: '',
      action: '',
      customerRef: null,
      reactionText: null,
      aboveMandateReason: null,
      hiddenReason: null,
    });
    await repo.deleteReactionHistory(tx, tenant.orgId, extraId);
    await org.recordAudit(tx, tenant, 'extra.deleted', 'extra', extraId);
  });
}

/** The customer may react later: the author adds or changes the reaction; every version is kept. */
export async function setReaction(
  db: Db,
  tenant: TenantContext,
  extraId: string,
  input: { reactionText: string | null; reactionScore: number | null },
): Promise<Extra> {
  return db.transaction(async (tx) => {
    const { access } = await loadVisible(tx, tenant, extraId);
    if (!access.author) throw forbidden();
    const reactionText = input.reactionText?.trim() || null;
    const row = await repo.updateExtraRow(tx, tenant.orgId, extraId, {
      reactionText,
      reactionScore: input.reactionScore,
    });
    await repo.insertReaction(tx, tenant.orgId, {
      extraId,
      reactionText,
      reactionScore: input.reactionScore,
      changedBy: tenant.memberId,
    });
    return (await withNames(tx, tenant.orgId, [row!]))[0]!;
  });
}

/** A manager of the extra's team (or a director) keeps it out of the team feed, with a reason. */
export async function setHidden(
  db: Db,
  tenant: TenantContext,
  extraId: string,
  hide: { reason: string } | null,
): Promise<Extra> {
  return db.transaction(async (tx) => {
    const { access } = await loadVisible(tx, tenant, extraId);
    if (!access.canHide) throw forbidden();
    const row = await repo.updateExtraRow(
      tx,
      tenant.orgId,
      extraId,
      hide
        ? { hiddenAt: new Date(), hiddenReason: hide.reason, hiddenBy: tenant.memberId }
        : { hiddenAt: null, hiddenReason: null, hiddenBy: null },
    );
    await org.recordAudit(tx, tenant, hide ? 'extra.hidden' : 'extra.unhidden', 'extra', extraId, hide ?? undefined);
    return (await withNames(tx, tenant.orgId, [row!]))[0]!;
  });
}

// ---------- lists ----------

export interface ListQuery {
  scope: 'mine' | 'team' | 'all';
  from?: string;
  to?: string;
  valueId?: string;
  kind?: ExtraKind;
  teamId?: string;
  memberId?: string;
  limit: number;
  cursor?: string;
}

/**
 * Turns a list query into a filter the caller is allowed to see: own extras, managed teams, or all
 * (directors). Narrowing a team's or the organisation's list to one colleague is a per-member view: it
 * passes the works council's gate and is recorded for that colleague (a list's further pages are not
 * recorded again).
 */
async function filterFor(db: Tx, tenant: TenantContext, query: ListQuery, view: FigureView): Promise<repo.ExtraFilter> {
  const dayStart = (date: string, plusDays: number) => selectLocalDayStart(db, tenant.timeZone, date, plusDays);
  const filter: repo.ExtraFilter = {
    ...(query.from ? { from: await dayStart(query.from, 0) } : {}),
    ...(query.to ? { to: await dayStart(query.to, 1) } : {}),
    ...(query.valueId ? { valueId: query.valueId } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  };
  if (query.scope === 'mine') return { ...filter, memberId: tenant.memberId };
  if (query.scope === 'team') {
    const managed = tenant.managedTeamIds;
    if (managed.length === 0) throw forbidden();
    if (query.teamId && !managed.includes(query.teamId)) throw forbidden();
    if (query.memberId) await openMemberFigures(db, tenant, view, query.memberId, { record: !query.cursor });
    return {
      ...filter,
      anyTeamIds: query.teamId ? [query.teamId] : managed,
      ...(query.memberId ? { memberId: query.memberId } : {}),
    };
  }
  if (!tenant.roles.includes('director')) throw forbidden();
  if (query.memberId) await openMemberFigures(db, tenant, view, query.memberId, { record: !query.cursor });
  return {
    ...filter,
    ...(query.teamId ? { anyTeamIds: [query.teamId] } : {}),
    ...(query.memberId ? { memberId: query.memberId } : {}),
  };
}

export async function listExtras(db: Db, tenant: TenantContext, query: ListQuery) {
  const filter = await filterFor(db, tenant, query, 'extras_list');
  const after = decodeCursor(query.cursor);
  const rows = await repo.selectExtras(
    db,
    tenant.orgId,
    { ...filter, ...(after ? { after: { occurredAt: after.at, id: after.id } } : {}) },
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  return {
    items: await withNames(db, tenant.orgId, page),
    nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.occurredAt, page.at(-1)!.id) : null,
  };
}

export const CSV_MAX_ROWS = 10_000;

/** What a list shows, as CSV for a spreadsheet in the person's language (Dutch: ; and decimal comma). */
export async function exportExtrasCsv(
  db: Db,
  tenant: TenantContext,
  query: ListQuery,
  language: Language,
  /** Where the rows are read (the read replica, db/reads.ts); who looked at whose figures is written to `db`. */
  read: Db = db,
): Promise<string> {
  const filter = await filterFor(db, tenant, query, 'extras_csv');
  const rows = await repo.selectExtras(read, tenant.orgId, filter, CSV_MAX_ROWS);
  const extrasList = await withNames(read, tenant.orgId, rows);
  const teamNames = await org.findTeamNames(
    read,
    tenant.orgId,
    rows.flatMap((r) => r.teamIds),
  );
  const timeZone = tenant.timeZone;
  const money = (cents: number) => (cents / 100).toFixed(2).replace('.', language === 'nl' ? ',' : '.');
  const date = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const header = [
    'date',
    'member',
    'teams',
    'occasion',
    'action',
    'kind',
    'cost',
    'minutes',
    'customer',
    'reaction',
    'score',
    'aboveMandate',
    'reason',
  ].map((key) => translate(language, `csv.extras.${key}`));
  return toCsv(
    language,
    header,
    extrasList.map((e) => [
      date.format(new Date(e.occurredAt)),
      e.member.name,
      e.teamIds.map((id) => teamNames.get(id) ?? '').join(', '),
      e.occasion,
      e.action,
      translate(language, `csv.kinds.${e.kind}`),
      money(e.costCents),
      e.minutes,
      e.customerRef,
      e.reactionText,
      e.reactionScore,
      e.aboveMandate ? translate(language, 'csv.yes') : '',
      e.aboveMandateReason,
    ]),
  );
}

export async function suggestForMember(db: Db, tenant: TenantContext) {
  const rows = await repo.selectRecentTexts(db, tenant.orgId, tenant.memberId, tenant.teamIds, 100);
  const distinct = (values: string[]) => [...new Set(values)].slice(0, 8);
  return { occasions: distinct(rows.map((r) => r.occasion)), actions: distinct(rows.map((r) => r.action)) };
}

// ---------- used by other modules ----------

/** The author keeps one extra out of the feed (or lets it back in); the learning module has checked who asks. */
export async function setInFeed(tx: Tx, orgId: string, extraId: string, inFeed: boolean): Promise<void> {
  await repo.setInFeed(tx, orgId, extraId, inFeed);
}

/** The customer's own reaction (the voice module's reaction page) is the extra's reaction: it counts in what works. */
export async function recordCustomerReaction(
  tx: Tx,
  orgId: string,
  extraId: string,
  reaction: { score: number; comment: string | null; memberId: string },
): Promise<void> {
  await repo.updateExtraRow(tx, orgId, extraId, { reactionScore: reaction.score, reactionText: reaction.comment });
  await repo.insertReaction(tx, orgId, {
    extraId,
    reactionScore: reaction.score,
    reactionText: reaction.comment,
    changedBy: reaction.memberId,
    source: 'customer',
  });
}

/**
 * One extra: its checks, reading, editing and deleting it within the edit window, the customer's reaction,
 * hiding it from the team feed. Logging one: log-extra.service.ts; lists and the CSV: extra-lists.service.ts;
 * mandates: mandates.service.ts.
 */

import type { ExtraKind } from '../../../contracts/constants';
import type { Extra } from '../../../contracts/extras.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import * as org from '../org/org.service';
import { filterActiveValueIds } from '../values/values.service';
import * as repo from './extras.repo';
import { judgeMandate } from './mandates.service';

const { EDIT_WINDOW_HOURS } = repo;
/** How far back an extra may be dated: a year. */
const OLDEST_DAYS = 366;

/** An extra as the API answers it; `memberName` is the name of who logged it. */
export function toExtra(row: repo.ListedExtra, memberName: string): Extra {
  return listedExtra({
    ...row,
    memberName,
    occurredAt: row.occurredAt.toISOString(),
    hiddenAt: row.hiddenAt?.toISOString() ?? null,
    editableUntil: new Date(row.createdAt.getTime() + EDIT_WINDOW_HOURS * 3600_000).toISOString(),
    createdAt: row.createdAt.toISOString(),
  });
}

/** An extra of a list (times already ISO text) as the API answers it, keys in the contract's order. */
export function listedExtra(row: Omit<repo.ListedExtraText, 'cursorAt'>): Extra {
  return {
    id: row.id,
    member: { id: row.memberId, name: row.memberName ?? '' },
    teamIds: row.teamIds,
    occurredAt: row.occurredAt,
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
    hidden: row.hiddenAt ? { reason: row.hiddenReason ?? '', at: row.hiddenAt } : null,
    editableUntil: row.editableUntil,
    createdAt: row.createdAt,
  };
}

export async function withNames(db: Tx, orgId: string, rows: repo.ExtraRow[]): Promise<Extra[]> {
  const names = await org.findMemberNames(
    db,
    orgId,
    rows.map((r) => r.memberId),
  );
  return rows.map((r) => toExtra(r, names.get(r.memberId) ?? ''));
}

export function checkOccurredAt(occurredAt: Date) {
  const now = Date.now();
  // A minute of grace for a phone whose clock runs a little ahead.
  if (occurredAt.getTime() > now + 60_000 || occurredAt.getTime() < now - OLDEST_DAYS * 86_400_000) {
    throw new AppError('validation_failed', 400, {
      errors: [{ path: 'body.occurredAt', code: 'out_of_range', message: 'not in the future, at most a year ago' }],
    });
  }
}

export async function checkValues(tx: Tx, orgId: string, valueIds: string[]) {
  const unique = [...new Set(valueIds)];
  const active = await filterActiveValueIds(tx, orgId, unique);
  if (active.length !== unique.length) {
    throw new AppError('validation_failed', 400, {
      errors: [{ path: 'body.valueIds', code: 'unknown_value', message: 'unknown or retired value' }],
    });
  }
  return unique;
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
  const reactions = await repo.selectReactions(db, tenant.orgId, row);
  const names = await org.findMemberNames(db, tenant.orgId, [row.memberId, ...reactions.map((r) => r.changedBy)]);
  return {
    ...toExtra(row, names.get(row.memberId) ?? ''),
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

/** Mandates: what a member may spend without asking, per role or team, and judging an extra against it. */

import type { ExtraKind, Role } from '../../../contracts/constants';
import type { Mandate, MandateScope, MyMandate } from '../../../contracts/extras.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import * as org from '../org/org.service';
import * as repo from './extras.repo';

type MandateRow = Awaited<ReturnType<typeof repo.selectMandates>>[number];

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
export function pickMandate<M extends Pick<MandateRow, 'scopeType' | 'scopeKey' | 'budgetCents'>>(
  candidates: M[],
  memberId: string,
): M | undefined {
  const generous = (rows: M[]) => [...rows].sort((a, b) => b.budgetCents - a.budgetCents)[0];
  return (
    candidates.find((m) => m.scopeType === 'member' && m.scopeKey === memberId) ??
    generous(candidates.filter((m) => m.scopeType === 'team')) ??
    generous(candidates.filter((m) => m.scopeType === 'role'))
  );
}

/** The mandate of one member among all of the organisation's (for overviews of many members at once). */
export function mandateOf<M extends Pick<MandateRow, 'scopeType' | 'scopeKey' | 'budgetCents'>>(
  all: M[],
  member: { id: string; roles: string[]; teamIds: string[] },
): M | undefined {
  const applies = (m: M) =>
    (m.scopeType === 'member' && m.scopeKey === member.id) ||
    (m.scopeType === 'team' && member.teamIds.includes(m.scopeKey)) ||
    (m.scopeType === 'role' && member.roles.includes(m.scopeKey));
  return pickMandate(all.filter(applies), member.id);
}

export function allMandates(db: Tx, orgId: string) {
  return repo.selectMandates(db, orgId);
}

export type Who = Pick<TenantContext, 'orgId' | 'memberId' | 'roles' | 'teamIds' | 'timeZone'>;

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

/** Applies the mandate; returns whether the extra is above it, or refuses when no reason was given. */
export async function judgeMandate(
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

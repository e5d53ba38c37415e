import type { FigureView } from '../../../contracts/constants';
import type { FigureViewList } from '../../../contracts/privacy.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import * as org from '../org/org.service';
import * as repo from './privacy.repo';

// The works council's gate and the member's view of it. Figures, filters and exports of one member
// (not their team's, not the organisation's) are off until an administrator records the works council's
// consent (member comparison); while on, every such view is written down here, and the member reads who
// looked and when in their profile. Kept for the organisation's view_log_keep_days, then swept.

/** At most this many entries are shown, newest first: a list for a person to read, not an archive. */
const LIST_MAX = 500;

/**
 * Opens one member's figures to the caller: refuses (403 member_comparison_off) unless member comparison
 * is on, and records the view for that member. Looking at oneself is neither gated nor recorded.
 */
export async function openMemberFigures(
  db: Tx,
  tenant: TenantContext,
  view: FigureView,
  memberId: string,
  options: { record?: boolean } = {},
) {
  if (memberId === tenant.memberId) return;
  if (!(await org.findMemberNames(db, tenant.orgId, [memberId])).size) throw notFound();
  if (!(await org.isMemberComparisonOn(db, tenant.orgId))) throw new AppError('member_comparison_off', 403);
  if (options.record !== false) await recordFigureViews(db, tenant, view, [memberId]);
}

/** Writes down that the caller saw these members' own figures (themselves left out). */
export async function recordFigureViews(
  db: Tx,
  tenant: TenantContext,
  view: FigureView,
  memberIds: string[],
  teamId: string | null = null,
) {
  const others = [...new Set(memberIds)].filter((id) => id !== tenant.memberId);
  if (!others.length) return;
  await repo.insertFigureViews(
    db,
    others.map((memberId) => ({ orgId: tenant.orgId, memberId, viewerId: tenant.memberId, view, teamId })),
  );
}

/** Who looked at my figures, newest first, within the organisation's retention. */
export async function listFigureViewsOfMe(db: Db, tenant: TenantContext, now = new Date()): Promise<FigureViewList> {
  const settings = await repo.selectViewSettings(db, tenant.orgId);
  const keepDays = settings.keepDays;
  const rows = await repo.selectFigureViewsOf(db, tenant.orgId, tenant.memberId, { now, keepDays, limit: LIST_MAX });
  const names = await org.findMemberNames(
    db,
    tenant.orgId,
    rows.map((r) => r.viewerId),
  );
  const teams = await org.findTeamNames(
    db,
    tenant.orgId,
    rows.flatMap((r) => (r.teamId ? [r.teamId] : [])),
  );
  return {
    memberComparison: settings.since !== null,
    keepDays,
    items: rows.map((r) => ({
      id: r.id,
      viewer: { id: r.viewerId, name: names.get(r.viewerId) ?? '' },
      view: r.view,
      team: r.teamId ? { id: r.teamId, name: teams.get(r.teamId) ?? '' } : null,
      at: r.at.toISOString(),
    })),
  };
}

/** The sweep, over every organisation: drops entries older than the organisation's retention. */
export async function eraseOldFigureViews(db: Db, now = new Date()): Promise<number> {
  return repo.deleteOldFigureViews(db, now);
}

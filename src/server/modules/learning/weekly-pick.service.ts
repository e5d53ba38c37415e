import type { WeeklyPick } from '../../../contracts/learning.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import * as org from '../org/org.service';
import * as read from './extras.read-model';
import { readsTeam, storiesByIds } from './feed.service';
import * as repo from './learning.repo';

// The weekly pick: two stories of the team's week for the team meeting. Proposed by how the customer
// reacted (60%) and how new the occasion is for the team (40%: the share of its words the team did not
// use in the eight weeks before); the team's manager may choose others.

export const PICKS = 2;
const CANDIDATES_SHOWN = 20;

/** 0-1: a very positive reaction counts fully, no reaction as neutral; a new occasion counts fully. */
export function pickScore(reactionScore: number | null, novelty: number): number {
  const reaction = ((reactionScore ?? 3) - 1) / 4;
  return Math.round((0.6 * reaction + 0.4 * novelty) * 1000) / 1000;
}

async function teamInOrg(db: Tx, tenant: TenantContext, teamId: string) {
  if (!(await org.findTeamNames(db, tenant.orgId, [teamId])).size) throw notFound();
  if (!readsTeam(tenant, teamId)) throw forbidden();
}

const leads = (tenant: TenantContext, teamId: string) =>
  tenant.managedTeamIds.includes(teamId) || tenant.roles.includes('director');

async function scored(db: Tx, tenant: TenantContext, teamId: string, day: string | undefined) {
  const week = await repo.selectWeek(db, tenant.timeZone, day);
  const rows = await read.selectWeekCandidates(db, tenant.orgId, teamId, week.start, week.end);
  const ranked = rows
    .map((r) => ({ id: r.id, score: pickScore(r.reaction_score, r.novelty) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return { week, ranked };
}

export async function findWeeklyPick(db: Db, tenant: TenantContext, teamId: string, day?: string): Promise<WeeklyPick> {
  await teamInOrg(db, tenant, teamId);
  const { week, ranked } = await scored(db, tenant, teamId, day);
  const chosen = await repo.selectWeeklyPick(db, tenant.orgId, teamId, week.weekStart);
  const eligible = new Set(ranked.map((r) => r.id));
  // A chosen story that has since left the feed (kept out, hidden, deleted) drops out of the pick.
  const pickIds = chosen ? chosen.extraIds.filter((id) => eligible.has(id)) : ranked.slice(0, PICKS).map((r) => r.id);
  const others = leads(tenant, teamId) ? ranked.filter((r) => !pickIds.includes(r.id)).slice(0, CANDIDATES_SHOWN) : [];
  const stories = await storiesByIds(db, tenant, [...pickIds, ...others.map((o) => o.id)]);
  const byId = new Map(stories.map((s) => [s.id, s]));
  const names = chosen ? await org.findMemberNames(db, tenant.orgId, [chosen.chosenBy]) : new Map<string, string>();
  return {
    teamId,
    weekStart: week.weekStart,
    chosenBy: chosen ? { id: chosen.chosenBy, name: names.get(chosen.chosenBy) ?? '' } : null,
    picks: pickIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    candidates: others.flatMap((o) => (byId.has(o.id) ? [{ ...byId.get(o.id)!, score: o.score }] : [])),
  };
}

export async function chooseWeeklyPick(
  db: Db,
  tenant: TenantContext,
  teamId: string,
  day: string,
  extraIds: string[],
): Promise<WeeklyPick> {
  await db.transaction(async (tx) => {
    await teamInOrg(tx, tenant, teamId);
    if (!leads(tenant, teamId)) throw forbidden();
    const { week, ranked } = await scored(tx, tenant, teamId, day);
    const eligible = new Set(ranked.map((r) => r.id));
    const unique = [...new Set(extraIds)];
    if (unique.some((id) => !eligible.has(id))) {
      throw new AppError('validation_failed', 400, {
        errors: [
          {
            path: 'body.extraIds',
            code: 'not_in_week',
            message: "only stories in this week's team feed can be picked",
          },
        ],
      });
    }
    await repo.upsertWeeklyPick(tx, tenant.orgId, teamId, week.weekStart, unique, tenant.memberId);
    await org.recordAudit(tx, tenant, 'weekly_pick.chosen', 'team', teamId, {
      weekStart: week.weekStart,
      extraIds: unique,
    });
  });
  return findWeeklyPick(db, tenant, teamId, day);
}

import type { Chain, ChainArrow, Scan, TeamFigures } from '../../../contracts/promises.contract';
import type { Db } from '../../db/client';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { addDays, localDay, resolvePeriod } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import * as org from '../org/org.service';
import * as repo from './chain.repo';
import { arrowKey, countThanksPerArrow } from './thanks.read-model';

// The internal customer chain: the teams as nodes, the hand-offs between them as arrows, how many
// came on time and how the receiving team rated them; per team over time; the quarterly scan.

const DEFAULT_DAYS = 90;
const MAX_DAYS = 366;
/** An arrow needs this many hand-offs whose day has come (or ratings) before it is called weak. */
export const WEAK_MIN = 5;
/** Weak: fewer than this share on time, or rated below WEAK_RATING on average. */
export const WEAK_ON_TIME = 0.8;
export const WEAK_RATING = 3;

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

export async function findChain(db: Db, tenant: TenantContext, query: { from?: string; to?: string }): Promise<Chain> {
  const { from, to } = resolvePeriod(query, tenant.timeZone, DEFAULT_DAYS, MAX_DAYS);
  const today = localDay(tenant.timeZone);
  const flows = await repo.selectFlows(db, { orgId: tenant.orgId, from, to }, today);
  const teamIds = [...new Set(flows.flatMap((f) => [f.giver, f.receiver]))];
  const [names, thanks] = await Promise.all([
    org.findTeamNames(db, tenant.orgId, teamIds),
    countThanksPerArrow(db, { orgId: tenant.orgId, timeZone: tenant.timeZone, from, to }, flows),
  ]);
  const team = (id: string) => ({ id, name: names.get(id) ?? '' });
  const arrows: ChainArrow[] = flows.map((f) => {
    const onTimeShare = share(f.on_time, f.due);
    const averageRating = f.ratings > 0 ? f.rating_sum / f.ratings : null;
    const weak =
      (f.due >= WEAK_MIN && onTimeShare !== null && onTimeShare < WEAK_ON_TIME) ||
      (f.ratings >= WEAK_MIN && averageRating !== null && averageRating < WEAK_RATING);
    return {
      from: team(f.giver),
      to: team(f.receiver),
      handoffs: f.handoffs,
      due: f.due,
      onTime: f.on_time,
      onTimeShare: round2(onTimeShare),
      ratings: f.ratings,
      averageRating: round2(averageRating),
      thanks: thanks.get(arrowKey(f.giver, f.receiver)) ?? 0,
      weak,
    };
  });
  arrows.sort(
    (a, b) => b.handoffs - a.handoffs || a.from.name.localeCompare(b.from.name) || a.to.name.localeCompare(b.to.name),
  );
  const nodes = teamIds
    .map((id) => ({
      ...team(id),
      given: flows.filter((f) => f.giver === id).reduce((n, f) => n + f.handoffs, 0),
      received: flows.filter((f) => f.receiver === id).reduce((n, f) => n + f.handoffs, 0),
      thanks: arrows.filter((a) => a.from.id === id).reduce((n, a) => n + a.thanks, 0),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { from, to, nodes, arrows };
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
function addMonths(month: string, n: number) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** A team's figures per month: promises kept, its hand-offs on time, the ratings it received and gave. */
export async function findTeamFigures(
  db: Db,
  tenant: TenantContext,
  query: { teamId: string; months: number },
): Promise<TeamFigures> {
  const names = await org.findTeamNames(db, tenant.orgId, [query.teamId]);
  if (!names.size) throw notFound();
  const today = localDay(tenant.timeZone);
  const last = monthStart(today);
  const first = addMonths(last, -(query.months - 1));
  const end = addDays(addMonths(last, 1), -1);
  const scope = { org: tenant.orgId, team: query.teamId, first, end, today };
  const [kept, steps, received, given] = await Promise.all([
    repo.selectKeptByMonth(db, scope),
    repo.selectStepsByMonth(db, scope),
    repo.selectRatingsByMonth(db, scope, 'giver'),
    repo.selectRatingsByMonth(db, scope, 'receiver'),
  ]);
  const at = <T extends { month: string }>(rows: T[], month: string) => rows.find((r) => r.month === month);
  const periods = Array.from({ length: query.months }, (_, i) => {
    const month = addMonths(first, i);
    const k = at(kept, month);
    const s = at(steps, month);
    const r = at(received, month);
    const g = at(given, month);
    return {
      month,
      promisesSettled: k?.settled ?? 0,
      promisesKept: k?.kept ?? 0,
      keptShare: round2(share(k?.kept ?? 0, k?.settled ?? 0)),
      stepsDue: s?.due ?? 0,
      stepsOnTime: s?.on_time ?? 0,
      onTimeShare: round2(share(s?.on_time ?? 0, s?.due ?? 0)),
      ratingReceived: round2(r?.average ?? null),
      ratingsReceived: r?.n ?? 0,
      ratingGiven: round2(g?.average ?? null),
      ratingsGiven: g?.n ?? 0,
    };
  });
  return { team: { id: query.teamId, name: names.get(query.teamId)! }, periods };
}

// ---------- the quarterly scan ----------

function quarterOf(day: string) {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}
function quarterRange(quarter: string) {
  const year = quarter.slice(0, 4);
  const q = Number(quarter.slice(6));
  const start = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  return { start, end: addDays(addMonths(start, 3), -1) };
}

export async function findScan(db: Db, tenant: TenantContext, query: { quarter?: string }): Promise<Scan> {
  const quarter = query.quarter ?? quarterOf(localDay(tenant.timeZone));
  const { start, end } = quarterRange(quarter);
  const teamIds = tenant.teamIds;
  if (teamIds.length === 0) return { quarter, teams: [] };
  const [partners, ratings] = await Promise.all([
    repo.selectPartners(db, { orgId: tenant.orgId, from: start, to: end }, teamIds),
    repo.selectScanRatings(db, tenant.orgId, start, teamIds),
  ]);
  const names = await org.findTeamNames(db, tenant.orgId, [...teamIds, ...partners.map((p) => p.partner)]);
  return {
    quarter,
    teams: teamIds
      .map((id) => ({
        id,
        name: names.get(id) ?? '',
        partners: partners
          .filter((p) => p.team === id)
          .map((p) => {
            const all = ratings.filter((r) => r.rater === id && r.rated === p.partner);
            const mine = all.find((r) => r.member_id === tenant.memberId);
            return {
              team: { id: p.partner, name: names.get(p.partner) ?? '' },
              handoffs: p.handoffs,
              myScore: mine?.score ?? null,
              myComment: mine?.comment ?? null,
              teamAverage: all.length ? round2(all.reduce((n, r) => n + r.score, 0) / all.length) : null,
              teamRatings: all.length,
            };
          })
          .sort((a, b) => a.team.name.localeCompare(b.team.name)),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** My rating, for my team, of a team we worked with: this quarter or the one before (changeable until then). */
export async function putScanRating(
  db: Db,
  tenant: TenantContext,
  body: { quarter: string; raterTeamId: string; ratedTeamId: string; score: number; comment?: string },
): Promise<Scan> {
  if (!tenant.teamIds.includes(body.raterTeamId)) throw forbidden();
  const today = localDay(tenant.timeZone);
  const current = quarterOf(today);
  const previous = quarterOf(addDays(quarterRange(current).start, -1));
  if (body.quarter !== current && body.quarter !== previous) {
    throw new AppError('validation_failed', 400, {
      errors: [{ path: 'body.quarter', code: 'closed', message: 'only this quarter and the one before can be rated' }],
    });
  }
  const { start, end } = quarterRange(body.quarter);
  const partners = await repo.selectPartners(db, { orgId: tenant.orgId, from: start, to: end }, [body.raterTeamId]);
  if (!partners.some((p) => p.partner === body.ratedTeamId)) {
    throw new AppError('validation_failed', 400, {
      errors: [
        {
          path: 'body.ratedTeamId',
          code: 'no_handoffs',
          message: 'your team did not work with this team that quarter',
        },
      ],
    });
  }
  await repo.upsertScanRating(db, {
    orgId: tenant.orgId,
    quarterStart: start,
    raterTeamId: body.raterTeamId,
    ratedTeamId: body.ratedTeamId,
    memberId: tenant.memberId,
    score: body.score,
    comment: body.comment?.trim() || null,
  });
  return findScan(db, tenant, { quarter: body.quarter });
}

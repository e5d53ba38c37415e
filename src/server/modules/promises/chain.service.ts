import { sql } from 'drizzle-orm';
import type { Chain, ChainArrow, Scan, TeamFigures } from '../../../contracts/promises.contract';
import type { Db } from '../../db/client';
import { NO_TEAM } from '../../db/schema/promises.schema';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { addDays, localDay, resolvePeriod } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import * as org from '../org/org.service';
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
  // Day sums (handoff_day_sums, kept by triggers): a hand-off whose day has come is due; one still
  // open counts on its due day, so a day before today holds only due ones, today only the done ones.
  const { rows: flows } = await db.execute<{
    giver: string;
    receiver: string;
    handoffs: number;
    due: number;
    on_time: number;
    ratings: number;
    rating_sum: number;
  }>(sql`
    select giver_team_id as giver, receiver_team_id as receiver, sum(handoffs)::int as handoffs,
           sum(case when day < ${today}::date then handoffs else done end)::int as due,
           sum(on_time)::int as on_time, sum(ratings)::int as ratings, sum(rating_sum)::int as rating_sum
      from handoff_day_sums
     where org_id = ${tenant.orgId} and day between ${from}::date and ${to}::date and receiver_team_id <> ${NO_TEAM}
     group by 1, 2
    having sum(handoffs) > 0`);
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
    db.execute<{ month: string; settled: number; kept: number }>(sql`
      select date_trunc('month', p.due_date)::date::text as month,
             count(*) filter (where p.outcome is not null or p.due_date < ${scope.today}::date)::int as settled,
             count(*) filter (where p.outcome = 'kept')::int as kept
        from promises p
       where p.org_id = ${scope.org} and p.owner_team_id = ${scope.team} and p.due_date between ${scope.first}::date and ${scope.end}::date
       group by 1`),
    db.execute<{ month: string; due: number; on_time: number }>(sql`
      select date_trunc('month', day)::date::text as month,
             sum(case when day < ${scope.today}::date then handoffs else done end)::int as due, sum(on_time)::int as on_time
        from handoff_day_sums
       where org_id = ${scope.org} and giver_team_id = ${scope.team} and day between ${scope.first}::date and ${scope.end}::date
       group by 1`),
    ratingsByMonth(db, scope, 'giver_team_id'),
    ratingsByMonth(db, scope, 'receiver_team_id'),
  ]);
  const at = <T extends { month: string }>(rows: T[], month: string) => rows.find((r) => r.month === month);
  const periods = Array.from({ length: query.months }, (_, i) => {
    const month = addMonths(first, i);
    const k = at(kept.rows, month);
    const s = at(steps.rows, month);
    const r = at(received.rows, month);
    const g = at(given.rows, month);
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

function ratingsByMonth(
  db: Db,
  scope: { org: string; team: string; first: string; end: string },
  side: 'giver_team_id' | 'receiver_team_id',
) {
  return db.execute<{ month: string; n: number; average: number | null }>(sql`
    select date_trunc('month', day)::date::text as month, sum(ratings)::int as n, (sum(rating_sum)::float8 / nullif(sum(ratings), 0)) as average
      from handoff_day_sums
     where org_id = ${scope.org} and ${sql.identifier(side)} = ${scope.team} and day between ${scope.first}::date and ${scope.end}::date
     group by 1`);
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

/** Partners of each team: the other teams it handed work to or got work from in the quarter. */
async function partnersOf(db: Db, orgId: string, teamIds: string[], start: string, end: string) {
  const { rows } = await db.execute<{ team: string; partner: string; handoffs: number }>(sql`
    select team, partner, sum(handoffs)::int as handoffs from (
      select giver_team_id as team, receiver_team_id as partner, handoffs from handoff_day_sums
       where org_id = ${orgId} and giver_team_id = any(${sql.param(teamIds)}::uuid[]) and day between ${start}::date and ${end}::date
      union all
      select receiver_team_id, giver_team_id, handoffs from handoff_day_sums
       where org_id = ${orgId} and receiver_team_id = any(${sql.param(teamIds)}::uuid[]) and day between ${start}::date and ${end}::date
    ) h where team <> partner and partner <> ${NO_TEAM} group by 1, 2 having sum(handoffs) > 0`);
  return rows;
}

export async function findScan(db: Db, tenant: TenantContext, query: { quarter?: string }): Promise<Scan> {
  const quarter = query.quarter ?? quarterOf(localDay(tenant.timeZone));
  const { start, end } = quarterRange(quarter);
  const teamIds = tenant.teamIds;
  if (teamIds.length === 0) return { quarter, teams: [] };
  const [partners, ratings] = await Promise.all([
    partnersOf(db, tenant.orgId, teamIds, start, end),
    db.execute<{ rater: string; rated: string; member_id: string; score: number; comment: string | null }>(sql`
      select rater_team_id as rater, rated_team_id as rated, member_id, score, comment from team_scan_ratings
       where org_id = ${tenant.orgId} and quarter_start = ${start}::date and rater_team_id = any(${sql.param(teamIds)}::uuid[])`),
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
            const all = ratings.rows.filter((r) => r.rater === id && r.rated === p.partner);
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
  const partners = await partnersOf(db, tenant.orgId, [body.raterTeamId], start, end);
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
  await db.execute(sql`
    insert into team_scan_ratings (org_id, quarter_start, rater_team_id, rated_team_id, member_id, score, comment)
    values (${tenant.orgId}, ${start}::date, ${body.raterTeamId}, ${body.ratedTeamId}, ${tenant.memberId}, ${body.score}, ${body.comment?.trim() || null})
    on conflict (org_id, quarter_start, rater_team_id, rated_team_id, member_id)
    do update set score = excluded.score, comment = excluded.comment, updated_at = now()`);
  return findScan(db, tenant, { quarter: body.quarter });
}

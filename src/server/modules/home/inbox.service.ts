import type { Inbox } from '../../../contracts/home.contract';
import type { Deps } from '../../deps';
import { addDays, daysBetween, localDay } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { decisionQueue } from '../counsel/counsel.service';
import { findWeeklyPick } from '../learning/weekly-pick.service';
import { listUnreadOfKind } from '../notifications/notifications.service';
import * as org from '../org/org.service';
import { workList } from '../promises/steps.service';
import { listCampaigns } from '../questions/campaigns.service';
import { findTower } from '../tower/tower.service';
import { listFollowups } from '../voice/follow-ups.service';
import { findSetup } from './setup.service';

// The home of each person: what waits for them today, gathered from the modules' own services, so
// each part keeps that module's rules (who sees which team, the anonymity of core questions).

/** The secret: core questions derive the ballot keys from it. */
export type HomeDeps = Pick<Deps, 'db' | 'appUrl' | 'secret'>;

/** How many of each kind the home lists; the count says how many there are in all. */
const FIRST = 3;
const STEPS_READ = 50;

const has = (tenant: TenantContext, role: string) => tenant.roles.some((r) => r === role);

async function followupsOf(deps: HomeDeps, tenant: TenantContext, today: string): Promise<Inbox['followups']> {
  const { items } = await listFollowups(deps, tenant, 'open');
  // The latest first: the one that waits longest is the one to pick up now.
  const sorted = [...items].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  return {
    count: items.length,
    late: items.filter((f) => f.late).length,
    items: sorted.slice(0, FIRST).map((f) => ({
      id: f.id,
      teamName: f.teamName,
      score: f.reaction.score,
      comment: f.reaction.comment,
      dueOn: f.dueOn,
      daysLate: f.late ? daysBetween(f.dueOn, today) : 0,
    })),
  };
}

async function aboveMandateOf(deps: HomeDeps, tenant: TenantContext): Promise<Inbox['aboveMandate']> {
  const unread = await listUnreadOfKind(deps.db, tenant, 'extra_above_mandate', FIRST);
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    count: unread.count,
    items: unread.items.flatMap((n) =>
      typeof n.data.extraId === 'string'
        ? [
            {
              notificationId: n.id,
              extraId: n.data.extraId,
              memberName: text(n.data.memberName),
              occasion: text(n.data.occasion),
              costCents: typeof n.data.costCents === 'number' ? n.data.costCents : 0,
              at: n.createdAt,
            },
          ]
        : [],
    ),
  };
}

async function weeklyPicksOf(deps: HomeDeps, tenant: TenantContext): Promise<Inbox['weeklyPicks']> {
  const names = await org.findTeamNames(deps.db, tenant.orgId, tenant.managedTeamIds);
  const waiting: NonNullable<Inbox['weeklyPicks']> = [];
  for (const teamId of tenant.managedTeamIds) {
    const pick = await findWeeklyPick(deps.db, tenant, teamId);
    const stories = pick.picks.length + pick.candidates.length;
    // Nothing to choose from in a quiet week: nothing waits.
    if (!pick.chosenBy && stories > 0)
      waiting.push({ teamId, teamName: names.get(teamId) ?? '', weekStart: pick.weekStart, stories });
  }
  return waiting;
}

async function decisionsOf(deps: HomeDeps, tenant: TenantContext): Promise<Inbox['decisions']> {
  const queue = await decisionQueue(deps.db, tenant);
  return {
    count: queue.items.length,
    items: queue.items.slice(0, FIRST).map((p) => ({
      id: p.id,
      title: p.title,
      authorName: p.authorName,
      flagged: p.flagged,
      daysWaiting: p.daysToDecision,
    })),
  };
}

async function changesOf(deps: HomeDeps, tenant: TenantContext): Promise<Inbox['changes']> {
  const tower = await findTower(deps.db, tenant);
  return {
    extras: { now: tower.extras.count, before: tower.extras.previousCount },
    reactions: { now: tower.voice.count, before: tower.voice.previousCount },
    averageReaction: { now: tower.voice.average, before: tower.voice.previousAverage },
    keptShare: { now: tower.promises.keptShare, before: tower.promises.previousKeptShare },
    promisesAtRisk: tower.promises.atRisk,
  };
}

async function roundsOf(deps: HomeDeps, tenant: TenantContext): Promise<Inbox['rounds']> {
  // Only my own status: whether anyone else answered is never part of it.
  const { items } = await listCampaigns(deps, tenant);
  return items
    .filter((c) => c.status === 'open' && c.myStatus === 'to_answer')
    .map((c) => ({ id: c.id, title: c.title, closesOn: c.closesOn }));
}

async function stepsOf(deps: HomeDeps, tenant: TenantContext, today: string): Promise<Inbox['steps']> {
  const { items } = await workList(deps.db, tenant, { state: 'open', limit: STEPS_READ });
  const leads = tenant.managedTeamIds.length > 0 || has(tenant, 'director');
  // Someone who joined today has not let anything be late: a step that was already due when they
  // joined is not theirs to answer for (the work list says so; their manager sees it).
  const tomorrow = addDays(today, 1);
  const mine = leads ? items : items.filter((w) => w.yours || !w.step.late);
  const shaped = mine.map((w) => ({
    promiseId: w.promise.id,
    stepId: w.step.id,
    what: w.step.what,
    promiseWhat: w.promise.what,
    customer: w.promise.customer,
    teamName: w.step.team.name,
    dueDate: w.step.dueDate,
    late: w.step.late,
    atRisk: !w.step.late && w.step.accepted === null && w.step.dueDate <= tomorrow,
  }));
  return {
    open: shaped.length,
    late: shaped.filter((s) => s.late).length,
    atRisk: shaped.filter((s) => s.atRisk).length,
    items: [...shaped.filter((s) => s.late), ...shaped.filter((s) => !s.late)].slice(0, FIRST),
  };
}

/** What waits for this person today, by role. Each part is there only for the roles it is for. */
export async function findInbox(deps: HomeDeps, tenant: TenantContext): Promise<Inbox> {
  const today = localDay(tenant.timeZone);
  const staff = ['member', 'manager', 'director', 'admin'].some((r) => has(tenant, r));
  const manager = has(tenant, 'manager') && tenant.managedTeamIds.length > 0;
  const director = has(tenant, 'director');
  const [followups, aboveMandate, weeklyPicks, decisions, changes, rounds, steps, setup] = await Promise.all([
    manager ? followupsOf(deps, tenant, today) : null,
    manager ? aboveMandateOf(deps, tenant) : null,
    manager ? weeklyPicksOf(deps, tenant) : null,
    director ? decisionsOf(deps, tenant) : null,
    director ? changesOf(deps, tenant) : null,
    staff ? roundsOf(deps, tenant) : [],
    staff && tenant.teamIds.length > 0 ? stepsOf(deps, tenant, today) : null,
    has(tenant, 'admin') ? findSetup(deps.db, tenant) : null,
  ]);
  return {
    followups,
    aboveMandate,
    weeklyPicks,
    decisions,
    changes,
    rounds,
    steps,
    setup: setup && !setup.finished ? setup : null,
  };
}

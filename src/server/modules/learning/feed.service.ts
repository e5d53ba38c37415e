import type { ExtraKind } from '../../../contracts/constants';
import type { SimilarStories, Story, StoryComment, StoryPage } from '../../../contracts/learning.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { groupBy } from '../../lib/objects';
import type { TenantContext } from '../../lib/request-context';
import * as extrasService from '../extras/extras.service';
import * as org from '../org/org.service';
import * as read from './extras.read-model';
import * as repo from './learning.repo';

// The team feed: extras told as stories that the team reads, thanks and comments on. Best practices
// are stories a manager put forward for the whole organisation.

const COMMENTS_PER_STORY = 50;

const isDirector = (tenant: TenantContext) => tenant.roles.includes('director');

/** Whether the caller may read the feed of a team: its members and managers, and directors. */
export function readsTeam(tenant: TenantContext, teamId: string) {
  return tenant.teamIds.includes(teamId) || tenant.managedTeamIds.includes(teamId) || isDirector(tenant);
}

/** Managers of one of the story's teams, and directors, look after the feed. */
function looksAfter(tenant: TenantContext, teamIds: string[]) {
  return isDirector(tenant) || teamIds.some((id) => tenant.managedTeamIds.includes(id));
}

/** Makes stories of the rows, with names and comments, in the order given. */
async function toStories(db: Tx, tenant: TenantContext, rows: read.StoryRow[]): Promise<Story[]> {
  const comments = await repo.selectComments(
    db,
    tenant.orgId,
    rows.map((r) => r.id),
  );
  const commentsOf = groupBy(comments, (c) => c.extraId);
  // The names came with the rows: no further round trip.
  const person = (id: string, name: string | null) => ({ id, name: name ?? '' });
  return rows.map((r) => {
    const own = (commentsOf.get(r.id) ?? []).slice(-COMMENTS_PER_STORY);
    return {
      id: r.id,
      author: person(r.member_id, r.author_name),
      teamIds: r.team_ids,
      occurredAt: r.occurred_at,
      occasion: r.occasion,
      action: r.action,
      kind: r.kind,
      valueIds: r.value_ids,
      reactionText: r.reaction_text,
      reactionScore: r.reaction_score,
      thanks: r.thanks,
      thankedByMe: r.thanked_by_me,
      comments: own.map(
        (c): StoryComment => ({
          id: c.id,
          author: person(c.memberId, c.memberName),
          body: c.body,
          createdAt: c.createdAt,
          removable: c.memberId === tenant.memberId || looksAfter(tenant, r.team_ids),
        }),
      ),
      bestPractice:
        r.bp_why && r.bp_by && r.bp_at ? { why: r.bp_why, by: person(r.bp_by, r.bp_by_name), at: r.bp_at } : null,
      mine: r.member_id === tenant.memberId,
    };
  });
}

async function page(db: Tx, tenant: TenantContext, rows: read.StoryRow[], limit: number): Promise<StoryPage> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: await toStories(db, tenant, shown),
    nextCursor: rows.length > limit && last ? encodeCursor(last.cursor_at, last.id) : null,
  };
}

export async function teamFeed(
  db: Db,
  tenant: TenantContext,
  query: { teamId?: string; limit: number; cursor?: string },
): Promise<StoryPage> {
  const teamId = query.teamId ?? tenant.teamIds[0] ?? tenant.managedTeamIds[0];
  if (!teamId) return { items: [], nextCursor: null };
  if (!readsTeam(tenant, teamId)) throw forbidden();
  const after = decodeCursor(query.cursor);
  const rows = await read.selectStories(
    db,
    tenant.orgId,
    tenant.memberId,
    { teamId },
    {
      limit: query.limit + 1,
      ...(after ? { after } : {}),
    },
  );
  return page(db, tenant, rows, query.limit);
}

/**
 * A story the caller may react to: in the feed, and in a team whose feed they read. Anything else is a
 * 404, so that a story kept out of the feed cannot even be confirmed to exist.
 */
async function loadStory(tx: Tx, tenant: TenantContext, extraId: string) {
  const row = await read.selectFeedExtra(tx, tenant.orgId, extraId);
  if (!row?.inFeed || row.hiddenAt || row.deletedAt) throw notFound();
  if (!row.teamIds.some((id) => readsTeam(tenant, id))) throw notFound();
  return row;
}

/** Feed stories by id (those that are not in the feed are left out), in no particular order. */
export async function storiesByIds(db: Tx, tenant: TenantContext, ids: string[]): Promise<Story[]> {
  return toStories(db, tenant, await read.selectStoriesByIds(db, tenant.orgId, tenant.memberId, ids));
}

async function oneStory(db: Tx, tenant: TenantContext, extraId: string): Promise<Story> {
  const [story] = await storiesByIds(db, tenant, [extraId]);
  if (!story) throw notFound();
  return story;
}

export async function thank(db: Db, tenant: TenantContext, extraId: string, on: boolean): Promise<Story> {
  return db.transaction(async (tx) => {
    const row = await loadStory(tx, tenant, extraId);
    if (row.memberId === tenant.memberId) throw new AppError('own_story', 409);
    if (on) await repo.insertThanks(tx, tenant.orgId, extraId, tenant.memberId);
    else await repo.deleteThanks(tx, tenant.orgId, extraId, tenant.memberId);
    return oneStory(tx, tenant, extraId);
  });
}

export async function addComment(db: Db, tenant: TenantContext, extraId: string, body: string): Promise<Story> {
  return db.transaction(async (tx) => {
    await loadStory(tx, tenant, extraId);
    await repo.insertComment(tx, tenant.orgId, { extraId, memberId: tenant.memberId, body });
    return oneStory(tx, tenant, extraId);
  });
}

export async function removeComment(db: Db, tenant: TenantContext, extraId: string, commentId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const story = await loadStory(tx, tenant, extraId);
    const comment = await repo.selectComment(tx, tenant.orgId, extraId, commentId);
    if (!comment) throw notFound();
    if (comment.memberId !== tenant.memberId && !looksAfter(tenant, story.teamIds)) throw forbidden();
    await repo.softDeleteComment(tx, tenant.orgId, commentId, tenant.memberId);
    if (comment.memberId !== tenant.memberId) {
      await org.recordAudit(tx, tenant, 'comment.removed', 'extra_comment', commentId, { extraId });
    }
  });
}

/** The author keeps one extra out of the feed (or lets it back in). Out of the feed is out of best practices too. */
export async function setInFeed(db: Db, tenant: TenantContext, extraId: string, inFeed: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await read.selectFeedExtra(tx, tenant.orgId, extraId);
    if (!row || row.deletedAt || row.memberId !== tenant.memberId) throw notFound();
    await extrasService.setInFeed(tx, tenant.orgId, extraId, inFeed);
    await org.recordAudit(tx, tenant, inFeed ? 'extra.into_feed' : 'extra.out_of_feed', 'extra', extraId);
  });
}

// ---------- best practices ----------

export async function promote(db: Db, tenant: TenantContext, extraId: string, why: string): Promise<Story> {
  return db.transaction(async (tx) => {
    const row = await read.selectFeedExtra(tx, tenant.orgId, extraId);
    if (!row || row.deletedAt || !looksAfter(tenant, row.teamIds)) throw notFound();
    // A story its author kept out of the feed, or one a manager hid, is not put forward.
    if (!row.inFeed || row.hiddenAt) throw new AppError('not_in_feed', 409);
    await repo.upsertBestPractice(tx, tenant.orgId, extraId, why, tenant.memberId);
    await org.recordAudit(tx, tenant, 'best_practice.promoted', 'extra', extraId, { why });
    return oneStory(tx, tenant, extraId);
  });
}

export async function withdraw(db: Db, tenant: TenantContext, extraId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await read.selectFeedExtra(tx, tenant.orgId, extraId);
    if (!row || !looksAfter(tenant, row.teamIds)) throw notFound();
    if (!(await repo.deleteBestPractice(tx, tenant.orgId, extraId))) throw notFound();
    await org.recordAudit(tx, tenant, 'best_practice.withdrawn', 'extra', extraId);
  });
}

export async function listBestPractices(
  db: Db,
  tenant: TenantContext,
  query: { valueId?: string; kind?: ExtraKind; q?: string; limit: number; cursor?: string },
): Promise<StoryPage> {
  const filter = {
    ...(query.valueId ? { valueId: query.valueId } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
  const after = decodeCursor(query.cursor);
  const rows = await read.selectStories(db, tenant.orgId, tenant.memberId, filter, {
    limit: query.limit + 1,
    bestPracticesOnly: true,
    orderBy: 'promoted',
    ...(after ? { after } : {}),
  });
  return page(db, tenant, rows, query.limit);
}

// ---------- similar occasions ----------

const SIMILAR_MAX = 5;

/**
 * What colleagues did on occasions like this one: stories from the caller's own teams' feeds and the
 * organisation's best practices whose occasion shares words with it (stemmed), best matches first,
 * better-received ones first among equals.
 */
export async function similarStories(db: Db, tenant: TenantContext, occasion: string): Promise<SimilarStories> {
  const teams = [...new Set([...tenant.teamIds, ...tenant.managedTeamIds])];
  const rows = await read.selectSimilar(db, tenant.orgId, tenant.memberId, teams, occasion, SIMILAR_MAX);
  const names = await org.findMemberNames(
    db,
    tenant.orgId,
    rows.map((r) => r.member_id),
  );
  return {
    items: rows.map((r) => ({
      extraId: r.id,
      author: { id: r.member_id, name: names.get(r.member_id) ?? '' },
      occasion: r.occasion,
      action: r.action,
      kind: r.kind,
      reactionText: r.reaction_text,
      reactionScore: r.reaction_score,
      bestPractice: r.best_practice,
    })),
  };
}

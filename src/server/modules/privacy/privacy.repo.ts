import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { members, organizations } from '../../db/schema/org.schema';
import { idempotencyKeys } from '../../db/schema/platform.schema';
import { memberFigureViews } from '../../db/schema/privacy.schema';

// The privacy module's SQL: its own table (who saw one member's figures) and what erasure and the
// personal data file read of the core (members, people, organisations). Tables and columns are named
// through the schema objects, so a rename fails to compile. What the data file reads of every other
// module's tables stays in export.read-model.ts.

const v = alias(memberFigureViews, 'v');
const o = alias(organizations, 'o');

// ---------- the person a data file or an erasure is about ----------

export async function selectSubject(tx: Tx, orgId: string, memberId: string) {
  const [subject] = await tx
    .select({ userId: members.userId, status: members.status })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
  return subject;
}

/** The member to erase with their address and the organisation's language, locked for the erasure. */
export async function lockPersonToErase(tx: Tx, orgId: string, memberId: string) {
  const [person] = await tx
    .select({
      userId: members.userId,
      status: members.status,
      erasedAt: members.erasedAt,
      email: authUser.email,
      name: authUser.name,
      language: organizations.defaultLanguage,
    })
    .from(members)
    .innerJoin(authUser, eq(authUser.id, members.userId))
    .innerJoin(organizations, eq(organizations.id, members.orgId))
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)))
    .for('update', { of: members });
  return person;
}

/** The first answers kept for the member's retried writes (Idempotency-Key). */
export async function deleteIdempotencyKeysOf(tx: Tx, orgId: string, memberId: string) {
  await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.memberId, memberId)));
}

// ---------- who saw one member's figures ----------

export async function insertFigureViews(tx: Tx, rows: (typeof memberFigureViews.$inferInsert)[]) {
  await tx.insert(memberFigureViews).values(rows);
}

/** What was written down about the member as the one whose figures were seen. */
export async function deleteFigureViewsOf(tx: Tx, orgId: string, memberId: string) {
  await tx
    .delete(memberFigureViews)
    .where(and(eq(memberFigureViews.orgId, orgId), eq(memberFigureViews.memberId, memberId)));
}

/** How long the organisation keeps the views, and since when member comparison is on (null: off). */
export async function selectViewSettings(db: Db, orgId: string) {
  const [settings] = await db
    .select({ keepDays: organizations.viewLogKeepDays, since: organizations.memberComparisonSince })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return settings!;
}

/** Views of the member's figures within the last `keepDays` before `now`, newest first. */
export function selectFigureViewsOf(
  db: Db,
  orgId: string,
  memberId: string,
  within: { now: Date; keepDays: number; limit: number },
) {
  return db
    .select({
      id: memberFigureViews.id,
      viewerId: memberFigureViews.viewerId,
      view: memberFigureViews.view,
      teamId: memberFigureViews.teamId,
      at: memberFigureViews.at,
    })
    .from(memberFigureViews)
    .where(
      and(
        eq(memberFigureViews.orgId, orgId),
        eq(memberFigureViews.memberId, memberId),
        gt(
          memberFigureViews.at,
          sql`${within.now.toISOString()}::timestamptz - make_interval(days => ${within.keepDays})`,
        ),
      ),
    )
    .orderBy(desc(memberFigureViews.at))
    .limit(within.limit);
}

/** Over every organisation: drops the views older than the organisation's retention; answers how many. */
export async function deleteOldFigureViews(db: Db, now: Date): Promise<number> {
  const result = await db.execute(sql`
    delete from ${memberFigureViews} ${v}
     using ${organizations} ${o}
     where ${o.id} = ${v.orgId} and ${v.at} < ${now.toISOString()}::timestamptz - make_interval(days => ${o.viewLogKeepDays})`);
  return result.rowCount ?? 0;
}

/** The SQL of notifications, named through the schema objects. */
import { and, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { notifications } from '../../db/schema/platform.schema';

type NotificationInsert = Omit<typeof notifications.$inferInsert, 'orgId' | 'id'>;

/** Stores notices, in slices: PostgreSQL takes at most 65,535 parameters in one statement. */
export async function insertNotifications(tx: Tx, orgId: string, rows: NotificationInsert[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    await tx.insert(notifications).values(rows.slice(i, i + 5000).map((r) => ({ orgId, ...r })));
  }
}

/** Marks read the unread notices of this kind whose data holds `about`, for everyone who got one. */
export async function markKindReadAbout(
  tx: Tx,
  orgId: string,
  kind: NotificationInsert['kind'],
  about: Record<string, string>,
) {
  await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.orgId, orgId),
        eq(notifications.kind, kind),
        isNull(notifications.readAt),
        sql`${notifications.data} @> ${JSON.stringify(about)}::jsonb`,
      ),
    );
}

/** A member's notices (and only theirs), with a further condition. */
const ofMember = (orgId: string, memberId: string, ...more: (SQL | undefined)[]) =>
  and(eq(notifications.orgId, orgId), eq(notifications.memberId, memberId), ...more);

/** A member's notices (unread only, or of one kind, when asked), newest first, and how many in all. */
export async function selectMemberNotifications(
  db: Tx,
  orgId: string,
  memberId: string,
  filter: { kind?: NotificationInsert['kind']; unreadOnly?: boolean },
  limit: number,
) {
  const which = ofMember(
    orgId,
    memberId,
    filter.kind ? eq(notifications.kind, filter.kind) : undefined,
    filter.unreadOnly ? isNull(notifications.readAt) : undefined,
  );
  return db.select().from(notifications).where(which).orderBy(desc(notifications.createdAt)).limit(limit);
}

/** How many unread notices a member has (of one kind, when asked). */
export async function countUnread(db: Tx, orgId: string, memberId: string, kind?: NotificationInsert['kind']) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(ofMember(orgId, memberId, kind ? eq(notifications.kind, kind) : undefined, isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks a member's unread notices read (all, or these); the ids of those marked. */
export async function markMemberRead(db: Tx, orgId: string, memberId: string, ids: string[] | 'all') {
  return db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      ofMember(
        orgId,
        memberId,
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    )
    .returning({ id: notifications.id });
}

/** Whether the member has this notice, read or not. */
export async function memberHasNotification(db: Tx, orgId: string, memberId: string, notificationId: string) {
  const [row] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(ofMember(orgId, memberId, eq(notifications.id, notificationId)));
  return row !== undefined;
}

/** Erasure: a member's notices go, and their name in others' notices becomes the placeholder's. */
export async function eraseMemberNotifications(tx: Tx, orgId: string, memberId: string, placeholderName: string) {
  await tx.delete(notifications).where(and(eq(notifications.orgId, orgId), eq(notifications.memberId, memberId)));
  await tx
    .update(notifications)
    .set({ data: sql`jsonb_set(${notifications.data}, '{memberName}', to_jsonb(${placeholderName}::text))` })
    .where(
      and(
        eq(notifications.orgId, orgId),
        sql`${notifications.data}->>'memberId' = ${memberId}`,
        sql`${notifications.data} ? 'memberName'`,
      ),
    );
}

/** The SQL of notifications, named through the schema objects. */
import { and, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { runPrepared, type Tx } from '../../db/client';
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

const $p = sql.placeholder;

/** A member's notices (and only theirs), with a further condition. */
const ofMember = (orgId: string, memberId: string, ...more: (SQL | undefined)[]) =>
  and(eq(notifications.orgId, orgId), eq(notifications.memberId, memberId), ...more);

/** The same with placeholders (runPrepared), and of one kind when asked. */
const ofMemberPlaceheld = (kind: boolean, ...more: SQL[]) =>
  and(
    eq(notifications.orgId, $p('orgId')),
    eq(notifications.memberId, $p('memberId')),
    ...(kind ? [eq(notifications.kind, $p('kind'))] : []),
    ...more,
  );

/** A member's notices (unread only, or of one kind, when asked), newest first. */
export async function selectMemberNotifications(
  db: Tx,
  orgId: string,
  memberId: string,
  filter: { kind?: NotificationInsert['kind']; unreadOnly?: boolean },
  limit: number,
) {
  const kind = !!filter.kind;
  const unreadOnly = !!filter.unreadOnly;
  return runPrepared(
    db,
    `member-notifications:${kind ? 'kind' : ''}:${unreadOnly ? 'unread' : ''}`,
    (q) =>
      q
        .select()
        .from(notifications)
        .where(ofMemberPlaceheld(kind, ...(unreadOnly ? [isNull(notifications.readAt)] : [])))
        .orderBy(desc(notifications.createdAt))
        .limit($p('limit')),
    { orgId, memberId, kind: filter.kind, limit },
  );
}

/** How many unread notices a member has (of one kind, when asked). */
export async function countUnread(db: Tx, orgId: string, memberId: string, kind?: NotificationInsert['kind']) {
  const [row] = await runPrepared(
    db,
    `member-notifications-unread:${kind ? 'kind' : ''}`,
    (q) =>
      q
        .select({ n: count() })
        .from(notifications)
        .where(ofMemberPlaceheld(!!kind, isNull(notifications.readAt))),
    { orgId, memberId, kind },
  );
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

/** Where a notice names a person: the key of the name, and the key of that person's member id beside it. */
const NAMED_IN_NOTICES = [
  { name: 'memberName', id: 'memberId' },
  { name: 'fromName', id: 'fromMemberId' },
] as const;

/** Erasure: a member's notices go, and their name in others' notices becomes the placeholder's. */
export async function eraseMemberNotifications(tx: Tx, orgId: string, memberId: string, placeholderName: string) {
  await tx.delete(notifications).where(and(eq(notifications.orgId, orgId), eq(notifications.memberId, memberId)));
  for (const named of NAMED_IN_NOTICES)
    await tx
      .update(notifications)
      .set({
        data: sql`jsonb_set(${notifications.data}, array[${named.name}::text], to_jsonb(${placeholderName}::text))`,
      })
      .where(
        and(
          eq(notifications.orgId, orgId),
          sql`${notifications.data} ? ${named.name}`,
          sql`${notifications.data}->>${named.id}::text = ${memberId}`,
        ),
      );
}

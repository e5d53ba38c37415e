import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Notification } from '../../../contracts/notifications.contract';
import type { Db, Tx } from '../../db/client';
import { notifications } from '../../db/schema/platform.schema';
import { notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';

export type NotificationKind = Notification['kind'];

/** Tells each of these members something in the app, in the caller's transaction. */
export async function notifyMembers(
  tx: Tx,
  orgId: string,
  memberIds: string[],
  kind: NotificationKind,
  data: Record<string, unknown>,
) {
  const unique = [...new Set(memberIds)];
  if (unique.length === 0) return;
  // In slices: PostgreSQL takes at most 65,535 parameters in one statement (a round of questions tells everyone).
  for (let i = 0; i < unique.length; i += 5000) {
    await tx
      .insert(notifications)
      .values(unique.slice(i, i + 5000).map((memberId) => ({ orgId, memberId, kind, data })));
  }
}

/**
 * Marks as read, for everyone who got one, the notices of this kind about a matter that is settled
 * (their data holds `about`, e.g. the follow-up that was closed): nothing is left to do about them.
 */
export async function settleNotifications(
  tx: Tx,
  orgId: string,
  kind: NotificationKind,
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

export async function listNotifications(
  db: Db,
  tenant: TenantContext,
): Promise<{ items: Notification[]; unread: number }> {
  const mine = and(eq(notifications.orgId, tenant.orgId), eq(notifications.memberId, tenant.memberId));
  const rows = await db.select().from(notifications).where(mine).orderBy(desc(notifications.createdAt)).limit(50);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(mine, isNull(notifications.readAt)));
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      data: r.data,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
    unread: unread?.n ?? 0,
  };
}

export async function markRead(db: Db, tenant: TenantContext, notificationId: string | 'all') {
  const mine = and(
    eq(notifications.orgId, tenant.orgId),
    eq(notifications.memberId, tenant.memberId),
    isNull(notifications.readAt),
  );
  const which = notificationId === 'all' ? mine : and(mine, inArray(notifications.id, [notificationId]));
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(which)
    .returning({ id: notifications.id });
  if (notificationId !== 'all' && updated.length === 0) {
    const [exists] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.orgId, tenant.orgId),
          eq(notifications.memberId, tenant.memberId),
          eq(notifications.id, notificationId),
        ),
      );
    if (!exists) throw notFound();
  }
}

/** My unread notifications of one kind, newest first, and how many there are (for the home's inbox). */
export async function listUnreadOfKind(db: Db, tenant: TenantContext, kind: NotificationKind, limit: number) {
  const which = and(
    eq(notifications.orgId, tenant.orgId),
    eq(notifications.memberId, tenant.memberId),
    eq(notifications.kind, kind),
    isNull(notifications.readAt),
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(notifications).where(which).orderBy(desc(notifications.createdAt)).limit(limit),
    db.select({ n: count() }).from(notifications).where(which),
  ]);
  return {
    count: total?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      data: r.data,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** Erasure of a member who left: their notices go, and their name in others' notices becomes the placeholder's. */
export async function eraseNotificationsOf(tx: Tx, orgId: string, memberId: string, placeholderName: string) {
  await tx.delete(notifications).where(and(eq(notifications.orgId, orgId), eq(notifications.memberId, memberId)));
  await tx.execute(sql`
    update notifications set data = jsonb_set(data, '{memberName}', to_jsonb(${placeholderName}::text))
     where org_id = ${orgId} and data->>'memberId' = ${memberId} and data ? 'memberName'`);
}

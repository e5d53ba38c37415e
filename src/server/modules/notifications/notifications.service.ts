import type { Notification } from '../../../contracts/notifications.contract';
import type { Db, Tx } from '../../db/client';
import { notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import {
  countUnread,
  eraseMemberNotifications,
  insertNotifications,
  markKindReadAbout,
  markMemberRead,
  memberHasNotification,
  selectMemberNotifications,
} from './notifications.repo';

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
  await insertNotifications(
    tx,
    orgId,
    unique.map((memberId) => ({ memberId, kind, data })),
  );
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
  await markKindReadAbout(tx, orgId, kind, about);
}

export async function listNotifications(
  db: Db,
  tenant: TenantContext,
): Promise<{ items: Notification[]; unread: number }> {
  const rows = await selectMemberNotifications(db, tenant.orgId, tenant.memberId, {}, 50);
  const unread = await countUnread(db, tenant.orgId, tenant.memberId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      data: r.data,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
    unread,
  };
}

export async function markRead(db: Db, tenant: TenantContext, notificationId: string | 'all') {
  const updated = await markMemberRead(
    db,
    tenant.orgId,
    tenant.memberId,
    notificationId === 'all' ? 'all' : [notificationId],
  );
  if (notificationId !== 'all' && updated.length === 0) {
    if (!(await memberHasNotification(db, tenant.orgId, tenant.memberId, notificationId))) throw notFound();
  }
}

/** My unread notifications of one kind, newest first, and how many there are (for the home's inbox). */
export async function listUnreadOfKind(db: Db, tenant: TenantContext, kind: NotificationKind, limit: number) {
  const [rows, total] = await Promise.all([
    selectMemberNotifications(db, tenant.orgId, tenant.memberId, { kind, unreadOnly: true }, limit),
    countUnread(db, tenant.orgId, tenant.memberId, kind),
  ]);
  return {
    count: total,
    items: rows.map((r) => ({
      id: r.id,
      data: r.data,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** Erasure of a member who left: their notices go, and their name in others' notices becomes the placeholder's. */
export async function eraseNotificationsOf(tx: Tx, orgId: string, memberId: string, placeholderName: string) {
  await eraseMemberNotifications(tx, orgId, memberId, placeholderName);
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { notificationList } from '../../../contracts/notifications.contract';
import { apiGet, apiPost } from '../../app/api-client';
import { queryKeys } from '../../app/query-keys';

export type NotificationList = z.infer<typeof notificationList>;
export type AppNotification = NotificationList['items'][number];

/** What an "extra above the mandate" notification carries. */
export interface AboveMandateData {
  extraId: string;
  memberName: string;
  costCents: number;
  reason: string;
  occasion: string;
}

/** The data of a notification as an above-mandate one, or null when it is not one (or is malformed). */
export function aboveMandateData(notification: AppNotification): AboveMandateData | null {
  if (notification.kind !== 'extra_above_mandate') return null;
  const d = notification.data;
  if (typeof d.extraId !== 'string') return null;
  return {
    extraId: d.extraId,
    memberName: typeof d.memberName === 'string' ? d.memberName : '',
    costCents: typeof d.costCents === 'number' ? d.costCents : 0,
    reason: typeof d.reason === 'string' ? d.reason : '',
    occasion: typeof d.occasion === 'string' ? d.occasion : '',
  };
}

/** Polled once a minute (not faster): a manager hears of an extra above the mandate without reloading. */
export function useNotifications() {
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: () => apiGet<NotificationList>('/api/v1/notifications'),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

export function useMarkNotificationRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) => apiPost<unknown>(`/api/v1/notifications/${encodeURIComponent(notificationId)}/read`),
    onMutate: (notificationId) => {
      // Shown as read at once; the refetch below brings the server's view.
      client.setQueryData<NotificationList>(queryKeys.notifications, (list) => {
        if (!list) return list;
        const target = list.items.find((n) => n.id === notificationId);
        if (!target || target.readAt) return list;
        const readAt = new Date().toISOString();
        return {
          items: list.items.map((n) => (n.id === notificationId ? { ...n, readAt } : n)),
          unread: Math.max(0, list.unread - 1),
        };
      });
    },
    onSettled: () => void client.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}

export function useMarkAllNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<unknown>('/api/v1/notifications/read-all'),
    onSettled: () => void client.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { notificationList } from '../../contracts/notifications.contract';
import type { GuidelineBreachDto } from '../../contracts/promises.contract';
import { apiGet, apiPost } from './api-client';
import { queryKeys } from './query-keys';

export type NotificationList = z.infer<typeof notificationList>;
export type AppNotification = NotificationList['items'][number];

/** What an "extra above the mandate" notification carries. */
export interface AboveMandateData {
  extraId: string;
  memberName: string;
  costCents: number;
  /** The part of the cost above the mandate; null on a notice from before it was recorded. */
  aboveCents: number | null;
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
    aboveCents: typeof d.aboveCents === 'number' ? d.aboveCents : null,
    reason: typeof d.reason === 'string' ? d.reason : '',
    occasion: typeof d.occasion === 'string' ? d.occasion : '',
  };
}

/**
 * "Lisa Mulder ging € 5,50 boven het mandaat (extra van € 7,50) — reden: …": the amount above the
 * mandate, not the whole cost. An older notice without it names the cost as the cost of the extra.
 */
export function aboveMandateText(t: TFunction, money: (cents: number) => string, data: AboveMandateData): string {
  const vars = { name: data.memberName, cost: money(data.costCents), reason: data.reason };
  return data.aboveCents === null || data.aboveCents === data.costCents
    ? t('notifications.aboveMandateWhole', vars)
    : t('notifications.aboveMandate', { ...vars, amount: money(data.aboveCents) });
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The breaches as far as they are well-formed; a malformed one is left out. */
function breachesOf(value: unknown): GuidelineBreachDto[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((b): GuidelineBreachDto[] => {
    if (typeof b !== 'object' || b === null) return [];
    const r = b as Record<string, unknown>;
    if (r.code === 'outside_profile') return [{ code: 'outside_profile' }];
    if (r.code === 'lead_time' && typeof r.days === 'number' && typeof r.minimumDays === 'number')
      return [{ code: 'lead_time', days: r.days, minimumDays: r.minimumDays }];
    if (r.code === 'condition_not_met' && typeof r.condition === 'string')
      return [{ code: 'condition_not_met', condition: r.condition }];
    return [];
  });
}

/** The part every notice about a step shares (read by stepOf below). */
type StepNotice = ReturnType<typeof stepOf>;

/** What a notification about a promise carries, per kind. */
export type PromiseNoticeData =
  | {
      kind: 'promise_breaks_guideline';
      promiseId: string;
      what: string;
      customerName: string;
      memberName: string;
      breaches: GuidelineBreachDto[];
      reason: string;
    }
  | (StepNotice & { kind: 'step_sent_back'; reason: string })
  | (StepNotice & { kind: 'step_assigned'; memberName: string })
  | (StepNotice & { kind: 'step_comment'; memberName: string; comment: string })
  | (StepNotice & {
      kind: 'step_due_soon' | 'step_late';
      customerName: string;
      /** "2026-12-01", or null when missing or malformed. */
      dueDate: string | null;
    });

/** What every notice about a step carries: the step, its promise and the team doing it. */
const stepOf = (d: Record<string, unknown>, promiseId: string) => ({
  promiseId,
  stepId: text(d.stepId),
  what: text(d.what),
  promiseWhat: text(d.promiseWhat),
  teamName: text(d.teamName),
});

/** The data of a notification about a promise, or null when it is of another kind (or is malformed: no promise to open). */
export function promiseNoticeData(notification: AppNotification): PromiseNoticeData | null {
  const d: Record<string, unknown> =
    typeof notification.data === 'object' && notification.data !== null ? notification.data : {};
  if (typeof d.promiseId !== 'string' || d.promiseId === '') return null;
  const promiseId = d.promiseId;
  switch (notification.kind) {
    case 'promise_breaks_guideline':
      return {
        kind: notification.kind,
        promiseId,
        what: text(d.what),
        customerName: text(d.customerName),
        memberName: text(d.memberName),
        breaches: breachesOf(d.breaches),
        reason: text(d.reason),
      };
    case 'step_sent_back':
      return { kind: notification.kind, ...stepOf(d, promiseId), reason: text(d.reason) };
    case 'step_assigned':
      return { kind: notification.kind, ...stepOf(d, promiseId), memberName: text(d.memberName) };
    case 'step_comment':
      return {
        kind: notification.kind,
        ...stepOf(d, promiseId),
        memberName: text(d.memberName),
        comment: text(d.comment),
      };
    case 'step_due_soon':
    case 'step_late':
      return {
        kind: notification.kind,
        ...stepOf(d, promiseId),
        customerName: text(d.customerName),
        dueDate: typeof d.dueDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.dueDate) ? d.dueDate : null,
      };
    default:
      return null;
  }
}

/** What a notification about a campaign of core questions carries. */
export type CampaignNoticeData =
  | { kind: 'campaign_open' | 'campaign_closed'; campaignId: string; title: string }
  | {
      kind: 'campaign_reminder';
      campaignId: string;
      title: string;
      /** The campaign's last day ("2026-12-01"), or null when missing or malformed. */
      closesOn: string | null;
    };

/** The data of a notification about a campaign, or null when it is of another kind (or is malformed: no campaign to open). */
export function campaignNoticeData(notification: AppNotification): CampaignNoticeData | null {
  const d: Record<string, unknown> =
    typeof notification.data === 'object' && notification.data !== null ? notification.data : {};
  if (typeof d.campaignId !== 'string' || d.campaignId === '') return null;
  const campaignId = d.campaignId;
  switch (notification.kind) {
    case 'campaign_open':
    case 'campaign_closed':
      return { kind: notification.kind, campaignId, title: text(d.title) };
    case 'campaign_reminder':
      return {
        kind: notification.kind,
        campaignId,
        title: text(d.title),
        closesOn: typeof d.closesOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.closesOn) ? d.closesOn : null,
      };
    default:
      return null;
  }
}

/** Where a campaign notification leads: the campaign to answer, or its results once it has closed. */
export function campaignNoticePath(data: CampaignNoticeData): string {
  const path = `/questions/${encodeURIComponent(data.campaignId)}`;
  return data.kind === 'campaign_closed' ? `${path}/results` : path;
}

/** What a notification about the customer's own voice carries. */
export type VoiceNoticeData =
  | {
      kind: 'customer_reaction';
      reactionId: string;
      /** The score on its own scale, or null when missing or malformed. */
      score: number | null;
      scale: 'agree5' | 'scale10';
      extraId: string | null;
      promiseId: string | null;
    }
  | { kind: 'voice_followup'; followupId: string; score: number | null; scale: 'agree5' | 'scale10' };

const id = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** The data of a notification about a customer's reaction or its follow-up, or null when it is of another kind. */
export function voiceNoticeData(notification: AppNotification): VoiceNoticeData | null {
  const d: Record<string, unknown> =
    typeof notification.data === 'object' && notification.data !== null ? notification.data : {};
  const scale = d.scale === 'scale10' ? 'scale10' : 'agree5';
  const max = scale === 'scale10' ? 10 : 5;
  const min = scale === 'scale10' ? 0 : 1;
  const score =
    typeof d.score === 'number' && Number.isInteger(d.score) && d.score >= min && d.score <= max ? d.score : null;
  switch (notification.kind) {
    case 'customer_reaction':
      return {
        kind: notification.kind,
        reactionId: text(d.reactionId),
        score,
        scale,
        extraId: id(d.extraId),
        promiseId: id(d.promiseId),
      };
    case 'voice_followup':
      return { kind: notification.kind, followupId: text(d.followupId), score, scale };
    default:
      return null;
  }
}

/** Where a voice notification leads: the extra or promise the customer reacted to, or the follow-ups. */
export function voiceNoticePath(data: VoiceNoticeData): string {
  if (data.kind === 'voice_followup') return '/customer-voice/follow-ups';
  if (data.extraId) return `/extras/${encodeURIComponent(data.extraId)}`;
  if (data.promiseId) return `/promises/${encodeURIComponent(data.promiseId)}`;
  return '/customer-voice';
}

/** What a notification about a proposal carries: a new one for the director, a decision for its author. */
export type CounselNoticeData =
  | { kind: 'proposal_submitted'; proposalId: string; title: string; flagged: boolean }
  | {
      kind: 'proposal_decided';
      proposalId: string;
      title: string;
      /** What the director decided, or null when missing or malformed. */
      status: 'approved' | 'declined' | 'more_asked' | null;
    };

/** The data of a notification about a proposal, or null when it is of another kind (or is malformed: no proposal to open). */
export function counselNoticeData(notification: AppNotification): CounselNoticeData | null {
  const d: Record<string, unknown> =
    typeof notification.data === 'object' && notification.data !== null ? notification.data : {};
  if (typeof d.proposalId !== 'string' || d.proposalId === '') return null;
  switch (notification.kind) {
    case 'proposal_submitted':
      return { kind: notification.kind, proposalId: d.proposalId, title: text(d.title), flagged: d.flagged === true };
    case 'proposal_decided':
      return {
        kind: notification.kind,
        proposalId: d.proposalId,
        title: text(d.title),
        status: d.status === 'approved' || d.status === 'declined' || d.status === 'more_asked' ? d.status : null,
      };
    default:
      return null;
  }
}

/** Where a proposal notification leads: the director to the decision queue, the author to the proposal. */
export function counselNoticePath(data: CounselNoticeData): string {
  return data.kind === 'proposal_submitted' ? '/decision-queue' : `/proposals/${encodeURIComponent(data.proposalId)}`;
}

/** What a notification about thanks carries: who thanked, in which words, and the team when the whole team was thanked. */
export interface ThanksNoticeData {
  kind: 'thanks_received';
  thanksId: string;
  fromName: string;
  words: string;
  toTeamId: string | null;
  toTeamName: string;
}

/** The data of a notification about thanks, or null when it is of another kind (or is malformed). */
export function thanksNoticeData(notification: AppNotification): ThanksNoticeData | null {
  const d: Record<string, unknown> =
    typeof notification.data === 'object' && notification.data !== null ? notification.data : {};
  if (notification.kind !== 'thanks_received' || typeof d.thanksId !== 'string' || d.thanksId === '') return null;
  return {
    kind: notification.kind,
    thanksId: d.thanksId,
    fromName: text(d.fromName),
    words: text(d.words),
    toTeamId: typeof d.toTeamId === 'string' && d.toTeamId !== '' ? d.toTeamId : null,
    toTeamName: text(d.toTeamName),
  };
}

/** Where a thanks notification leads: thanks to the team to its feed, thanks to me to my profile. */
export function thanksNoticePath(data: ThanksNoticeData): string {
  return data.toTeamId ? `/feed?${new URLSearchParams({ team: data.toTeamId }).toString()}` : '/profile';
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
    mutationFn: (notificationId: string) =>
      apiPost<unknown>(`/api/v1/notifications/${encodeURIComponent(notificationId)}/read`),
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

import { Button, Group, Popover, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { GuidelineBreachDto } from '../../../contracts/promises.contract';
import {
  type AppNotification,
  aboveMandateData,
  aboveMandateText,
  type CampaignNoticeData,
  type CounselNoticeData,
  campaignNoticeData,
  campaignNoticePath,
  counselNoticeData,
  counselNoticePath,
  type PromiseNoticeData,
  promiseNoticeData,
  thanksNoticeData,
  thanksNoticePath,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  type VoiceNoticeData,
  voiceNoticeData,
  voiceNoticePath,
} from '../../app/notifications.api';
import { useFormat } from '../../app/use-format';
import { scoreText } from '../../app/voice-scores';
import { ProblemAlert } from '../../components/problem-alert.component';
import { useIsPhone } from '../../components/use-is-phone';
import { BellButton } from './notifications-bell-button.component';

/** The bell with its dropdown; loaded the first time the bell is pressed. */
export function NotificationsPopover({
  opened,
  onToggle,
  onClose,
}: {
  opened: boolean;
  onToggle: () => void;
  onClose: () => void;
}) {
  const phone = useIsPhone();
  return (
    <Popover
      opened={opened}
      onChange={(o) => (o ? undefined : onClose())}
      onDismiss={onClose}
      position="bottom-end"
      width={phone ? 'calc(100vw - 16px)' : 380}
      shadow="md"
      withinPortal
    >
      <Popover.Target>
        <BellButton opened={opened} onClick={onToggle} />
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <NotificationList onDone={onClose} />
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationList({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const markAll = useMarkAllNotificationsRead();
  const items = notifications.data?.items ?? [];
  return (
    <Stack gap={0}>
      <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Text fw={700}>{t('notifications.title')}</Text>
        {(notifications.data?.unread ?? 0) > 0 && (
          <Button size="compact-sm" variant="subtle" loading={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('notifications.markAllRead')}
          </Button>
        )}
      </Group>
      {notifications.error ? (
        <div style={{ padding: 12 }}>
          <ProblemAlert error={notifications.error} />
        </div>
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm" p="md">
          {notifications.data ? t('notifications.none') : t('common.loading')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah="min(70vh, 480px)" type="auto">
          <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((notification) => (
              <li key={notification.id}>
                <NotificationItem notification={notification} onDone={onDone} />
              </li>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
      <ProblemAlert error={markAll.error} />
    </Stack>
  );
}

type Format = ReturnType<typeof useFormat>;

/** What a notification says: a line, an optional detail under it, and where it leads. */
interface NoticeContent {
  text: string;
  detail: string;
  path: string | null;
}

function breachText(t: TFunction, breach: GuidelineBreachDto): string {
  switch (breach.code) {
    case 'outside_profile':
      return t('notifications.breaches.outside_profile');
    case 'lead_time':
      return t('notifications.breaches.lead_time', { days: breach.days, minimumDays: breach.minimumDays });
    case 'condition_not_met':
      return t('notifications.breaches.condition_not_met', { condition: breach.condition });
  }
}

/** Joins the parts that are there with " · ". */
const joined = (...parts: string[]) => parts.filter((part) => part.trim() !== '').join(' · ');

function promiseNoticeContent(t: TFunction, format: Format, data: PromiseNoticeData): NoticeContent {
  const path = `/promises/${encodeURIComponent(data.promiseId)}`;
  switch (data.kind) {
    case 'promise_breaks_guideline':
      return {
        text: t('notifications.breaksGuideline', {
          name: data.memberName || t('notifications.someone'),
          customer: data.customerName,
          what: data.what,
        }),
        detail: joined(
          data.breaches.map((b) => breachText(t, b)).join('; '),
          data.reason ? t('notifications.reason', { reason: data.reason }) : '',
        ),
        path,
      };
    case 'step_sent_back':
      return {
        text: t('notifications.sentBack', { team: data.teamName || t('notifications.aTeam'), what: data.what }),
        detail: joined(data.promiseWhat, data.reason ? t('notifications.reason', { reason: data.reason }) : ''),
        path,
      };
    case 'step_assigned':
      return {
        text: t('notifications.stepAssigned', { name: data.memberName || t('notifications.someone'), what: data.what }),
        detail: joined(data.promiseWhat, data.teamName),
        path,
      };
    case 'step_comment':
      return {
        text: t('notifications.stepComment', {
          name: data.memberName || t('notifications.someone'),
          what: data.what,
          comment: data.comment,
        }),
        detail: joined(data.promiseWhat, data.teamName),
        path,
      };
    case 'step_due_soon':
    case 'step_late': {
      const date = data.dueDate ? format.date(`${data.dueDate}T12:00:00Z`) : '';
      const late = data.kind === 'step_late';
      return {
        text: date
          ? late
            ? t('notifications.stepLate', { what: data.what, date })
            : t('notifications.stepDueSoon', { what: data.what, date })
          : late
            ? t('notifications.stepLateNoDate', { what: data.what })
            : t('notifications.stepDueSoonNoDate', { what: data.what }),
        detail: joined(data.customerName, data.promiseWhat, data.teamName),
        path,
      };
    }
  }
}

function campaignNoticeContent(t: TFunction, format: Format, data: CampaignNoticeData): NoticeContent {
  const title = data.title || t('notifications.untitledCampaign');
  const path = campaignNoticePath(data);
  switch (data.kind) {
    case 'campaign_open':
      return { text: t('notifications.campaignOpen', { title }), detail: t('notifications.campaignOpenDetail'), path };
    case 'campaign_reminder':
      return {
        text: data.closesOn
          ? t('notifications.campaignReminder', { title, date: format.date(`${data.closesOn}T12:00:00Z`) })
          : t('notifications.campaignReminderNoDate', { title }),
        detail: t('notifications.campaignReminderDetail'),
        path,
      };
    case 'campaign_closed':
      return { text: t('notifications.campaignClosed', { title }), detail: '', path };
  }
}

function voiceNoticeContent(t: TFunction, data: VoiceNoticeData): NoticeContent {
  const path = voiceNoticePath(data);
  const score = data.score === null ? '' : t('voice.notice.score', { score: scoreText(t, data.scale, data.score) });
  if (data.kind === 'voice_followup')
    return { text: t('voice.notice.followup'), detail: joined(score, t('voice.notice.followupDetail')), path };
  const text = data.extraId
    ? t('voice.notice.reactionOnExtra')
    : data.promiseId
      ? t('voice.notice.reactionOnPromise')
      : t('voice.notice.reaction');
  return { text, detail: score, path };
}

function counselNoticeContent(t: TFunction, data: CounselNoticeData): NoticeContent {
  const title = data.title || t('counsel.notice.untitled');
  const path = counselNoticePath(data);
  if (data.kind === 'proposal_submitted') {
    return {
      text: t('counsel.notice.submitted', { title }),
      detail: data.flagged ? t('counsel.notice.flaggedDetail') : t('counsel.notice.submittedDetail'),
      path,
    };
  }
  switch (data.status) {
    case 'approved':
      return { text: t('counsel.notice.approved', { title }), detail: '', path };
    case 'declined':
      return { text: t('counsel.notice.declined', { title }), detail: '', path };
    case 'more_asked':
      return { text: t('counsel.notice.moreAsked', { title }), detail: '', path };
    default:
      return { text: t('counsel.notice.decided', { title }), detail: '', path };
  }
}

function noticeContent(t: TFunction, format: Format, notification: AppNotification): NoticeContent {
  const above = aboveMandateData(notification);
  if (above) {
    return {
      text: aboveMandateText(t, (cents) => format.money(cents / 100), above),
      detail: above.occasion,
      path: `/extras/${above.extraId}`,
    };
  }
  const promise = promiseNoticeData(notification);
  if (promise) return promiseNoticeContent(t, format, promise);
  const campaign = campaignNoticeData(notification);
  if (campaign) return campaignNoticeContent(t, format, campaign);
  const voice = voiceNoticeData(notification);
  if (voice) return voiceNoticeContent(t, voice);
  const counsel = counselNoticeData(notification);
  if (counsel) return counselNoticeContent(t, counsel);
  const thanks = thanksNoticeData(notification);
  if (thanks) {
    const name = thanks.fromName || t('notifications.someone');
    return {
      text: thanks.toTeamId
        ? t('notifications.thanksTeam', { name, team: thanks.toTeamName, words: thanks.words })
        : t('notifications.thanksPerson', { name, words: thanks.words }),
      detail: '',
      path: thanksNoticePath(thanks),
    };
  }
  return { text: t('notifications.other'), detail: '', path: null };
}

function NotificationItem({ notification, onDone }: { notification: AppNotification; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const markRead = useMarkNotificationRead();
  const content = noticeContent(t, format, notification);
  const unread = !notification.readAt;
  const open = () => {
    if (unread) markRead.mutate(notification.id);
    onDone();
    if (content.path) void navigate(content.path);
  };
  return (
    <UnstyledButton
      onClick={open}
      w="100%"
      px="md"
      py="sm"
      style={{
        display: 'block',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        background: unread ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <span
          aria-hidden="true"
          style={{
            width: 8,
            height: 8,
            marginTop: 7,
            borderRadius: 4,
            flexShrink: 0,
            background: unread ? 'var(--mantine-color-blue-6)' : 'transparent',
          }}
        />
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={unread ? 600 : 400} lineClamp={4} style={{ overflowWrap: 'anywhere' }}>
            {content.text}
          </Text>
          {content.detail && (
            <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {content.detail}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {format.date(notification.createdAt, true)}
            {unread && <VisuallyHidden> · {t('notifications.unread')}</VisuallyHidden>}
          </Text>
        </div>
      </Group>
    </UnstyledButton>
  );
}

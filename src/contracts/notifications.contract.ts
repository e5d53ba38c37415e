import { z } from 'zod';

// In-app notifications for one member (e.g. a manager told of an extra above the mandate).

export const notification = z.object({
  id: z.uuid(),
  kind: z.enum([
    'extra_above_mandate',
    'promise_breaks_guideline',
    'step_sent_back',
    'step_comment',
    'step_assigned',
    'step_due_soon',
    'step_late',
    'campaign_open',
    'campaign_reminder',
    'campaign_closed',
    'customer_reaction',
    'voice_followup',
    'proposal_submitted',
    'proposal_decided',
    'thanks_received',
  ]),
  /** What the notification is about; its shape depends on the kind. */
  data: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof notification>;

export const notificationList = z.object({ items: z.array(notification), unread: z.number().int() });
export const notificationParams = z.strictObject({ notificationId: z.uuid() });

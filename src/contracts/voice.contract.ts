import { z } from 'zod';
import { inputDay, line, prose } from './common.contract';

// The customer's own voice — reaction links and QR codes, touchpoints, reactions, follow-ups.

export const VOICE_SCALES = ['agree5', 'scale10'] as const;
export const voiceScale = z.enum(VOICE_SCALES);
export const VOICE_SUBJECTS = ['extra', 'promise', 'touchpoint'] as const;
export const FOLLOWUP_STATUSES = ['open', 'resolved', 'not_reachable', 'not_resolved', 'not_our_customer'] as const;
export const FOLLOWUP_MESSAGE_KINDS = ['first_answer', 'to_customer', 'from_customer'] as const;
/** The very negative scores, per scale, that open a follow-up (see isVeryNegative on the server). */
export const VERY_NEGATIVE_SCORES = [
  { scale: 'agree5', score: 1 },
  { scale: 'scale10', score: 0 },
  { scale: 'scale10', score: 1 },
  { scale: 'scale10', score: 2 },
] as const;
const day = z.iso.date();

export const voiceLink = z.object({
  id: z.uuid(),
  /** The address a customer opens (also in the QR code). */
  url: z.string(),
  subject: z.enum(VOICE_SUBJECTS),
  /** Reactions received on it so far. */
  reactions: z.number().int(),
});
export type VoiceLink = z.infer<typeof voiceLink>;
export const voiceLinkParams = z.object({ linkId: z.uuid() });

export const touchpoint = z.object({
  id: z.uuid(),
  name: z.string(),
  scale: voiceScale,
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  archived: z.boolean(),
  link: voiceLink.nullable(),
});
export type Touchpoint = z.infer<typeof touchpoint>;
export const touchpointList = z.object({ items: z.array(touchpoint) });
export const touchpointParams = z.object({ touchpointId: z.uuid() });
export const createTouchpointBody = z.strictObject({
  name: line(80),
  scale: voiceScale.default('agree5'),
  teamId: z.uuid().nullable().default(null),
});
export const updateTouchpointBody = z.strictObject({
  name: line(80).optional(),
  teamId: z.uuid().nullable().optional(),
  archived: z.boolean().optional(),
  /** A new link (and QR code): the old one stops working. */
  newLink: z.boolean().optional(),
});

export const customerReaction = z.object({
  id: z.uuid(),
  subject: z.enum(VOICE_SUBJECTS),
  extraId: z.uuid().nullable(),
  promiseId: z.uuid().nullable(),
  touchpointId: z.uuid().nullable(),
  /** What it is about, for the reader: the extra's occasion, the promise, or the touchpoint's name. */
  about: z.string(),
  teamName: z.string().nullable(),
  scale: voiceScale,
  score: z.number().int(),
  comment: z.string().nullable(),
  /**
   * Only when the customer chose to leave them, and only for the team's manager, directors and
   * administrators, and for the person the follow-up is given to. `erasable`: whether this reader may
   * erase them now (the leaders; the person following up asks them).
   */
  contact: z
    .object({
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      erasable: z.boolean(),
    })
    .nullable(),
  veryNegative: z.boolean(),
  at: z.string(),
});
export type CustomerReaction = z.infer<typeof customerReaction>;
export const reactionsQuery = z.object({
  from: inputDay.optional(),
  to: inputDay.optional(),
  touchpointId: z.uuid().optional(),
  scope: z.enum(['mine', 'team', 'all']).default('mine'),
});
export const reactionList = z.object({
  items: z.array(customerReaction),
  /** Over the period: how many, the average on five points (0–10 scores mapped onto 1–5), the share very negative. */
  summary: z.object({ count: z.number().int(), average: z.number().nullable(), veryNegative: z.number().int() }),
});

export const followup = z.object({
  id: z.uuid(),
  reaction: customerReaction,
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  dueOn: day,
  late: z.boolean(),
  status: z.enum(FOLLOWUP_STATUSES),
  note: z.string().nullable(),
  closedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The person who answers the customer (none: the team's managers). */
  assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** How many messages the conversation with the customer holds, and whether the last one is the customer's. */
  messages: z.number().int(),
  customerReplied: z.boolean(),
});
export type Followup = z.infer<typeof followup>;
export const followupList = z.object({ items: z.array(followup) });
export const followupsQuery = z.object({ state: z.enum(['open', 'closed']).default('open') });
export const followupParams = z.object({ followupId: z.uuid() });
export const closeFollowupBody = z
  .strictObject({
    outcome: z.enum(['resolved', 'not_reachable', 'not_resolved', 'not_our_customer']),
    note: z.union([prose(1000), z.null()]).optional(),
  })
  .refine((b) => b.outcome !== 'not_our_customer' || Boolean(b.note), {
    message: 'say why the request did not fit the offer',
    path: ['note'],
  });

export const followupMessage = z.object({
  id: z.uuid(),
  kind: z.enum(FOLLOWUP_MESSAGE_KINDS),
  /** Null once erased with the customer's contact details. */
  body: z.string().nullable(),
  authorName: z.string().nullable(),
  at: z.string(),
});
export type FollowupMessage = z.infer<typeof followupMessage>;
export const followupDetail = followup.extend({
  conversation: z.array(followupMessage),
  /** Whether the team can write to the customer from the app, and if not why: mail is not set up, no e-mail address, or the follow-up is closed. */
  mail: z.enum(['ready', 'mail_not_configured', 'no_address', 'closed']),
  /** Who the follow-up may be given to: the team's active managers and members (no team: directors). */
  assignees: z.array(z.object({ id: z.uuid(), name: z.string(), manager: z.boolean() })),
});
export type FollowupDetail = z.infer<typeof followupDetail>;
export const assignFollowupBody = z.strictObject({ memberId: z.union([z.uuid(), z.null()]) });
export const followupMessageBody = z.strictObject({
  text: prose(4000).refine((s) => s.length > 0, { message: 'write something' }),
});

const dueDay = z.strictObject({
  scale: voiceScale,
  score: z.number().int().min(0).max(10),
  days: z.number().int().min(0).max(30),
});
export type FollowupDueDay = z.infer<typeof dueDay>;
export const voiceSettings = z.object({ followupDueDays: z.array(dueDay) });
export type VoiceSettings = z.infer<typeof voiceSettings>;
export const voiceSettingsBody = z.strictObject({
  followupDueDays: z
    .array(dueDay)
    .min(1)
    .max(VERY_NEGATIVE_SCORES.length)
    .refine((days) => days.every((d) => VERY_NEGATIVE_SCORES.some((v) => v.scale === d.scale && v.score === d.score)), {
      message: 'only the very negative scores have a due day',
    })
    .refine((days) => new Set(days.map((d) => `${d.scale}:${d.score}`)).size === days.length, {
      message: 'each score once',
    }),
});

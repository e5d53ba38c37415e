import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Language } from '../../../contracts/constants';
import type {
  FOLLOWUP_MESSAGE_KINDS,
  FOLLOWUP_STATUSES,
  FollowupDueDay,
  VOICE_SCALES,
  VOICE_SUBJECTS,
} from '../../../contracts/voice.contract';

type VoiceScale = (typeof VOICE_SCALES)[number];
type VoiceSubject = (typeof VOICE_SUBJECTS)[number];

import { organizations } from './org.schema';

// The customer's own voice. A customer opens a link or scans a QR code, without an account,
// and gives a score and perhaps a comment; the reaction reaches whoever acted, counts in learning and
// the tower, and a very negative one opens a follow-up for the team's manager.

/** A place where customers may react: "reception", "restaurant table 4". */
export const touchpoints = pgTable(
  'touchpoints',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    /** 'agree5' (five points) or 'scale10' (0–10). */
    scale: text().$type<VoiceScale>().notNull().default('agree5'),
    /** The team whose manager follows up a very negative reaction here (none: the directors). */
    teamId: uuid(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/**
 * A reaction link: an unguessable token (128 random bits) for one extra, one promise (each takes one
 * reaction, changeable for 24 hours) or a touchpoint (takes many, rate-limited per address).
 */
export const voiceLinks = pgTable(
  'voice_links',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    token: text().notNull(),
    subject: text().$type<VoiceSubject>().notNull(),
    extraId: uuid(),
    promiseId: uuid(),
    touchpointId: uuid(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('voice_links_token_uq').on(t.token),
    uniqueIndex('voice_links_extra_uq').on(t.orgId, t.extraId).where(sql`${t.extraId} is not null`),
    uniqueIndex('voice_links_promise_uq').on(t.orgId, t.promiseId).where(sql`${t.promiseId} is not null`),
    uniqueIndex('voice_links_touchpoint_uq')
      .on(t.orgId, t.touchpointId)
      .where(sql`${t.touchpointId} is not null and ${t.revokedAt} is null`),
    check('voice_links_one_subject', sql`num_nonnulls(${t.extraId}, ${t.promiseId}, ${t.touchpointId}) = 1`),
  ],
);

/** What a customer said. Contact details only when the customer chose to leave them for a follow-up. */
export const customerReactions = pgTable(
  'customer_reactions',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    linkId: uuid().notNull(),
    subject: text().$type<VoiceSubject>().notNull(),
    extraId: uuid(),
    promiseId: uuid(),
    touchpointId: uuid(),
    /** The team the reaction counts for, and whose manager follows up a very negative one. */
    teamId: uuid(),
    /** The member who made the extra or promise: the reaction reaches them. */
    memberId: uuid(),
    scale: text().$type<VoiceScale>().notNull(),
    score: smallint().notNull(),
    comment: text(),
    contactName: text(),
    contactEmail: text(),
    contactPhone: text(),
    language: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // A link tied to an extra or a promise takes one reaction (org_id first, as every unique key: docs/scale.md).
    uniqueIndex('customer_reactions_tied_uq').on(t.orgId, t.linkId).where(sql`${t.subject} <> 'touchpoint'`),
    index().on(t.orgId, t.createdAt),
    index().on(t.orgId, t.memberId, t.createdAt),
    // Only the few reactions that still hold contact details, for the sweep that erases them in time.
    index('customer_reactions_contact_idx')
      .on(t.createdAt)
      .where(sql`${t.contactName} is not null or ${t.contactEmail} is not null or ${t.contactPhone} is not null`),
    foreignKey({ columns: [t.orgId, t.linkId], foreignColumns: [voiceLinks.orgId, voiceLinks.id] }).onDelete('cascade'),
    check(
      'customer_reactions_score_ok',
      sql`(${t.scale} = 'agree5' and ${t.score} between 1 and 5) or (${t.scale} = 'scale10' and ${t.score} between 0 and 10)`,
    ),
  ],
);

/** A very negative reaction, to be followed up by the team's manager by a day. */
export const voiceFollowups = pgTable(
  'voice_followups',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    reactionId: uuid().notNull(),
    teamId: uuid(),
    dueOn: date({ mode: 'string' }).notNull(),
    /** open, resolved, or not_our_customer (the request did not fit the offer profile: declining on purpose is allowed). */
    status: text().$type<(typeof FOLLOWUP_STATUSES)[number]>().notNull().default('open'),
    note: text(),
    /** The person who answers the customer: a manager or member of the team (none: the team's managers). */
    assignedTo: uuid(),
    /**
     * The token of the customer's reply page: 128 random bits, made when a first mail goes out. The link
     * (/r/answer/<token>.<signature>) also carries a signature made with AUTH_SECRET, so this column alone
     * opens nothing; "s:" marks such a token (one stored before that still opens unsigned until it expires).
     */
    replyToken: text(),
    /** The reply page works until then (renewed with every mail to the customer). */
    replyTokenExpiresAt: timestamp({ withTimezone: true }),
    closedBy: uuid(),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('voice_followups_reaction_uq').on(t.orgId, t.reactionId),
    uniqueIndex('voice_followups_reply_token_uq').on(t.replyToken).where(sql`${t.replyToken} is not null`),
    index().on(t.orgId, t.status, t.dueOn),
    foreignKey({
      columns: [t.orgId, t.reactionId],
      foreignColumns: [customerReactions.orgId, customerReactions.id],
    }).onDelete('cascade'),
  ],
);

/**
 * The conversation of a follow-up with the customer, by e-mail: what the team sent (by hand, or the
 * automatic first answer) and what the customer replied through the reply page. The address is the
 * reaction's contact e-mail, never copied here; the texts are erased with the contact details.
 */
export const voiceFollowupMessages = pgTable(
  'voice_followup_messages',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    followupId: uuid().notNull(),
    /** 'first_answer' (automatic), 'to_customer' (a person wrote it) or 'from_customer' (the reply page). */
    kind: text().$type<(typeof FOLLOWUP_MESSAGE_KINDS)[number]>().notNull(),
    /** Null once erased by the retention rules (or on request). */
    body: text(),
    authorId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.followupId, t.createdAt),
    foreignKey({
      columns: [t.orgId, t.followupId],
      foreignColumns: [voiceFollowups.orgId, voiceFollowups.id],
    }).onDelete('cascade'),
  ],
);

/** How many days a follow-up has, per very negative score (on the link's scale); what is not set has the default. */
export const voiceSettings = pgTable('voice_settings', {
  orgId: uuid()
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  followupDueDays: jsonb().$type<FollowupDueDay[]>().notNull(),
  updatedBy: uuid(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A reaction asked for by e-mail: at most one per extra and one per promise, sent to an address the
 * customer gave with their consent (who recorded it, and when). The address is erased by the sweep
 * after the organisation's contactKeepDays, like other contact details; the request itself stays.
 */
export const reactionRequests = pgTable(
  'reaction_requests',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    /** The extra's or the promise's reaction link: the reaction that comes back is linked as any other. */
    linkId: uuid().notNull(),
    subject: text().$type<'extra' | 'promise'>().notNull(),
    extraId: uuid(),
    promiseId: uuid(),
    email: text(),
    language: text().$type<Language>().notNull(),
    consentBy: uuid().notNull(),
    consentAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('reaction_requests_extra_uq').on(t.orgId, t.extraId).where(sql`${t.extraId} is not null`),
    uniqueIndex('reaction_requests_promise_uq').on(t.orgId, t.promiseId).where(sql`${t.promiseId} is not null`),
    // Only the requests that still hold an address, for the sweep that erases them in time.
    index('reaction_requests_email_idx').on(t.createdAt).where(sql`${t.email} is not null`),
    foreignKey({ columns: [t.orgId, t.linkId], foreignColumns: [voiceLinks.orgId, voiceLinks.id] }).onDelete('cascade'),
    check('reaction_requests_one_subject', sql`num_nonnulls(${t.extraId}, ${t.promiseId}) = 1`),
  ],
);

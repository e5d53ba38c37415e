import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { GuidelineBreachDto } from '../../../contracts/promises.contract';
import { members, organizations, teams } from './org.schema';

// Promises to customers (afspraken), kept by the internal teams that deliver them.
// Dates a customer is promised are the organisation's local days.

/** A light customer record: a name or a reference (the organisation may keep it pseudonymous). */
export const customers = pgTable(
  'customers',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    contactPerson: text(),
    segment: text(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Set when the name was replaced by a code and the contact person dropped (by hand, or after the organisation's retention). */
    pseudonymisedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('customers_org_name_idx').on(t.orgId, sql`lower(${t.name})`)],
);

export const promises = pgTable(
  'promises',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    customerId: uuid().notNull(),
    what: text().notNull(),
    /** The promised day (after a renegotiation: the new one; the old ones are in the events). */
    dueDate: date({ mode: 'string' }).notNull(),
    /** The offering it concerns; null is a promise outside the offer profile. */
    offeringId: uuid(),
    ownerTeamId: uuid().notNull(),
    madeBy: uuid().notNull(),
    /** The maker's team when it was made: the last hand-off delivers to it (null: the maker had none). */
    makerTeamId: uuid(),
    /** The guidelines it broke when made (see promise-rules.ts), confirmed with a reason. */
    breaches: jsonb().$type<GuidelineBreachDto[]>().notNull().default([]),
    breachReason: text(),
    conditionsMet: text().array().notNull().default(sql`'{}'::text[]`),
    deliveredOn: date({ mode: 'string' }),
    deliveredBy: uuid(),
    /** Set when delivery is confirmed: 'kept' or 'broken' (see promise-rules.ts); null before. */
    outcome: text(),
    renegotiations: integer().notNull().default(0),
    /** Hand-offs done after their day, kept by a trigger (migration 0012): at risk needs no look at every step. */
    lateHandoffs: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.madeBy, t.dueDate),
    index().on(t.orgId, t.ownerTeamId, t.dueDate),
    index().on(t.orgId, t.dueDate),
    // A customer's promises: the privacy sweep asks, per named customer, whether one is still in use.
    index().on(t.orgId, t.customerId),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    foreignKey({ columns: [t.orgId, t.ownerTeamId], foreignColumns: [teams.orgId, teams.id] }),
    foreignKey({ columns: [t.orgId, t.madeBy], foreignColumns: [members.orgId, members.id] }),
  ],
);

/** One team's part in keeping a promise: a hand-off, or the follow-up after delivery. */
export const promiseSteps = pgTable(
  'promise_steps',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    promiseId: uuid().notNull(),
    position: integer().notNull(),
    /** 'handoff' or 'aftersales'. */
    kind: text().notNull().default('handoff'),
    /** The team that does this step: the giving side of its hand-off. */
    teamId: uuid().notNull(),
    /** The team it hands its work to: the next hand-off's team, or the maker's team after the last (null: none). */
    receiverTeamId: uuid(),
    what: text().notNull(),
    dueDate: date({ mode: 'string' }).notNull(),
    ownerMemberId: uuid(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: uuid(),
    doneOn: date({ mode: 'string' }),
    doneAt: timestamp({ withTimezone: true }),
    doneBy: uuid(),
    sentBackAt: timestamp({ withTimezone: true }),
    sentBackBy: uuid(),
    sentBackReason: text(),
    reactionText: text(),
    reactionScore: smallint(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.promiseId, t.position),
    index().on(t.orgId, t.teamId, t.dueDate),
    index('promise_steps_owner_idx').on(t.orgId, t.ownerMemberId).where(sql`${t.ownerMemberId} is not null`),
    index('promise_steps_open_idx').on(t.dueDate).where(sql`${t.doneOn} is null`),
    foreignKey({ columns: [t.orgId, t.promiseId], foreignColumns: [promises.orgId, promises.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
    check('promise_steps_score_ok', sql`${t.reactionScore} is null or ${t.reactionScore} between 1 and 5`),
  ],
);

/** What happened to a promise and its steps, oldest first: made, accepted, done, sent back, renegotiated, delivered. */
export const promiseEvents = pgTable(
  'promise_events',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    promiseId: uuid().notNull(),
    stepId: uuid(),
    kind: text().notNull(),
    data: jsonb().notNull().default({}),
    by: uuid(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.promiseId, t.at),
    foreignKey({ columns: [t.orgId, t.promiseId], foreignColumns: [promises.orgId, promises.id] }).onDelete('cascade'),
  ],
);

/** A comment on a step, between the team that does it and the team it hands its work to; oldest first. */
export const stepComments = pgTable(
  'step_comments',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    promiseId: uuid().notNull(),
    stepId: uuid().notNull(),
    authorId: uuid().notNull(),
    body: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.stepId, t.at),
    foreignKey({ columns: [t.orgId, t.stepId], foreignColumns: [promiseSteps.orgId, promiseSteps.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.orgId, t.authorId], foreignColumns: [members.orgId, members.id] }),
  ],
);

/** The receiving team's rating of one hand-off: once per hand-off, by one of its members. */
export const stepRatings = pgTable(
  'step_ratings',
  {
    orgId: uuid().notNull(),
    stepId: uuid().notNull(),
    /** Denormalised from the step, so the chain and the team figures read one table. */
    giverTeamId: uuid().notNull(),
    receiverTeamId: uuid().notNull(),
    /** The day the hand-off was done: the chain and the team figures count the rating on it. */
    handoffDay: date({ mode: 'string' }).notNull(),
    score: smallint().notNull(),
    comment: text(),
    by: uuid().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.stepId] }),
    index().on(t.orgId, t.handoffDay),
    foreignKey({ columns: [t.orgId, t.stepId], foreignColumns: [promiseSteps.orgId, promiseSteps.id] }).onDelete(
      'cascade',
    ),
    check('step_ratings_score_ok', sql`${t.score} between 1 and 5`),
  ],
);

/** The quarterly internal scan: a member of one team rates a team it worked with that quarter. */
export const teamScanRatings = pgTable(
  'team_scan_ratings',
  {
    orgId: uuid().notNull(),
    /** The quarter's first day, e.g. 2026-10-01. */
    quarterStart: date({ mode: 'string' }).notNull(),
    raterTeamId: uuid().notNull(),
    ratedTeamId: uuid().notNull(),
    memberId: uuid().notNull(),
    score: smallint().notNull(),
    comment: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.quarterStart, t.raterTeamId, t.ratedTeamId, t.memberId] }),
    foreignKey({ columns: [t.orgId, t.raterTeamId], foreignColumns: [teams.orgId, teams.id] }),
    foreignKey({ columns: [t.orgId, t.ratedTeamId], foreignColumns: [teams.orgId, teams.id] }),
    check('team_scan_ratings_score_ok', sql`${t.score} between 1 and 5`),
  ],
);

/**
 * Reminders about a step, one row per step, threshold ('due_soon' or 'late') and person: claimed in
 * the same transaction as the in-app notification, so each goes out once across processes and restarts.
 */
export const stepReminders = pgTable(
  'step_reminders',
  {
    orgId: uuid().notNull(),
    stepId: uuid().notNull(),
    threshold: text().$type<'due_soon' | 'late'>().notNull(),
    memberId: uuid().notNull(),
    /** The e-mail: 'sending' while claimed, 'sent', or 'failed' (tried again later). */
    mailStatus: text().$type<'sending' | 'sent' | 'failed'>().notNull().default('sending'),
    attempts: integer().notNull().default(1),
    claimedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    error: text(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.stepId, t.threshold, t.memberId] }),
    index().on(t.mailStatus, t.claimedAt),
    foreignKey({ columns: [t.orgId, t.stepId], foreignColumns: [promiseSteps.orgId, promiseSteps.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** The team a hand-off goes to when it goes to no other team (the key cannot hold a null). */
export const NO_TEAM = '00000000-0000-0000-0000-000000000000';

/**
 * Hand-offs and their ratings summed per day, giving and receiving team: what the chain and the team
 * figures read. Kept exact by triggers on promise_steps and step_ratings (migration 0007). The day is
 * the hand-off's day: the day it was done, or while open the day it is due.
 */
export const handoffDaySums = pgTable(
  'handoff_day_sums',
  {
    orgId: uuid().notNull(),
    day: date({ mode: 'string' }).notNull(),
    giverTeamId: uuid().notNull(),
    /** NO_TEAM when the hand-off goes to no other team. */
    receiverTeamId: uuid().notNull(),
    handoffs: integer().notNull().default(0),
    done: integer().notNull().default(0),
    onTime: integer().notNull().default(0),
    ratings: integer().notNull().default(0),
    ratingSum: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.day, t.giverTeamId, t.receiverTeamId] }),
    index().on(t.orgId, t.giverTeamId, t.day),
    index().on(t.orgId, t.receiverTeamId, t.day),
  ],
);

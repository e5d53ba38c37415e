import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PROPOSAL_KINDS, PROPOSAL_STATUSES } from '../../../contracts/counsel.contract';
import { organizations } from './org.schema';

// Counsel (koning en ministers). Anyone raises what the organisation or its people
// need; advisors bring proposals as a one-page brief tied to a need; the director decides from a queue.

/** A need of the organisation or its people: what, for whom, why now. The director recognises it. */
export const needs = pgTable(
  'needs',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    what: text().notNull(),
    forWhom: text().notNull(),
    whyNow: text().notNull(),
    raisedBy: uuid().notNull(),
    recognisedAt: timestamp({ withTimezone: true }),
    recognisedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index().on(t.orgId, t.createdAt)],
);

/** Who supports a need: one row per person. */
export const needSupports = pgTable(
  'need_supports',
  {
    orgId: uuid().notNull(),
    needId: uuid().notNull(),
    memberId: uuid().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.needId, t.memberId] }),
    foreignKey({ columns: [t.orgId, t.needId], foreignColumns: [needs.orgId, needs.id] }).onDelete('cascade'),
  ],
);

/**
 * A proposal: improve what exists or introduce something new, as a one-page brief. Its status runs
 * submitted → (more_asked → submitted)* → approved | declined, or withdrawn by its author.
 */
export const proposals = pgTable(
  'proposals',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    kind: text().$type<(typeof PROPOSAL_KINDS)[number]>().notNull(),
    title: text().notNull(),
    /** The need it serves; none (or one not recognised) flags the proposal. */
    needId: uuid(),
    proposal: text().notNull(),
    effectCustomers: text().notNull(),
    effectStaff: text().notNull(),
    costCents: integer(),
    costNote: text().notNull().default(''),
    risks: text().notNull(),
    decisionWantedBy: date({ mode: 'string' }),
    authorId: uuid().notNull(),
    status: text().$type<(typeof PROPOSAL_STATUSES)[number]>().notNull().default('submitted'),
    /** When it was first put before the director: the time to decision runs from here. */
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When it (last) entered the queue: the queue is ordered by this, oldest first. */
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid(),
    decisionReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('proposals_queue_idx').on(t.orgId, t.queuedAt).where(sql`${t.status} = 'submitted'`),
    index().on(t.orgId, t.authorId),
    index().on(t.orgId, t.decidedAt),
    foreignKey({ columns: [t.orgId, t.needId], foreignColumns: [needs.orgId, needs.id] }),
  ],
);

/** What happened to a proposal, oldest first: submitted, more asked (with why), resubmitted, decided, withdrawn. */
export const proposalEvents = pgTable(
  'proposal_events',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    proposalId: uuid().notNull(),
    kind: text().notNull(),
    reason: text(),
    data: jsonb().notNull().default({}),
    by: uuid().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.proposalId, t.at),
    foreignKey({ columns: [t.orgId, t.proposalId], foreignColumns: [proposals.orgId, proposals.id] }).onDelete(
      'cascade',
    ),
  ],
);

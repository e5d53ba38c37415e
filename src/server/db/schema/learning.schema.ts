import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  pgView,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { extras } from './extras.schema';
import { members, organizations, teams } from './org.schema';

// Learning together — thanks and comments on stories, best practices, the weekly pick,
// the manager's conversation notes and the weekly digest.

export const extraThanks = pgTable(
  'extra_thanks',
  {
    orgId: uuid().notNull(),
    extraId: uuid().notNull(),
    memberId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.extraId, t.memberId] }),
    foreignKey({ columns: [t.orgId, t.extraId], foreignColumns: [extras.orgId, extras.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.memberId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
  ],
);

export const extraComments = pgTable(
  'extra_comments',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    extraId: uuid().notNull(),
    memberId: uuid().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
    deletedBy: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.extraId, t.createdAt),
    foreignKey({ columns: [t.orgId, t.extraId], foreignColumns: [extras.orgId, extras.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.memberId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
  ],
);

/** An extra a manager put forward for the whole organisation, with a line on why. */
export const bestPractices = pgTable(
  'best_practices',
  {
    orgId: uuid().notNull(),
    extraId: uuid().notNull(),
    why: text().notNull(),
    promotedBy: uuid().notNull(),
    promotedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.extraId] }),
    index().on(t.orgId, t.promotedAt),
    foreignKey({ columns: [t.orgId, t.extraId], foreignColumns: [extras.orgId, extras.id] }).onDelete('cascade'),
  ],
);

/** The manager's own choice of the week's two stories; without a row the proposal is computed. */
export const weeklyPicks = pgTable(
  'weekly_picks',
  {
    orgId: uuid().notNull(),
    teamId: uuid().notNull(),
    /** Monday of the week, in the organisation's time zone. */
    weekStart: date({ mode: 'string' }).notNull(),
    extraIds: uuid().array().notNull(),
    chosenBy: uuid().notNull(),
    chosenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.teamId, t.weekStart] }),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }).onDelete('cascade'),
  ],
);

/** What a manager wrote down after a conversation with a member: seen by that manager and that member only. */
export const conversationNotes = pgTable(
  'conversation_notes',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    teamId: uuid().notNull(),
    managerId: uuid().notNull(),
    memberId: uuid().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.memberId, t.createdAt),
    foreignKey({ columns: [t.orgId, t.memberId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.managerId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
  ],
);

/**
 * One row per person, week and kind of digest: the claim that makes each digest go out once, whichever
 * process gets there first and however often the app restarts.
 */
export const digestDeliveries = pgTable(
  'digest_deliveries',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    memberId: uuid().notNull(),
    weekStart: date({ mode: 'string' }).notNull(),
    /** 'member': my week; 'manager': my team's week. */
    kind: text().notNull(),
    /** 'sending' while claimed, 'sent', or 'failed' (tried again later). */
    status: text().notNull(),
    attempts: integer().notNull().default(1),
    claimedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    error: text(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.memberId, t.weekStart, t.kind] }), index().on(t.status, t.claimedAt)],
);

// Day sums of extras for the organisation-wide "what works": kept exact by a trigger on extras
// (migration 0005), so figures over a large organisation read a few thousand rows, not a million.
// Days are the organisation's local days. Team figures are computed from the extras themselves.

/**
 * The day sums are kept from triggers on extras. Since migration day_sum_delta_triggers the trigger
 * appends a delta row (extraDayDeltas, below) that a job folds into slot 0 every few seconds, and the
 * readers read the views *_live (these rows plus the deltas not yet folded). Before, each database
 * connection added into a slot of its own (0-63, migration 0021); a day's figure is the sum over its
 * rows, and the hourly sweep folds the slots of days gone by into slot 0 (klantwerk_fold_day_sums).
 */
const slot = () => smallint().notNull().default(0);

const sumColumns = {
  extras: integer().notNull().default(0),
  /** Extras with a reaction score, their sum, sum of squares, and how many were 4 or 5. */
  n: integer().notNull().default(0),
  sum: integer().notNull().default(0),
  sumSq: integer().notNull().default(0),
  positives: integer().notNull().default(0),
};

export const extraDaySums = pgTable(
  'extra_day_sums',
  {
    orgId: uuid().notNull(),
    day: date({ mode: 'string' }).notNull(),
    kind: text().notNull(),
    /** Cost band in euro: '0', '0-5', '5-20', '20+'. */
    band: text().notNull(),
    ...sumColumns,
    /** What the extras cost, and how many went above the mandate: the tower's mandate figures. */
    costCents: bigint({ mode: 'number' }).notNull().default(0),
    aboveMandate: integer().notNull().default(0),
    slot: slot(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.kind, t.band, t.slot] })],
);

export const extraDayValueSums = pgTable(
  'extra_day_value_sums',
  {
    orgId: uuid().notNull(),
    day: date({ mode: 'string' }).notNull(),
    valueId: uuid().notNull(),
    ...sumColumns,
    slot: slot(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.valueId, t.slot] })],
);

export const extraDayWordSums = pgTable(
  'extra_day_word_sums',
  {
    orgId: uuid().notNull(),
    day: date({ mode: 'string' }).notNull(),
    /** A stemmed word of the occasion. */
    word: text().notNull(),
    ...sumColumns,
    slot: slot(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.word, t.slot] })],
);

/**
 * What each change of an extra adds to the day sums above: the trigger appends one row here (migration
 * day_sum_deltas) instead of updating the sums' rows, so a write touches no row another writer needs.
 * The readers read the sums with these added (the views extra_day_sums_live, extra_day_value_sums_live,
 * extra_day_word_sums_live); a job folds them into the sums every few seconds (lib/sweep.ts).
 */
export const extraDayDeltas = pgTable(
  'extra_day_deltas',
  {
    orgId: uuid().notNull(),
    id: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    day: date({ mode: 'string' }).notNull(),
    kind: text().notNull(),
    band: text().notNull(),
    valueIds: uuid().array().notNull(),
    /** The stemmed words of the occasion. */
    words: text().array().notNull(),
    /** 1: the extra counts from now on; -1: it no longer does (changed or deleted). */
    sign: smallint().notNull(),
    reactionScore: smallint(),
    costCents: integer().notNull(),
    aboveMandate: boolean().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

// The sums as the readers read them: each table's rows plus the deltas not yet folded (views made by
// migration 0027; drizzle-kit leaves them alone). Naming them here lets the queries name their columns.
const liveSumColumns = {
  orgId: uuid().notNull(),
  day: date({ mode: 'string' }).notNull(),
  extras: integer().notNull(),
  n: integer().notNull(),
  sum: integer().notNull(),
  sumSq: integer().notNull(),
  positives: integer().notNull(),
};
export const extraDaySumsLive = pgView('extra_day_sums_live', {
  ...liveSumColumns,
  kind: text().notNull(),
  band: text().notNull(),
  costCents: bigint({ mode: 'number' }).notNull(),
  aboveMandate: integer().notNull(),
}).existing();
export const extraDayValueSumsLive = pgView('extra_day_value_sums_live', {
  ...liveSumColumns,
  valueId: uuid().notNull(),
}).existing();
export const extraDayWordSumsLive = pgView('extra_day_word_sums_live', {
  ...liveSumColumns,
  word: text().notNull(),
}).existing();

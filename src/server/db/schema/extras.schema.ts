import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ExtraKind } from '../../../contracts/constants';
import type { Mandate, MandateScope } from '../../../contracts/extras.contract';
import { members, organizations } from './org.schema';

// Mandates and extras.

/** PostgreSQL's text-search vector: the occasion's words, stemmed in the organisation's language. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const mandates = pgTable(
  'mandates',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    scopeType: text().$type<MandateScope['type']>().notNull(),
    /** role name, team id or member id, depending on scope_type */
    scopeKey: text().notNull(),
    period: text().$type<Mandate['period']>().notNull(),
    budgetCents: integer().notNull(),
    maxPerExtraCents: integer().notNull(),
    allowedKinds: text().array().$type<ExtraKind[]>().notNull(),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('mandates_scope_uq').on(t.orgId, t.scopeType, t.scopeKey),
  ],
);

export const extras = pgTable(
  'extras',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    memberId: uuid().notNull(),
    /** The member's teams when the extra was logged: the team lists and feed follow these. */
    teamIds: uuid().array().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    occasion: text().notNull(),
    action: text().notNull(),
    kind: text().$type<ExtraKind>().notNull(),
    costCents: integer().notNull(),
    minutes: integer().notNull(),
    valueIds: uuid().array().notNull(),
    customerRef: text(),
    reactionText: text(),
    reactionScore: smallint(),
    aboveMandate: boolean().notNull().default(false),
    aboveMandateReason: text(),
    /** The mandate that applied when it was logged (null when none did). */
    mandateId: uuid(),
    /** The author's choice: false keeps this extra out of the team feed (and so of best practices and picks). */
    inFeed: boolean().notNull().default(true),
    /** The occasion as stemmed words (Dutch or English, as the organisation speaks): themes and similar occasions. */
    occasionTsv: tsvector(),
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenReason: text(),
    hiddenBy: uuid(),
    deletedAt: timestamp({ withTimezone: true }),
    deletedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * The Idempotency-Key it was logged with, and the hash of that request: a retry finds the extra by it
     * and is answered from it (log-extra.service.ts), so logging writes no idempotency_keys row. When the
     * extra changes within the keys' keeping time, a trigger keeps its first answer in idempotency_keys
     * (migration 0038), which a retry then gets.
     */
    idempotencyKey: text(),
    requestHash: text(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('extras_idempotency_key_uq')
      .on(t.orgId, t.memberId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index().on(t.orgId, t.memberId, t.occurredAt),
    index().on(t.orgId, t.occurredAt),
    // Only extras that still name a customer, for the sweep that drops the reference in time.
    index('extras_customer_ref_idx').on(t.occurredAt).where(sql`${t.customerRef} is not null`),
    index('extras_team_ids_gin').using('gin', t.teamIds),
    index('extras_occasion_tsv_gin').using('gin', t.occasionTsv),
    foreignKey({ columns: [t.orgId, t.memberId], foreignColumns: [members.orgId, members.id] }),
    check('extras_cost_ok', sql`${t.costCents} >= 0`),
    check('extras_score_ok', sql`${t.reactionScore} is null or ${t.reactionScore} between 1 and 5`),
  ],
);

/** Every change of the customer's reaction, oldest first; the current one is on the extra. */
export const extraReactions = pgTable(
  'extra_reactions',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    extraId: uuid().notNull(),
    reactionText: text(),
    reactionScore: smallint(),
    changedBy: uuid().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** 'member' (recorded by the member) or 'customer' (the customer's own, through a reaction link; changedBy is then the extra's member). */
    source: text().$type<'member' | 'customer'>().notNull().default('member'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.extraId),
    foreignKey({ columns: [t.orgId, t.extraId], foreignColumns: [extras.orgId, extras.id] }).onDelete('cascade'),
  ],
);

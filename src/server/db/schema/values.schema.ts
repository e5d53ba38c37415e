import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './org.schema';

// Purpose, core values, the offer profile.

export const purposes = pgTable('purposes', {
  orgId: uuid()
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  purpose: text().notNull().default(''),
  offerSummary: text().notNull().default(''),
  audience: text().notNull().default(''),
  updatedBy: uuid(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const coreValues = pgTable(
  'core_values',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(''),
    behaviours: text().array().notNull(),
    position: integer().notNull(),
    /** Retired values leave the pickers; extras that point at them keep doing so. */
    retiredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index().on(t.orgId, t.position)],
);

export const offerings = pgTable(
  'offerings',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(''),
    audience: text().notNull().default(''),
    /** Guideline: the shortest lead time that may be promised. */
    leadTimeDays: integer(),
    /** Guideline: conditions in words, one per item. */
    conditions: text().array().notNull().default([]),
    retiredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

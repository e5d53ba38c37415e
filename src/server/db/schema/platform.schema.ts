import { index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Notification } from '../../../contracts/notifications.contract';
import { organizations } from './org.schema';

// Cross-cutting tables: idempotent writes and in-app notifications.

/** The first answer to a write sent with an Idempotency-Key; a retry gets it back instead of a second write. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    memberId: uuid().notNull(),
    key: text().notNull(),
    /** method + route + SHA-256 of the body: the same key with another request is refused. */
    requestHash: text().notNull(),
    status: integer(),
    /**
     * The answer as it was sent: json, not jsonb (migration 0036): stored as its text, without building
     * jsonb on every keyed write, and a replay gives its keys in the first answer's order.
     */
    response: json(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.memberId, t.key] }), index().on(t.createdAt)],
);

export const notifications = pgTable(
  'notifications',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    memberId: uuid().notNull(),
    kind: text().$type<Notification['kind']>().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index().on(t.orgId, t.memberId, t.createdAt)],
);

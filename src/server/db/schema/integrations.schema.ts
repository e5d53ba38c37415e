import { sql } from 'drizzle-orm';
import {
  boolean,
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
import type { Role, WebhookEvent, WebhookFormat } from '../../../contracts/constants';
import { organizations } from './org.schema';

// Klantwerk talking to other tools: webhook addresses with their deliveries, and API keys.

/** Where a webhook delivery stands. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    url: text().notNull(),
    /** klantwerk | slack | teams */
    format: text().$type<WebhookFormat>().notNull(),
    events: text().array().$type<WebhookEvent[]>().notNull(),
    /** Signs every delivery (HMAC-SHA256); shown once, kept because signing needs it. */
    secret: text().notNull(),
    active: boolean().notNull().default(true),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

/** One event for one address: sent by the delivery job, retried with back-off, kept 30 days as its log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    endpointId: uuid().notNull(),
    /** The same for every address the event went to: receivers use it to recognise a repeat. */
    eventId: uuid().notNull(),
    event: text().$type<WebhookEvent>().notNull(),
    data: jsonb().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** pending | delivered | failed (given up) */
    status: text().$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** A process is sending it until then (a process that died leaves it to the next after this). */
    claimedUntil: timestamp({ withTimezone: true }),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.endpointId],
      foreignColumns: [webhookEndpoints.orgId, webhookEndpoints.id],
    }).onDelete('cascade'),
    index('webhook_deliveries_due').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index().on(t.orgId, t.endpointId, t.createdAt),
    index().on(t.createdAt),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    role: text().$type<Role>().notNull(),
    /** The key's first characters, shown to recognise it. */
    prefix: text().notNull(),
    /** SHA-256 of the key (base64url): the key itself is never stored. */
    tokenHash: text().notNull().unique(),
    /** The administrator who made it: the key acts in their name, and stops when they are no longer active. */
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    uses: integer().notNull().default(0),
    /** The last day a read with it was written to the audit log (reads: once a day; writes: each one). */
    auditedOn: date(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

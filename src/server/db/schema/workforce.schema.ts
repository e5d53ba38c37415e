import { foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members, organizations, teams } from './org.schema';

// Sign-in for the whole workforce: personal sign-in codes for staff without an e-mail
// address, shared counter devices where a person taps their name and enters a PIN.

/**
 * A personal sign-in code, printed on a card. The code is 16 characters of Crockford base32 (80 random
 * bits): the first 6 are the selector, stored as is to find the row (and to throttle guesses per code),
 * the other 10 the verifier, stored only as a scrypt hash. A replaced card is revoked at once.
 */
export const signInCodes = pgTable(
  'sign_in_codes',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    memberId: uuid().notNull(),
    selector: text().notNull(),
    verifierHash: text().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('sign_in_codes_selector_uq').on(t.selector),
    index().on(t.orgId, t.memberId),
    foreignKey({ columns: [t.orgId, t.memberId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
  ],
);

/**
 * A tablet made into a counter device for one team. It holds a long-lived cookie with a random token
 * (stored as SHA-256); it is set up once through a link that works for a day (also stored hashed).
 */
export const counterDevices = pgTable(
  'counter_devices',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    teamId: uuid().notNull(),
    name: text().notNull(),
    tokenHash: text(),
    activationHash: text(),
    activationExpiresAt: timestamp({ withTimezone: true }),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('counter_devices_token_uq').on(t.tokenHash),
    uniqueIndex('counter_devices_activation_uq').on(t.activationHash),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }).onDelete('cascade'),
  ],
);

/** A person's PIN for counter devices (scrypt hash), set by the person on their own phone. */
export const counterPins = pgTable(
  'counter_pins',
  {
    orgId: uuid().notNull(),
    memberId: uuid().notNull(),
    pinHash: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.memberId] }),
    foreignKey({ columns: [t.orgId, t.memberId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
  ],
);

/** The person working at a counter device now: one at a time per device, ended after a short idle time. */
export const counterSessions = pgTable(
  'counter_sessions',
  {
    orgId: uuid().notNull(),
    deviceId: uuid().notNull(),
    memberId: uuid().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.deviceId] }),
    uniqueIndex('counter_sessions_token_uq').on(t.tokenHash),
    foreignKey({ columns: [t.orgId, t.deviceId], foreignColumns: [counterDevices.orgId, counterDevices.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.orgId, t.memberId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
  ],
);

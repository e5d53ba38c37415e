import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authUser } from './auth.schema';
import { organizations } from './org.schema';

// Single sign-on with OpenID Connect: each organisation connects its own identity provider.

/** One identity provider per organisation. The client secret is kept encrypted (AES-256-GCM, see sso/secret-box.ts). */
export const ssoConnections = pgTable(
  'sso_connections',
  {
    orgId: uuid()
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    issuer: text().notNull(),
    clientId: text().notNull(),
    /** iv.tag.ciphertext (base64url), never returned by the API nor logged. */
    clientSecretEnc: text().notNull(),
    /** 'member': a first sign-in joins as a member; 'approval': it waits for an administrator. */
    provisioning: text().notNull().default('approval'),
    /** Password sign-in is refused for addresses of the connected domains. */
    required: boolean().notNull().default(false),
    enabled: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('sso_connections_provisioning_ok', sql`${t.provisioning} in ('member', 'approval')`)],
);

/**
 * The e-mail domains of a connection. A domain counts (routes sign-ins to the provider, may block
 * passwords) only once proven by a DNS TXT record `klantwerk-verification=<token>`; a proven domain
 * belongs to one organisation on this server, while several may wait to prove the same one.
 */
export const ssoDomains = pgTable(
  'sso_domains',
  {
    orgId: uuid()
      .notNull()
      .references(() => ssoConnections.orgId, { onDelete: 'cascade' }),
    domain: text().notNull(),
    /** When the TXT record was found; null: not proven (yet). */
    verifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.domain] }),
    uniqueIndex('sso_domains_proven_uq').on(t.domain).where(sql`${t.verifiedAt} is not null`),
  ],
);

/** A first sign-in that waits for an administrator's approval (provisioning 'approval'). */
export const ssoJoinRequests = pgTable(
  'sso_join_requests',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => authUser.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('sso_join_requests_user_uq').on(t.orgId, t.userId),
    index().on(t.userId),
  ],
);

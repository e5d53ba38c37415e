import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
import type { Language, ResultsVisibility, Role } from '../../../contracts/constants';
import type { Member } from '../../../contracts/org.contract';
import { authUser } from './auth.schema';

// Tenant tables: every row carries org_id, and org_id leads every primary key and index.

export const organizations = pgTable(
  'organizations',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    defaultLanguage: text().$type<Language>().notNull().default('nl'),
    currency: text().notNull().default('EUR'),
    timeZone: text().notNull().default('Europe/Amsterdam'),
    /**
     * Per-member figures in the manager's conversation view: off (null) unless an admin switched them on
     * and recorded that the works council agreed (a system that can monitor staff needs its consent).
     */
    memberComparisonSince: timestamp({ withTimezone: true }),
    memberComparisonBy: uuid(),
    worksCouncilAgreedOn: date({ mode: 'string' }),
    worksCouncilNote: text(),
    /** Core questions: no result for a group of fewer respondents than this (never below 3). */
    resultsMinGroup: smallint().notNull().default(5),
    /** Open answers: shown for a group of at least this many (never below 3). */
    resultsMinTexts: smallint().notNull().default(5),
    /** What members (not managers or directors) see of results: 'none', 'organisation', or 'own_groups'. */
    resultsVisibility: text().$type<ResultsVisibility>().notNull().default('own_groups'),
    /** Customer voice: contact details a customer left are erased this many days after the reaction (unless its follow-up is open). */
    contactKeepDays: smallint().notNull().default(90),
    /** Customers' names (promises) and references (extras) are pseudonymised this many days after their last use. */
    customerKeepDays: smallint().notNull().default(730),
    /** Who looked at a member's figures (privacy.schema.ts) is kept this many days for the member to read. */
    viewLogKeepDays: smallint().notNull().default(365),
    /** First run: the set-up steps an administrator chose to skip (the rest is read from the data itself). */
    setupSkipped: text().array().notNull().default(sql`'{}'::text[]`),
    /**
     * The webhook events that at least one active address of the organisation wants, kept by a trigger on
     * webhook_endpoints (migration 0035): logging an extra reads it with the organisation's language and
     * leaves out the look-up of addresses when 'extra.logged' is not among them.
     */
    webhookEvents: text().array().notNull().default(sql`'{}'::text[]`),
    /**
     * Goes up whenever something changes that logging an extra relies on (members' status, roles and
     * teams, teams archived, mandates, core values, the organisation's language and time zone), kept by
     * triggers (migration 0040): the quick path for a free extra checks it in its own statement, so
     * what a process remembered of the organisation and of a session holds (extras/free-extra.cache).
     */
    configVersion: bigint({ mode: 'number' }).notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('organizations_min_group_ok', sql`${t.resultsMinGroup} >= 3`),
    check('organizations_min_texts_ok', sql`${t.resultsMinTexts} >= 3`),
    check('organizations_contact_keep_days_ok', sql`${t.contactKeepDays} between 7 and 730`),
    check('organizations_customer_keep_days_ok', sql`${t.customerKeepDays} between 30 and 3650`),
    check('organizations_view_log_keep_days_ok', sql`${t.viewLogKeepDays} between 30 and 730`),
  ],
);

export const members = pgTable(
  'members',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => authUser.id),
    roles: text().array().$type<Role[]>().notNull(),
    jobTitle: text(),
    status: text().$type<Member['status']>().notNull().default('active'),
    /** The weekly digest e-mail is on unless the person turned it off. */
    digestOptOut: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp({ withTimezone: true }),
    /** Erased (AVG/GDPR): the row stays for what the organisation keeps, tied to a nameless placeholder person. */
    erasedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex().on(t.orgId, t.userId),
    index('members_user_idx').on(t.userId),
  ],
);

export const teams = pgTable(
  'teams',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(''),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('teams_org_name_uq').on(t.orgId, sql`lower(${t.name})`).where(sql`${t.archivedAt} is null`),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    orgId: uuid().notNull(),
    teamId: uuid().notNull(),
    memberId: uuid().notNull(),
    isManager: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.teamId, t.memberId] }),
    index().on(t.orgId, t.memberId),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.memberId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    email: text().notNull(),
    name: text().notNull().default(''),
    roles: text().array().$type<Role[]>().notNull(),
    teamIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** SHA-256 of the token in the e-mailed link; the token itself is never stored. */
    tokenHash: text().notNull(),
    invitedBy: uuid(),
    /** When the invitation really left by e-mail; null while mail is off (the inviter shares the link). */
    mailedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('invitations_token_uq').on(t.tokenHash),
    index().on(t.orgId, t.email),
  ],
);

/** Who did what to whom: kept for admins, never carries secrets. */
export const auditLog = pgTable(
  'audit_log',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    actorMemberId: uuid(),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    data: jsonb().notNull().default({}),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index().on(t.orgId, t.at)],
);

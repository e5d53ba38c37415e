import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members, organizations, teams } from './org.schema';
import { coreValues } from './values.schema';

// Thanks between colleagues and teams for internal help (the thanks module). Not the thanks on a
// story in the feed (extra_thanks, learning): these carry words and go to a person or a whole team.

export const colleagueThanks = pgTable(
  'colleague_thanks',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    fromMemberId: uuid().notNull(),
    /** The thanker's team the thanks come from (counted in the chain for that team); null without a team. */
    fromTeamId: uuid(),
    /** Exactly one of toMemberId and toTeamId. */
    toMemberId: uuid(),
    toTeamId: uuid(),
    words: text().notNull(),
    valueId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.toMemberId, t.createdAt),
    index().on(t.orgId, t.toTeamId, t.createdAt),
    index().on(t.orgId, t.fromTeamId, t.createdAt),
    index().on(t.orgId, t.createdAt),
    check('colleague_thanks_one_target', sql`(${t.toMemberId} is null) <> (${t.toTeamId} is null)`),
    foreignKey({ columns: [t.orgId, t.fromMemberId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.toMemberId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.fromTeamId], foreignColumns: [teams.orgId, teams.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.toTeamId], foreignColumns: [teams.orgId, teams.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.valueId], foreignColumns: [coreValues.orgId, coreValues.id] }),
  ],
);

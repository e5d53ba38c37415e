import { and, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import type { Language, Role } from '../../../contracts/constants';
import { type Db, placeholder, queryNamed, statementText, type Tx } from '../../db/client';
import { authSession, authUser, authVerification } from '../../db/schema/auth.schema';
import { members, organizations, teamMembers, teams } from '../../db/schema/org.schema';
import { memberTeamIds } from '../org/member-teams.fragment';

// The auth module's own SQL over the person and session tables (Better Auth's tables, declared in
// auth.schema.ts). What Better Auth itself reads and writes stays inside Better Auth.

export type SessionContextRow = {
  session_id: string;
  token: string;
  user_id: string;
  name: string;
  email: string;
  language: string | null;
  active_org_id: string | null;
  sso_org_id: string | null;
  member_id: string | null;
  roles: Role[] | null;
  default_language: string | null;
  time_zone: string | null;
  team_ids: string[] | null;
  managed_team_ids: string[] | null;
  /** The organisation's organizations.config_version as this statement read it (null without a membership). */
  config_version: number | null;
};

/**
 * Everything the access check needs, in one round trip: the live session, its person, their active
 * membership in the session's organisation (none when deactivated or gone) with its teams, and the
 * organisation's time zone. A session made by an organisation's identity provider works in that organisation only. It reads org tables on purpose: this runs on every request.
 * With the organisation's config_version as read in the same statement, so that what it found can be
 * remembered and checked later against the organisation (plugins/access.plugin, extras.repo insertFreeExtra).
 */
const SESSION_CONTEXT_SQL = (() => {
  const s = alias(authSession, 's');
  const u = alias(authUser, 'u');
  const m = alias(members, 'm');
  const o = alias(organizations, 'o');
  return statementText(sql`
    select ${s.id} as session_id, ${s.token} as token, ${u.id} as user_id, ${u.name} as name, ${u.email} as email,
           ${u.language} as language, ${s.activeOrgId} as active_org_id, ${s.ssoOrgId} as sso_org_id,
           ${m.id} as member_id, ${m.roles} as roles, ${o.defaultLanguage} as default_language, ${o.timeZone} as time_zone,
           ${memberTeamIds(m.orgId, m.id, false)} as team_ids, ${memberTeamIds(m.orgId, m.id, true)} as managed_team_ids,
           ${o.configVersion}::float8 as config_version
      from ${authSession} ${s}
      join ${authUser} ${u} on ${u.id} = ${s.userId}
      left join ${members} ${m} on ${m.orgId} = ${s.activeOrgId} and ${m.userId} = ${s.userId} and ${m.status} = 'active'
                         and (${s.ssoOrgId} is null or ${s.ssoOrgId} = ${s.activeOrgId})
      left join ${organizations} ${o} on ${o.id} = ${m.orgId}
     where ${s.token} = ${placeholder(1)} and ${s.expiresAt} > now()`);
})();

export async function selectSessionContext(pool: Pool, token: string): Promise<SessionContextRow | undefined> {
  // A named statement: PostgreSQL plans it once per connection. This runs on every request.
  const { rows } = await pool.query<SessionContextRow>({
    name: 'session-context',
    text: SESSION_CONTEXT_SQL,
    values: [token],
  });
  return rows[0];
}

// ---------- sessions ----------

export async function updateSessionOrg(db: Db, sessionToken: string, orgId: string | null) {
  await db.update(authSession).set({ activeOrgId: orgId }).where(eq(authSession.token, sessionToken));
}

export async function deleteSessionByToken(db: Db, sessionToken: string) {
  await db.delete(authSession).where(eq(authSession.token, sessionToken));
}

// ---------- people ----------

export type MeRow = {
  id: string;
  name: string;
  email: string;
  language: string | null;
  /** Every membership of the person, oldest first. */
  memberships: { orgId: string; memberId: string; roles: Role[]; status: string; organizationName: string }[];
  /** The organisation asked for ($2), when there is one. */
  organization: { id: string; name: string; defaultLanguage: Language; timeZone: string } | null;
  /** The teams (not archived) of the person's active membership in that organisation, by name. */
  teams: { id: string; name: string; isManager: boolean }[];
};

/**
 * A person's profile in one round trip: the person, all their memberships with the organisations' names,
 * and for one organisation its settings and the teams of their active membership there. Reads org tables
 * on purpose, as the session check does: GET /me and GET /session answer from it.
 */
const ME = {
  name: 'me',
  text: (() => {
    const u = alias(authUser, 'u');
    const m = alias(members, 'm');
    const o = alias(organizations, 'o');
    const am = alias(members, 'am');
    const tm = alias(teamMembers, 'tm');
    const t = alias(teams, 't');
    return statementText(sql`
    select ${u.id} as id, ${u.name} as name, ${u.email} as email, ${u.language} as language,
           coalesce((select json_agg(json_build_object('orgId', ${m.orgId}, 'memberId', ${m.id}, 'roles', ${m.roles},
                                                       'status', ${m.status}, 'organizationName', ${o.name}) order by ${m.createdAt})
                       from ${members} ${m} join ${organizations} ${o} on ${o.id} = ${m.orgId}
                      where ${m.userId} = ${u.id}), '[]') as memberships,
           (select json_build_object('id', ${o.id}, 'name', ${o.name}, 'defaultLanguage', ${o.defaultLanguage}, 'timeZone', ${o.timeZone})
              from ${organizations} ${o} where ${o.id} = ${placeholder(2, 'uuid')}) as organization,
           coalesce((select json_agg(json_build_object('id', ${t.id}, 'name', ${t.name}, 'isManager', ${tm.isManager}) order by ${t.name})
                       from ${members} ${am}
                       join ${teamMembers} ${tm} on ${tm.orgId} = ${am.orgId} and ${tm.memberId} = ${am.id}
                       join ${teams} ${t} on ${t.orgId} = ${tm.orgId} and ${t.id} = ${tm.teamId}
                      where ${am.orgId} = ${placeholder(2, 'uuid')} and ${am.userId} = ${u.id} and ${am.status} = 'active'
                        and ${t.archivedAt} is null), '[]') as teams
      from ${authUser} ${u}
     where ${u.id} = ${placeholder(1)}`);
  })(),
};

export async function selectMe(db: Db, userId: string, orgId: string | null): Promise<MeRow | undefined> {
  const [row] = await queryNamed<MeRow>(db, ME, [userId, orgId]);
  return row;
}

export async function selectUserIdByEmail(db: Db, email: string) {
  const [user] = await db.select({ id: authUser.id }).from(authUser).where(eq(authUser.email, email));
  return user;
}

export async function selectUserNameByEmail(db: Db, email: string) {
  const [user] = await db
    .select({ name: authUser.name, language: authUser.language })
    .from(authUser)
    .where(eq(authUser.email, email));
  return user;
}

export async function selectUserLanguage(db: Db, userId: string) {
  const [user] = await db.select({ language: authUser.language }).from(authUser).where(eq(authUser.id, userId));
  return user;
}

export async function updateUser(
  db: Db,
  userId: string,
  values: Partial<Pick<typeof authUser.$inferInsert, 'name' | 'language' | 'updatedAt'>>,
) {
  await db.update(authUser).set(values).where(eq(authUser.id, userId));
}

export async function updateUserLanguage(db: Db, userId: string, language: Language) {
  await db.update(authUser).set({ language }).where(eq(authUser.id, userId));
}

export async function insertPlaceholderUser(tx: Tx, user: { id: string; name: string; email: string }) {
  await tx.insert(authUser).values({ ...user, emailVerified: false });
}

export async function deleteUser(tx: Tx, userId: string) {
  await tx.delete(authUser).where(eq(authUser.id, userId));
}

/** One membership of the person in any organisation, if they have one. */
export async function selectAnyMembershipOfUser(tx: Tx, userId: string) {
  const [membership] = await tx.select({ id: members.id }).from(members).where(eq(members.userId, userId)).limit(1);
  return membership;
}

// ---------- verification tokens (sign-up links, password resets) ----------

export async function insertVerification(db: Db, values: typeof authVerification.$inferInsert) {
  await db.insert(authVerification).values(values);
}

/** Takes a live verification once: deletes it and answers its value; undefined when unknown or expired. */
export async function takeVerification(db: Db, identifier: string) {
  const [row] = await db
    .delete(authVerification)
    .where(and(eq(authVerification.identifier, identifier), gt(authVerification.expiresAt, new Date())))
    .returning({ value: authVerification.value });
  return row;
}

/** The person a live verification (a password reset link) points at. */
export async function selectVerifiedPerson(db: Db, identifier: string) {
  const [person] = await db
    .select({ email: authUser.email, name: authUser.name })
    .from(authVerification)
    .innerJoin(authUser, eq(authUser.id, authVerification.value))
    .where(and(eq(authVerification.identifier, identifier), gt(authVerification.expiresAt, new Date())));
  return person;
}

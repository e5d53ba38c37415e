import { and, asc, eq, gt, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Language, Role } from '../../../contracts/constants';
import type { Member } from '../../../contracts/org.contract';
import { bareColumn, inIds, isoText, runPrepared, runStatement, type Tx } from '../../db/client';
import { authSession, authUser } from '../../db/schema/auth.schema';
import { auditLog, invitations, members, organizations, teamMembers, teams } from '../../db/schema/org.schema';

// Every function takes the organisation first and filters on it: a row of another organisation is never found.
// One file on purpose (over 400 lines): the module's one repo (docs/ARCHITECTURE.md), whose queries of members,
// teams and invitations the organisation, members, invitations and teams services share.

export async function insertOrganization(
  tx: Tx,
  values: { name: string; defaultLanguage: Language },
): Promise<typeof organizations.$inferSelect> {
  const [row] = await tx.insert(organizations).values(values).returning();
  return row!;
}

export async function selectOrganization(tx: Tx, orgId: string) {
  const [row] = await tx.select().from(organizations).where(eq(organizations.id, orgId));
  return row;
}

export async function updateOrganizationRow(
  tx: Tx,
  orgId: string,
  values: Partial<
    Pick<
      typeof organizations.$inferInsert,
      | 'name'
      | 'defaultLanguage'
      | 'currency'
      | 'timeZone'
      | 'resultsMinGroup'
      | 'resultsMinTexts'
      | 'resultsVisibility'
      | 'contactKeepDays'
      | 'customerKeepDays'
      | 'viewLogKeepDays'
    >
  >,
) {
  const [row] = await tx
    .update(organizations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(organizations.id, orgId))
    .returning();
  return row;
}

/** Recounts the organisation's day sums of extras (a database function, see migration 0005). */
export async function rebuildDaySums(tx: Tx, orgId: string) {
  await tx.execute(sql`select klantwerk_rebuild_day_sums(${orgId})`);
}

export async function selectActiveMembership(tx: Tx, orgId: string, userId: string) {
  const [row] = await tx
    .select({
      orgId: members.orgId,
      memberId: members.id,
      roles: members.roles,
      defaultLanguage: organizations.defaultLanguage,
    })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.orgId))
    .where(and(eq(members.orgId, orgId), eq(members.userId, userId), eq(members.status, 'active')));
  return row ? { ...row, roles: row.roles } : undefined;
}

/** All organisations a person belongs to, active or not (used across organisations by the person only). */
export async function selectMembershipsOfUser(tx: Tx, userId: string) {
  return tx
    .select({
      orgId: members.orgId,
      memberId: members.id,
      roles: members.roles,
      status: members.status,
      organizationName: organizations.name,
    })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.orgId))
    .where(eq(members.userId, userId))
    .orderBy(asc(members.createdAt));
}

export async function insertMember(
  tx: Tx,
  orgId: string,
  values: { userId: string; roles: Role[]; jobTitle?: string | null },
) {
  const [row] = await tx
    .insert(members)
    .values({ orgId, userId: values.userId, roles: values.roles, jobTitle: values.jobTitle ?? null })
    .returning();
  return row!;
}

const memberColumns = {
  id: members.id,
  userId: members.userId,
  name: authUser.name,
  email: authUser.email,
  roles: members.roles,
  jobTitle: members.jobTitle,
  status: members.status,
  createdAt: members.createdAt,
  deactivatedAt: members.deactivatedAt,
  erasedAt: members.erasedAt,
};

/** A member as the list shows one, its times as ISO text. */
export interface ListedMember {
  id: string;
  userId: string;
  name: string;
  email: string;
  roles: Role[];
  jobTitle: string | null;
  status: Member['status'];
  createdAt: string;
  deactivatedAt: string | null;
  erasedAt: string | null;
}

/**
 * The organisation's members by name. Made into text once for each variant (status, search) and
 * prepared by name (runStatement): the members list is a screen of its own. Rows come as pg gives them,
 * times as ISO text (isoText).
 */
export async function selectMembers(
  tx: Tx,
  orgId: string,
  filter: { status: 'active' | 'deactivated' | 'all'; q?: string },
): Promise<ListedMember[]> {
  const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return runStatement<ListedMember>(
    tx,
    `members:${filter.status}:${pattern ? 'search' : ''}`,
    (param) => sql`
    select ${members.id} as "id", ${members.userId} as "userId", ${authUser.name} as "name", ${authUser.email} as "email",
           ${members.roles} as "roles", ${members.jobTitle} as "jobTitle", ${members.status} as "status",
           ${isoText(members.createdAt)} as "createdAt", ${isoText(members.deactivatedAt)} as "deactivatedAt",
           ${isoText(members.erasedAt)} as "erasedAt"
      from ${members}
      join ${authUser} on ${authUser.id} = ${members.userId}
     where ${and(
       eq(members.orgId, param('orgId')),
       filter.status === 'all' ? undefined : eq(members.status, param('status')),
       pattern ? or(ilike(authUser.name, param('pattern')), ilike(authUser.email, param('pattern'))) : undefined,
     )}
     order by ${authUser.name}`,
    { orgId, status: filter.status, pattern },
  );
}

export async function selectMember(tx: Tx, orgId: string, memberId: string) {
  const [row] = await tx
    .select(memberColumns)
    .from(members)
    .innerJoin(authUser, eq(authUser.id, members.userId))
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
  return row;
}

export async function selectMemberByUser(tx: Tx, orgId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.userId, userId)));
  return row;
}

export async function updateMemberRow(
  tx: Tx,
  orgId: string,
  memberId: string,
  values: Partial<Pick<typeof members.$inferInsert, 'roles' | 'jobTitle' | 'status' | 'deactivatedAt'>>,
) {
  const [row] = await tx
    .update(members)
    .set(values)
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)))
    .returning();
  return row;
}

/** Active administrators, locked for the rest of the transaction so two demotions cannot race past the last one. */
export async function lockActiveAdminIds(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.status, 'active'), sql`'admin' = any(${members.roles})`))
    .for('update');
  return rows.map((r) => r.id);
}

export async function selectTeamsOfMembers(tx: Tx, orgId: string, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  // Built once and prepared by name (the ids go in as one array): the members list and profiles ask for it.
  return runPrepared(
    tx,
    'teams-of-members',
    (db) =>
      db
        .select({ memberId: teamMembers.memberId, id: teams.id, name: teams.name, isManager: teamMembers.isManager })
        .from(teamMembers)
        .innerJoin(teams, and(eq(teams.orgId, teamMembers.orgId), eq(teams.id, teamMembers.teamId)))
        .where(
          and(
            eq(teamMembers.orgId, sql.placeholder('orgId')),
            inIds(teamMembers.memberId, sql.placeholder('memberIds')),
            isNull(teams.archivedAt),
          ),
        )
        .orderBy(asc(teams.name)),
    { orgId, memberIds },
  );
}

export async function deleteSessionsInOrg(tx: Tx, orgId: string, userId: string) {
  await tx.delete(authSession).where(and(eq(authSession.userId, userId), eq(authSession.activeOrgId, orgId)));
}

export async function selectTeams(tx: Tx, orgId: string) {
  return tx
    .select({
      id: teams.id,
      name: teams.name,
      description: teams.description,
      // A fragment of its own keeps the outer columns' table names (a one-table select's own fragments lose them).
      memberCount: sql<number>`(${sql`select count(*)::int from ${teamMembers}
        join ${members} on ${members.orgId} = ${teamMembers.orgId} and ${members.id} = ${teamMembers.memberId}
        where ${teamMembers.orgId} = ${teams.orgId} and ${teamMembers.teamId} = ${teams.id} and ${members.status} = 'active'`})`,
    })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), isNull(teams.archivedAt)))
    .orderBy(asc(teams.name));
}

export async function selectTeam(tx: Tx, orgId: string, teamId: string) {
  const [row] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId), isNull(teams.archivedAt)));
  return row;
}

/** Ids of the active members who hold this role. */
export async function selectActiveIdsWithRole(tx: Tx, orgId: string, role: Role): Promise<string[]> {
  const rows = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.status, 'active'), sql`${role} = any(${members.roles})`));
  return rows.map((r) => r.id);
}

export async function selectTeamMemberRows(tx: Tx, orgId: string, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return tx
    .select({
      teamId: teamMembers.teamId,
      id: members.id,
      name: authUser.name,
      jobTitle: members.jobTitle,
      isManager: teamMembers.isManager,
    })
    .from(teamMembers)
    .innerJoin(members, and(eq(members.orgId, teamMembers.orgId), eq(members.id, teamMembers.memberId)))
    .innerJoin(authUser, eq(authUser.id, members.userId))
    .where(and(eq(teamMembers.orgId, orgId), inArray(teamMembers.teamId, teamIds), eq(members.status, 'active')))
    .orderBy(asc(authUser.name));
}

export async function insertTeam(tx: Tx, orgId: string, values: { name: string; description: string }) {
  const [row] = await tx
    .insert(teams)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

export async function updateTeamRow(
  tx: Tx,
  orgId: string,
  teamId: string,
  values: Partial<Pick<typeof teams.$inferInsert, 'name' | 'description' | 'archivedAt'>>,
) {
  const [row] = await tx
    .update(teams)
    .set(values)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId), isNull(teams.archivedAt)))
    .returning();
  return row;
}

export async function upsertTeamMember(tx: Tx, orgId: string, teamId: string, memberId: string, isManager: boolean) {
  await tx
    .insert(teamMembers)
    .values({ orgId, teamId, memberId, isManager })
    .onConflictDoUpdate({ target: [teamMembers.orgId, teamMembers.teamId, teamMembers.memberId], set: { isManager } });
}

export async function deleteTeamMember(tx: Tx, orgId: string, teamId: string, memberId: string) {
  const rows = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.teamId, teamId), eq(teamMembers.memberId, memberId)))
    .returning();
  return rows.length > 0;
}

export async function selectExistingTeamIds(tx: Tx, orgId: string, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  const rows = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), inArray(teams.id, teamIds), isNull(teams.archivedAt)));
  return rows.map((r) => r.id);
}

export async function selectPendingInvitations(tx: Tx, orgId: string) {
  return tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(asc(invitations.createdAt));
}

export async function selectInvitation(tx: Tx, orgId: string, invitationId: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, invitationId)));
  return row;
}

/** Looks an invitation up by the hash of its token: the token is the only thing the invitee holds. */
export async function selectInvitationByTokenHash(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select({ invitation: invitations, organizationName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, tokenHash));
  return row;
}

export async function insertInvitation(tx: Tx, orgId: string, values: Omit<typeof invitations.$inferInsert, 'orgId'>) {
  const [row] = await tx
    .insert(invitations)
    .values({ ...values, orgId })
    .returning();
  return row!;
}

export async function revokePendingInvitationsFor(tx: Tx, orgId: string, email: string) {
  await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
}

export async function updateInvitationRow(
  tx: Tx,
  orgId: string,
  invitationId: string,
  values: Partial<
    Pick<typeof invitations.$inferInsert, 'revokedAt' | 'acceptedAt' | 'tokenHash' | 'expiresAt' | 'mailedAt'>
  >,
) {
  const [row] = await tx
    .update(invitations)
    .set(values)
    .where(and(eq(invitations.orgId, orgId), eq(invitations.id, invitationId)))
    .returning();
  return row;
}

/** Marks a pending invitation accepted; returns nothing when another request got there first. */
export async function claimInvitation(tx: Tx, orgId: string, invitationId: string) {
  const [row] = await tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.id, invitationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .returning();
  return row;
}

export async function insertAudit(
  tx: Tx,
  orgId: string,
  entry: {
    actorMemberId: string | null;
    action: string;
    subjectType: string;
    subjectId: string;
    data?: Record<string, unknown>;
  },
) {
  await tx.insert(auditLog).values({ orgId, ...entry, data: entry.data ?? {} });
}

export async function selectMemberCreatedAt(tx: Tx, orgId: string, memberId: string): Promise<Date | null> {
  const [row] = await tx
    .select({ createdAt: members.createdAt })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
  return row?.createdAt ?? null;
}

export async function selectMemberNames(tx: Tx, orgId: string, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return tx
    .select({ id: members.id, name: authUser.name })
    .from(members)
    .innerJoin(authUser, eq(authUser.id, members.userId))
    .where(and(eq(members.orgId, orgId), inArray(members.id, memberIds)));
}

export async function selectTeamNames(tx: Tx, orgId: string, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), inArray(teams.id, teamIds)));
}

/** Whether any organisation exists at all (an empty instance starts at creating one). */
export async function selectAnyOrganizationId(tx: Tx): Promise<string | undefined> {
  const [row] = await tx.select({ id: organizations.id }).from(organizations).limit(1);
  return row?.id;
}

export async function updateSetupSkipped(tx: Tx, orgId: string, step: string, skipped: boolean) {
  await tx
    .update(organizations)
    .set({
      setupSkipped: skipped
        ? sql`array(select distinct unnest(array_append(${organizations.setupSkipped}, ${step}::text)))`
        : sql`array_remove(${organizations.setupSkipped}, ${step}::text)`,
    })
    .where(eq(organizations.id, orgId));
}

/** What the first run reads of the people: active teams, active members, invitations ever made. */
export async function selectSetupCounts(tx: Tx, orgId: string) {
  const { rows } = await tx.execute<{ teams: number; members: number; invitations: number }>(sql`
    select (select count(*) from ${teams} where ${teams.orgId} = ${orgId} and ${teams.archivedAt} is null)::int as teams,
           (select count(*) from ${members} where ${members.orgId} = ${orgId} and ${members.status} = 'active')::int as members,
           (select count(*) from ${invitations} where ${invitations.orgId} = ${orgId})::int as invitations`);
  return rows[0]!;
}

/**
 * Erasure of a member who left: their place goes to a placeholder identity, their job title and team
 * places go, as do invitations to their address and that address in the audit of those invitations.
 */
export async function eraseMemberRows(
  tx: Tx,
  orgId: string,
  memberId: string,
  person: { placeholderUserId: string; email: string },
) {
  await tx
    .update(members)
    .set({ userId: person.placeholderUserId, jobTitle: null, digestOptOut: true, erasedAt: new Date() })
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
  await tx.delete(teamMembers).where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.memberId, memberId)));
  await tx.execute(sql`
    delete from ${invitations} where ${invitations.orgId} = ${orgId} and lower(${invitations.email}) = lower(${person.email})`);
  await tx.execute(sql`
    update ${auditLog} set ${bareColumn(auditLog.data)} = ${auditLog.data} - 'email'
     where ${auditLog.orgId} = ${orgId} and ${auditLog.action} = 'invitation.created' and lower(${auditLog.data}->>'email') = lower(${person.email})`);
}

/** The member comparison setting of learning (who switched it on, when, with the works council's consent). */
export async function updateComparisonSetting(
  tx: Tx,
  orgId: string,
  values: { since: Date | null; by: string | null; agreedOn: string | null; note: string | null },
) {
  await tx
    .update(organizations)
    .set({
      memberComparisonSince: values.since,
      memberComparisonBy: values.by,
      worksCouncilAgreedOn: values.agreedOn,
      worksCouncilNote: values.note,
      updatedAt: new Date(),
    })
    .where(eq(organizations.id, orgId));
}

export async function updateDigestOptOut(tx: Tx, orgId: string, memberId: string, optOut: boolean) {
  await tx
    .update(members)
    .set({ digestOptOut: optOut })
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
}

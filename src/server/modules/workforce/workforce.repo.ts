import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Role } from '../../../contracts/constants';
import { NO_EMAIL_DOMAIN } from '../../../contracts/workforce.contract';
import type { Tx } from '../../db/client';
import { authSession, authUser } from '../../db/schema/auth.schema';
import { members, organizations, teamMembers, teams } from '../../db/schema/org.schema';
import { counterDevices, counterPins, counterSessions, signInCodes } from '../../db/schema/workforce.schema';

// Sign-in for the workforce. Like auth.repo, this reads and writes the identity and membership tables
// on purpose: a person without an e-mail address is made here (auth_user with a placeholder address
// that is never mailed, a member, their team), and a code or PIN sign-in needs the membership at once.

export async function insertPersonWithoutEmail(
  tx: Tx,
  orgId: string,
  values: {
    userId: string;
    name: string;
    language: string | null;
    roles: Role[];
    teamId: string;
    isManager?: boolean;
  },
) {
  await tx.insert(authUser).values({
    id: values.userId,
    name: values.name,
    email: `${values.userId}@${NO_EMAIL_DOMAIN}`,
    emailVerified: false,
    language: values.language,
  });
  const [member] = await tx
    .insert(members)
    .values({ orgId, userId: values.userId, roles: values.roles })
    .returning({ id: members.id });
  await tx
    .insert(teamMembers)
    .values({ orgId, teamId: values.teamId, memberId: member!.id, isManager: values.isManager ?? false });
  return member!.id;
}

export async function selectOrganizationName(tx: Tx, orgId: string) {
  const [row] = await tx
    .select({ name: organizations.name, defaultLanguage: organizations.defaultLanguage })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row;
}

export async function selectActiveTeam(tx: Tx, orgId: string, teamId: string) {
  const [row] = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId), isNull(teams.archivedAt)));
  return row;
}

export async function selectActiveTeams(tx: Tx, orgId: string) {
  return tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), isNull(teams.archivedAt)));
}

export async function insertTeamNamed(tx: Tx, orgId: string, name: string) {
  const [row] = await tx.insert(teams).values({ orgId, name }).returning({ id: teams.id, name: teams.name });
  return row!;
}

export async function selectMemberPerson(tx: Tx, orgId: string, memberId: string) {
  const [row] = await tx
    .select({
      id: members.id,
      userId: members.userId,
      name: authUser.name,
      email: authUser.email,
      status: members.status,
      roles: members.roles,
      erasedAt: members.erasedAt,
    })
    .from(members)
    .innerJoin(authUser, eq(authUser.id, members.userId))
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
  return row;
}

export async function selectTeamIdsOfMember(tx: Tx, orgId: string, memberId: string) {
  const rows = await tx
    .select({ teamId: teamMembers.teamId, isManager: teamMembers.isManager, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.orgId, teamMembers.orgId), eq(teams.id, teamMembers.teamId)))
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.memberId, memberId), isNull(teams.archivedAt)))
    .orderBy(asc(teams.name));
  return rows;
}

// ---------- codes ----------

export async function insertCode(
  tx: Tx,
  orgId: string,
  values: { memberId: string; selector: string; verifierHash: string; createdBy: string | null },
) {
  await tx.insert(signInCodes).values({ orgId, ...values });
}

export async function revokeCodesOf(tx: Tx, orgId: string, memberId: string) {
  await tx
    .update(signInCodes)
    .set({ revokedAt: new Date() })
    .where(and(eq(signInCodes.orgId, orgId), eq(signInCodes.memberId, memberId), isNull(signInCodes.revokedAt)));
}

export async function deleteSessionsOfUser(tx: Tx, userId: string) {
  await tx.delete(authSession).where(eq(authSession.userId, userId));
}

/** A session a sign-in code just opened: it works in the code's organisation until `expiresAt`. */
export async function tieCodeSession(tx: Tx, token: string, orgId: string, expiresAt: Date) {
  await tx.update(authSession).set({ activeOrgId: orgId, expiresAt }).where(eq(authSession.token, token));
}

/** The live code with this selector, with its member (active or not). */
export async function selectCodeBySelector(tx: Tx, selector: string) {
  const [row] = await tx
    .select({
      orgId: signInCodes.orgId,
      memberId: signInCodes.memberId,
      verifierHash: signInCodes.verifierHash,
      userId: members.userId,
      status: members.status,
    })
    .from(signInCodes)
    .innerJoin(members, and(eq(members.orgId, signInCodes.orgId), eq(members.id, signInCodes.memberId)))
    .where(and(eq(signInCodes.selector, selector), isNull(signInCodes.revokedAt)));
  return row;
}

/** Everyone in the organisation who has (or had) a sign-in code, with the date of the card in use. */
export async function selectCodeHolders(tx: Tx, orgId: string) {
  return tx
    .select({
      memberId: members.id,
      name: authUser.name,
      status: members.status,
      issuedAt: sql<Date | null>`max(${signInCodes.createdAt}) filter (where ${signInCodes.revokedAt} is null)`,
      hasCounterPin: sql<boolean>`bool_or(${counterPins.memberId} is not null)`,
    })
    .from(signInCodes)
    .innerJoin(members, and(eq(members.orgId, signInCodes.orgId), eq(members.id, signInCodes.memberId)))
    .innerJoin(authUser, eq(authUser.id, members.userId))
    .leftJoin(counterPins, and(eq(counterPins.orgId, members.orgId), eq(counterPins.memberId, members.id)))
    .where(and(eq(signInCodes.orgId, orgId), isNull(members.erasedAt)))
    .groupBy(members.id, authUser.name, members.status)
    .orderBy(asc(authUser.name));
}

export async function selectTeamsOfMembers(tx: Tx, orgId: string, memberIds: string[]) {
  if (!memberIds.length) return [];
  return tx
    .select({ memberId: teamMembers.memberId, id: teams.id, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.orgId, teamMembers.orgId), eq(teams.id, teamMembers.teamId)))
    .where(and(eq(teamMembers.orgId, orgId), inArray(teamMembers.memberId, memberIds), isNull(teams.archivedAt)))
    .orderBy(asc(teams.name));
}

// ---------- PINs ----------

export async function upsertPin(tx: Tx, orgId: string, memberId: string, pinHash: string) {
  await tx
    .insert(counterPins)
    .values({ orgId, memberId, pinHash })
    .onConflictDoUpdate({ target: [counterPins.orgId, counterPins.memberId], set: { pinHash, updatedAt: new Date() } });
}

export async function deletePin(tx: Tx, orgId: string, memberId: string) {
  await tx.delete(counterPins).where(and(eq(counterPins.orgId, orgId), eq(counterPins.memberId, memberId)));
}

export async function selectPin(tx: Tx, orgId: string, memberId: string) {
  const [row] = await tx
    .select({ pinHash: counterPins.pinHash })
    .from(counterPins)
    .where(and(eq(counterPins.orgId, orgId), eq(counterPins.memberId, memberId)));
  return row;
}

// ---------- counter devices ----------

const deviceColumns = {
  id: counterDevices.id,
  orgId: counterDevices.orgId,
  name: counterDevices.name,
  teamId: counterDevices.teamId,
  teamName: teams.name,
  tokenHash: counterDevices.tokenHash,
  createdAt: counterDevices.createdAt,
  activatedAt: counterDevices.activatedAt,
  lastUsedAt: counterDevices.lastUsedAt,
  revokedAt: counterDevices.revokedAt,
};
export type DeviceRow = Awaited<ReturnType<typeof selectDevices>>[number];

export async function selectDevices(tx: Tx, orgId: string) {
  return tx
    .select(deviceColumns)
    .from(counterDevices)
    .innerJoin(teams, and(eq(teams.orgId, counterDevices.orgId), eq(teams.id, counterDevices.teamId)))
    .where(eq(counterDevices.orgId, orgId))
    .orderBy(asc(counterDevices.revokedAt), asc(counterDevices.name));
}

export async function selectDevice(tx: Tx, orgId: string, deviceId: string) {
  const [row] = await tx
    .select(deviceColumns)
    .from(counterDevices)
    .innerJoin(teams, and(eq(teams.orgId, counterDevices.orgId), eq(teams.id, counterDevices.teamId)))
    .where(and(eq(counterDevices.orgId, orgId), eq(counterDevices.id, deviceId)));
  return row;
}

export async function insertDevice(
  tx: Tx,
  orgId: string,
  values: { name: string; teamId: string; activationHash: string; activationExpiresAt: Date; createdBy: string },
) {
  const [row] = await tx
    .insert(counterDevices)
    .values({ orgId, ...values })
    .returning({ id: counterDevices.id });
  return row!.id;
}

export async function revokeDevice(tx: Tx, orgId: string, deviceId: string) {
  await tx
    .update(counterDevices)
    .set({ revokedAt: new Date(), tokenHash: null, activationHash: null })
    .where(and(eq(counterDevices.orgId, orgId), eq(counterDevices.id, deviceId), isNull(counterDevices.revokedAt)));
  await tx.delete(counterSessions).where(and(eq(counterSessions.orgId, orgId), eq(counterSessions.deviceId, deviceId)));
}

/** Uses a set-up link once: the device gets its token. */
export async function activateDevice(tx: Tx, activationHash: string, tokenHash: string) {
  const [row] = await tx
    .update(counterDevices)
    .set({ tokenHash, activationHash: null, activationExpiresAt: null, activatedAt: new Date() })
    .where(
      and(
        eq(counterDevices.activationHash, activationHash),
        gt(counterDevices.activationExpiresAt, new Date()),
        isNull(counterDevices.revokedAt),
      ),
    )
    .returning({ id: counterDevices.id });
  return row;
}

export async function selectDeviceByToken(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select(deviceColumns)
    .from(counterDevices)
    .innerJoin(teams, and(eq(teams.orgId, counterDevices.orgId), eq(teams.id, counterDevices.teamId)))
    .where(and(eq(counterDevices.tokenHash, tokenHash), isNull(counterDevices.revokedAt)));
  return row;
}

export async function touchDevice(tx: Tx, orgId: string, deviceId: string) {
  await tx
    .update(counterDevices)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(counterDevices.orgId, orgId), eq(counterDevices.id, deviceId)));
}

/** The team's active people who have set a PIN. */
export async function selectPeopleWithPin(tx: Tx, orgId: string, teamId: string) {
  return tx
    .select({ id: members.id, name: authUser.name })
    .from(teamMembers)
    .innerJoin(members, and(eq(members.orgId, teamMembers.orgId), eq(members.id, teamMembers.memberId)))
    .innerJoin(authUser, eq(authUser.id, members.userId))
    .innerJoin(counterPins, and(eq(counterPins.orgId, members.orgId), eq(counterPins.memberId, members.id)))
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.teamId, teamId), eq(members.status, 'active')))
    .orderBy(asc(authUser.name));
}

// ---------- counter sessions ----------

/** Starts the next person's session on a device (the one before ends). */
export async function replaceCounterSession(
  tx: Tx,
  orgId: string,
  deviceId: string,
  memberId: string,
  tokenHash: string,
  expiresAt: Date,
) {
  await tx
    .insert(counterSessions)
    .values({ orgId, deviceId, memberId, tokenHash, expiresAt })
    .onConflictDoUpdate({
      target: [counterSessions.orgId, counterSessions.deviceId],
      set: { memberId, tokenHash, expiresAt, createdAt: new Date() },
    });
}

/** The live session of this device with this token; its idle time starts again. */
export async function touchCounterSession(tx: Tx, orgId: string, deviceId: string, tokenHash: string, expiresAt: Date) {
  const [row] = await tx
    .update(counterSessions)
    .set({ expiresAt })
    .where(
      and(
        eq(counterSessions.orgId, orgId),
        eq(counterSessions.deviceId, deviceId),
        eq(counterSessions.tokenHash, tokenHash),
        gt(counterSessions.expiresAt, new Date()),
      ),
    )
    .returning({ memberId: counterSessions.memberId });
  return row;
}

export async function selectCounterSession(tx: Tx, orgId: string, deviceId: string, tokenHash: string) {
  const [row] = await tx
    .select({ memberId: counterSessions.memberId, expiresAt: counterSessions.expiresAt, name: authUser.name })
    .from(counterSessions)
    .innerJoin(members, and(eq(members.orgId, counterSessions.orgId), eq(members.id, counterSessions.memberId)))
    .innerJoin(authUser, eq(authUser.id, members.userId))
    .where(
      and(
        eq(counterSessions.orgId, orgId),
        eq(counterSessions.deviceId, deviceId),
        eq(counterSessions.tokenHash, tokenHash),
        gt(counterSessions.expiresAt, new Date()),
      ),
    );
  return row;
}

/** Signs a person out of every counter device (their PIN was replaced). */
export async function deleteCounterSessionsOfMember(tx: Tx, orgId: string, memberId: string) {
  await tx.delete(counterSessions).where(and(eq(counterSessions.orgId, orgId), eq(counterSessions.memberId, memberId)));
}

export async function deleteCounterSession(tx: Tx, orgId: string, deviceId: string) {
  await tx.delete(counterSessions).where(and(eq(counterSessions.orgId, orgId), eq(counterSessions.deviceId, deviceId)));
}

/** What the access check knows of a member: roles, teams, the ones they manage, the time zone. */
export async function selectTenantOfMember(tx: Tx, orgId: string, memberId: string) {
  const [row] = await tx
    .select({
      userId: members.userId,
      roles: members.roles,
      status: members.status,
      timeZone: organizations.timeZone,
      name: authUser.name,
    })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.orgId))
    .innerJoin(authUser, eq(authUser.id, members.userId))
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
  if (row?.status !== 'active') return undefined;
  const teamRows = await selectTeamIdsOfMember(tx, orgId, memberId);
  return {
    name: row.name,
    tenant: {
      orgId,
      memberId,
      userId: row.userId,
      roles: row.roles,
      teamIds: teamRows.map((t) => t.teamId),
      managedTeamIds: teamRows.filter((t) => t.isManager).map((t) => t.teamId),
      timeZone: row.timeZone,
    },
  };
}

/** Existing members of the organisation by e-mail address (lower case). */
export async function selectMemberEmails(tx: Tx, orgId: string, emails: string[]) {
  if (!emails.length) return new Set<string>();
  const rows = await tx
    .select({ email: authUser.email })
    .from(members)
    .innerJoin(authUser, eq(authUser.id, members.userId))
    .where(and(eq(members.orgId, orgId), eq(members.status, 'active'), inArray(sql`lower(${authUser.email})`, emails)));
  return new Set(rows.map((r) => r.email.toLowerCase()));
}

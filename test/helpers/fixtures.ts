import { randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import type { Role } from '../../src/contracts/constants';
import type { Db } from '../../src/server/db/client';
import { authAccount, authUser } from '../../src/server/db/schema/auth.schema';
import { members, organizations, teamMembers, teams } from '../../src/server/db/schema/org.schema';
import { TEST_PASSWORD } from './test-app';

export interface FixturePerson {
  userId: string;
  memberId: string;
  email: string;
  name: string;
  roles: Role[];
}

export interface OrgFixture {
  orgId: string;
  teamId: string;
  otherTeamId: string;
  /** One person per role; the manager manages `teamId`, the member is in it. */
  people: Record<Role, FixturePerson>;
  /** A member of `otherTeamId` only. */
  outsider: FixturePerson;
  invitationId?: string;
}

let cachedHash: Promise<string> | undefined;

/** Creates an organisation with one person per role and two teams, straight in the database. */
export async function createOrgFixture(db: Db, label: string): Promise<OrgFixture> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await cachedHash;
  const [org] = await db
    .insert(organizations)
    .values({ name: `Org ${label}` })
    .returning();
  const orgId = org!.id;
  const [team, otherTeam] = await db
    .insert(teams)
    .values([
      { orgId, name: `Team ${label}` },
      { orgId, name: `Other ${label}` },
    ])
    .returning();

  const addPerson = async (key: string, roles: Role[]): Promise<FixturePerson> => {
    const userId = randomBytes(12).toString('hex');
    const email = `${key}.${label}.${userId.slice(0, 6)}@example.test`.toLowerCase();
    const name = `${key} ${label}`;
    await db.insert(authUser).values({ id: userId, name, email, emailVerified: true });
    await db.insert(authAccount).values({
      id: randomBytes(12).toString('hex'),
      accountId: userId,
      providerId: 'credential',
      userId,
      password: passwordHash,
    });
    const [member] = await db.insert(members).values({ orgId, userId, roles }).returning();
    return { userId, memberId: member!.id, email, name, roles };
  };

  const people = {} as Record<Role, FixturePerson>;
  for (const role of ['member', 'manager', 'director', 'advisor', 'admin'] as const)
    people[role] = await addPerson(role, [role]);
  const outsider = await addPerson('outsider', ['member']);
  await db.insert(teamMembers).values([
    { orgId, teamId: team!.id, memberId: people.manager.memberId, isManager: true },
    { orgId, teamId: team!.id, memberId: people.member.memberId, isManager: false },
    { orgId, teamId: otherTeam!.id, memberId: outsider.memberId, isManager: false },
  ]);
  return { orgId, teamId: team!.id, otherTeamId: otherTeam!.id, people, outsider };
}

/** One more person in a fixture's organisation, in one of its teams, with the fixture's password. */
export async function addFixturePerson(
  db: Db,
  f: OrgFixture,
  key: string,
  roles: Role[],
  teamId: string,
  isManager: boolean,
): Promise<FixturePerson> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const userId = randomBytes(12).toString('hex');
  const email = `${key}.${userId.slice(0, 6)}@example.test`;
  const name = `${key} ${f.orgId.slice(0, 4)}`;
  await db.insert(authUser).values({ id: userId, name, email, emailVerified: true });
  await db.insert(authAccount).values({
    id: randomBytes(12).toString('hex'),
    accountId: userId,
    providerId: 'credential',
    userId,
    password: await cachedHash,
  });
  const [member] = await db.insert(members).values({ orgId: f.orgId, userId, roles }).returning();
  await db.insert(teamMembers).values({ orgId: f.orgId, teamId, memberId: member!.id, isManager });
  return { userId, memberId: member!.id, email, name, roles };
}

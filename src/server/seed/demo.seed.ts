import { randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { sql } from 'drizzle-orm';
import type { Role } from '../../contracts/constants';
import type { Db } from '../db/client';
import { authAccount, authUser } from '../db/schema/auth.schema';
import { members, organizations, teamMembers, teams } from '../db/schema/org.schema';
import { seedDemoCounsel } from './demo-counsel.seed';
import { type DemoStaff, seedDemoExtras } from './demo-extras.seed';
import { seedDemoLearning } from './demo-learning.seed';
import { seedDemoPromises } from './demo-promises.seed';
import { seedDemoQuestions } from './demo-questions.seed';
import { seedDemoThanks } from './demo-thanks.seed';
import { seedDemoVoice } from './demo-voice.seed';

export const DEMO_ORG_NAME = 'Hotel De Kroon';
export const DEMO_DOMAIN = 'dekroon.example';

interface DemoPerson {
  name: string;
  jobTitle: string;
  roles: Role[];
  /** Team names, with "*" for the teams this person manages. */
  teams: string[];
  language?: 'en';
}

const TEAMS: { name: string; description: string }[] = [
  { name: 'Receptie', description: 'Front desk: aankomst, vertrek en alles daartussen.' },
  { name: 'Huishouding', description: 'Housekeeping: kamers, linnen en de kleine dingen die opvallen.' },
  { name: 'Restaurant', description: 'Ontbijt, lunch en diner.' },
  { name: 'Verkoop', description: 'Sales: groepen, zakelijke gasten en arrangementen.' },
];

const PEOPLE: DemoPerson[] = [
  { name: 'Anna de Kroon', jobTitle: 'Directeur', roles: ['director'], teams: [] },
  { name: 'Jeroen Bakker', jobTitle: 'Officemanager', roles: ['admin'], teams: [] },
  { name: 'Sanne Visser', jobTitle: 'Externe salesadviseur', roles: ['advisor'], teams: [] },
  { name: 'Pieter Jansen', jobTitle: 'Front office manager', roles: ['manager'], teams: ['*Receptie'] },
  { name: 'Lisa Mulder', jobTitle: 'Receptioniste', roles: ['member'], teams: ['Receptie'] },
  { name: 'Daan de Groot', jobTitle: 'Receptionist', roles: ['member'], teams: ['Receptie'] },
  { name: 'Noor Hendriks', jobTitle: 'Receptioniste', roles: ['member'], teams: ['Receptie'] },
  { name: 'Tom van Dijk', jobTitle: 'Nachtportier', roles: ['member'], teams: ['Receptie'], language: 'en' },
  { name: 'Emma Peters', jobTitle: 'Conciërge', roles: ['member'], teams: ['Receptie'] },
  { name: 'Fatima El Amrani', jobTitle: 'Hoofd huishouding', roles: ['manager'], teams: ['*Huishouding'] },
  { name: 'Kees Vermeulen', jobTitle: 'Kamermeisje/-jongen', roles: ['member'], teams: ['Huishouding'] },
  { name: 'Yara Bos', jobTitle: 'Kamermeisje', roles: ['member'], teams: ['Huishouding'] },
  { name: 'Mohamed Ait Said', jobTitle: 'Linnenkamer', roles: ['member'], teams: ['Huishouding'] },
  { name: 'Julia Kok', jobTitle: 'Kamermeisje', roles: ['member'], teams: ['Huishouding'] },
  { name: 'Bram Willems', jobTitle: 'Technische dienst', roles: ['member'], teams: ['Huishouding'] },
  { name: 'Lars de Boer', jobTitle: 'Restaurantmanager', roles: ['manager'], teams: ['*Restaurant'] },
  { name: 'Sophie Meijer', jobTitle: 'Gastvrouw', roles: ['member'], teams: ['Restaurant'] },
  { name: 'Ruben Dekker', jobTitle: 'Kok', roles: ['member'], teams: ['Restaurant'] },
  { name: 'Mila Brouwer', jobTitle: 'Bediening', roles: ['member'], teams: ['Restaurant', 'Receptie'] },
  { name: 'Sem van Leeuwen', jobTitle: 'Sous-chef', roles: ['member'], teams: ['Restaurant'] },
  { name: 'Zoë de Wit', jobTitle: 'Bediening', roles: ['member'], teams: ['Restaurant'], language: 'en' },
  { name: 'Eva Smit', jobTitle: 'Sales manager', roles: ['manager'], teams: ['*Verkoop'] },
  { name: 'Thijs Koster', jobTitle: 'Accountmanager zakelijk', roles: ['member'], teams: ['Verkoop'] },
  { name: 'Iris Prins', jobTitle: 'Groepen en evenementen', roles: ['member'], teams: ['Verkoop'] },
  { name: 'Bas Huisman', jobTitle: 'Revenue', roles: ['member'], teams: ['Verkoop'] },
];

/** first name, ascii, lower case: "Zoë de Wit" -> "zoe" */
export function demoEmail(name: string): string {
  const first = name
    .split(' ')[0]!
    .normalize('NFD')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase();
  return `${first}@${DEMO_DOMAIN}`;
}

export interface DemoLogin {
  name: string;
  email: string;
  roles: Role[];
  teams: string[];
}

const SEED_LOCK_KEY = 7_264_331_902;

/**
 * Seeds Hotel De Kroon when the database has no organisation yet. Runs under an advisory lock, so two
 * processes starting on an empty database seed it once. Returns the logins, or null when nothing was done.
 */
export async function seedDemoIfEmpty(db: Db, password: string, secret: string): Promise<DemoLogin[] | null> {
  const countOrganizations = async (tx: Pick<Db, 'select'>) => {
    const [row] = await tx.select({ count: sql<number>`count(*)::int` }).from(organizations);
    return row?.count ?? 0;
  };
  if ((await countOrganizations(db)) > 0) return null;
  // Hashed the way Better Auth hashes at sign-up, once for all demo logins.
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    if ((await countOrganizations(tx)) > 0) return null;

    const [org] = await tx.insert(organizations).values({ name: DEMO_ORG_NAME, defaultLanguage: 'nl' }).returning();
    const orgId = org!.id;
    const teamRows = await tx
      .insert(teams)
      .values(TEAMS.map((t) => ({ orgId, ...t })))
      .returning();
    const teamId = new Map(teamRows.map((t) => [t.name, t.id]));

    const logins: DemoLogin[] = [];
    const staff: DemoStaff[] = [];
    let directorMemberId = '';
    const memberIdByName = new Map<string, string>();
    for (const person of PEOPLE) {
      const userId = randomBytes(16).toString('hex');
      const email = demoEmail(person.name);
      await tx
        .insert(authUser)
        .values({ id: userId, name: person.name, email, emailVerified: true, language: person.language ?? null });
      await tx.insert(authAccount).values({
        id: randomBytes(16).toString('hex'),
        accountId: userId,
        providerId: 'credential',
        userId,
        password: passwordHash,
      });
      const [member] = await tx
        .insert(members)
        // They have worked at the hotel for a year: its history (extras, promises, late steps) is theirs too.
        .values({
          orgId,
          userId,
          roles: person.roles,
          jobTitle: person.jobTitle,
          createdAt: new Date(Date.now() - 365 * 86_400_000),
        })
        .returning();
      for (const entry of person.teams) {
        const isManager = entry.startsWith('*');
        await tx
          .insert(teamMembers)
          .values({ orgId, teamId: teamId.get(entry.replace('*', ''))!, memberId: member!.id, isManager });
      }
      logins.push({
        name: person.name,
        email,
        roles: person.roles,
        teams: person.teams.map((t) => t.replace('*', '')),
      });
      const teamNames = person.teams.map((t) => t.replace('*', ''));
      if (teamNames.length)
        staff.push({ memberId: member!.id, teamIds: teamNames.map((n) => teamId.get(n)!), teamName: teamNames[0]! });
      if (person.roles.includes('director')) directorMemberId = member!.id;
      memberIdByName.set(person.name, member!.id);
    }
    await seedDemoExtras(tx, orgId, teamId, staff, directorMemberId);
    await seedDemoLearning(tx, orgId);
    await seedDemoPromises(tx, orgId, teamId);
    await seedDemoQuestions(tx, orgId, secret, teamId, directorMemberId);
    await seedDemoVoice(tx, orgId, teamId, memberIdByName);
    await seedDemoCounsel(tx, orgId, memberIdByName);
    await seedDemoThanks(tx, orgId, teamId, memberIdByName);
    return logins;
  });
}

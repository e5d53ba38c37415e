import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { authAccount, authUser, authVerification } from '../../db/schema/auth.schema';
import { members } from '../../db/schema/org.schema';
import { ssoConnections, ssoDomains, ssoJoinRequests } from '../../db/schema/sso.schema';

export type ConnectionRow = typeof ssoConnections.$inferSelect & { domains: string[] };

export async function selectConnection(tx: Tx, orgId: string): Promise<ConnectionRow | undefined> {
  const [row] = await tx.select().from(ssoConnections).where(eq(ssoConnections.orgId, orgId));
  if (!row) return undefined;
  const domains = await tx
    .select({ domain: ssoDomains.domain })
    .from(ssoDomains)
    .where(eq(ssoDomains.orgId, orgId))
    .orderBy(asc(ssoDomains.domain));
  return { ...row, domains: domains.map((d) => d.domain) };
}

/** The connection a domain belongs to (whether or not it is switched on). */
export async function selectConnectionOfDomain(tx: Tx, domain: string) {
  const [row] = await tx
    .select({ orgId: ssoConnections.orgId, enabled: ssoConnections.enabled, required: ssoConnections.required })
    .from(ssoDomains)
    .innerJoin(ssoConnections, eq(ssoConnections.orgId, ssoDomains.orgId))
    .where(eq(ssoDomains.domain, domain));
  return row;
}

/** Domains among these that another organisation has connected. */
export async function selectDomainsTakenElsewhere(tx: Tx, orgId: string, domains: string[]) {
  const rows = await tx
    .select({ domain: ssoDomains.domain })
    .from(ssoDomains)
    .where(and(inArray(ssoDomains.domain, domains), ne(ssoDomains.orgId, orgId)));
  return rows.map((r) => r.domain);
}

/** Domains among these at which some active member of the organisation has their address. */
export async function selectDomainsOfMembers(tx: Tx, orgId: string, domains: string[]) {
  const rows = await tx
    .selectDistinct({ domain: sql<string>`lower(split_part(${authUser.email}, '@', 2))` })
    .from(members)
    .innerJoin(authUser, eq(authUser.id, members.userId))
    .where(
      and(
        eq(members.orgId, orgId),
        eq(members.status, 'active'),
        inArray(sql`lower(split_part(${authUser.email}, '@', 2))`, domains),
      ),
    );
  return rows.map((r) => r.domain);
}

export async function upsertConnection(
  tx: Tx,
  orgId: string,
  values: Omit<typeof ssoConnections.$inferInsert, 'orgId' | 'createdAt' | 'updatedAt'>,
  domains: string[],
) {
  await tx
    .insert(ssoConnections)
    .values({ orgId, ...values })
    .onConflictDoUpdate({ target: ssoConnections.orgId, set: { ...values, updatedAt: new Date() } });
  await tx.delete(ssoDomains).where(eq(ssoDomains.orgId, orgId));
  await tx.insert(ssoDomains).values(domains.map((domain) => ({ orgId, domain })));
}

export async function deleteConnection(tx: Tx, orgId: string) {
  const rows = await tx
    .delete(ssoConnections)
    .where(eq(ssoConnections.orgId, orgId))
    .returning({ orgId: ssoConnections.orgId });
  return rows.length > 0;
}

// ---------- the flow between the start and the callback ----------

export async function insertFlow(tx: Tx, identifier: string, value: string, expiresAt: Date) {
  await tx.insert(authVerification).values({ id: crypto.randomUUID(), identifier, value, expiresAt });
}

/** Takes the flow once: a second callback with the same state finds nothing. */
export async function takeFlow(tx: Tx, identifier: string) {
  const [row] = await tx
    .delete(authVerification)
    .where(and(eq(authVerification.identifier, identifier), gt(authVerification.expiresAt, new Date())))
    .returning({ value: authVerification.value });
  return row?.value;
}

// ---------- identities ----------

export async function selectUserOfIdentity(tx: Tx, providerId: string, subject: string) {
  const [row] = await tx
    .select({ id: authUser.id, email: authUser.email })
    .from(authAccount)
    .innerJoin(authUser, eq(authUser.id, authAccount.userId))
    .where(and(eq(authAccount.providerId, providerId), eq(authAccount.accountId, subject)));
  return row;
}

export async function selectUserByEmail(tx: Tx, email: string) {
  const [row] = await tx
    .select({ id: authUser.id, email: authUser.email })
    .from(authUser)
    .where(eq(authUser.email, email));
  return row;
}

// ---------- join requests ----------

export async function upsertJoinRequest(tx: Tx, orgId: string, userId: string) {
  await tx.insert(ssoJoinRequests).values({ orgId, userId }).onConflictDoNothing();
}

export async function selectJoinRequests(tx: Tx, orgId: string) {
  return tx
    .select({
      id: ssoJoinRequests.id,
      name: authUser.name,
      email: authUser.email,
      createdAt: ssoJoinRequests.createdAt,
    })
    .from(ssoJoinRequests)
    .innerJoin(authUser, eq(authUser.id, ssoJoinRequests.userId))
    .where(eq(ssoJoinRequests.orgId, orgId))
    .orderBy(asc(ssoJoinRequests.createdAt));
}

export async function takeJoinRequest(tx: Tx, orgId: string, requestId: string) {
  const [row] = await tx
    .delete(ssoJoinRequests)
    .where(and(eq(ssoJoinRequests.orgId, orgId), eq(ssoJoinRequests.id, requestId)))
    .returning({ userId: ssoJoinRequests.userId });
  return row;
}

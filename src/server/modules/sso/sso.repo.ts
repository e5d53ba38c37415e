import { and, asc, eq, gt, inArray, isNotNull, isNull, ne, notInArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { authAccount, authSession, authUser, authVerification } from '../../db/schema/auth.schema';
import { ssoConnections, ssoDomains, ssoJoinRequests } from '../../db/schema/sso.schema';

export type ConnectionRow = typeof ssoConnections.$inferSelect & {
  domains: string[];
  /** The domains proven by their DNS TXT record: only these route sign-ins and block passwords. */
  provenDomains: string[];
  domainStates: { domain: string; verifiedAt: Date | null }[];
};

export async function selectConnection(tx: Tx, orgId: string): Promise<ConnectionRow | undefined> {
  const [row] = await tx.select().from(ssoConnections).where(eq(ssoConnections.orgId, orgId));
  if (!row) return undefined;
  const domains = await tx
    .select({ domain: ssoDomains.domain, verifiedAt: ssoDomains.verifiedAt })
    .from(ssoDomains)
    .where(eq(ssoDomains.orgId, orgId))
    .orderBy(asc(ssoDomains.domain));
  return {
    ...row,
    domains: domains.map((d) => d.domain),
    provenDomains: domains.filter((d) => d.verifiedAt).map((d) => d.domain),
    domainStates: domains,
  };
}

/** The connection a proven domain belongs to (whether or not it is switched on); an unproven domain has none. */
export async function selectConnectionOfDomain(tx: Tx, domain: string) {
  const [row] = await tx
    .select({ orgId: ssoConnections.orgId, enabled: ssoConnections.enabled, required: ssoConnections.required })
    .from(ssoDomains)
    .innerJoin(ssoConnections, eq(ssoConnections.orgId, ssoDomains.orgId))
    .where(and(eq(ssoDomains.domain, domain), isNotNull(ssoDomains.verifiedAt)));
  return row;
}

/** Domains among these that another organisation has proven. */
export async function selectDomainsTakenElsewhere(tx: Tx, orgId: string, domains: string[]) {
  const rows = await tx
    .select({ domain: ssoDomains.domain })
    .from(ssoDomains)
    .where(and(inArray(ssoDomains.domain, domains), ne(ssoDomains.orgId, orgId), isNotNull(ssoDomains.verifiedAt)));
  return rows.map((r) => r.domain);
}

/** Marks a domain proven; false when another organisation proved it first (the unique index says so). */
export async function markDomainProven(tx: Tx, orgId: string, domain: string): Promise<boolean> {
  try {
    const rows = await tx
      .update(ssoDomains)
      .set({ verifiedAt: new Date() })
      .where(and(eq(ssoDomains.orgId, orgId), eq(ssoDomains.domain, domain), isNull(ssoDomains.verifiedAt)))
      .returning({ domain: ssoDomains.domain });
    return rows.length > 0;
  } catch (err) {
    if ((err as { code?: string; cause?: { code?: string } }).code === '23505') return false;
    if ((err as { cause?: { code?: string } }).cause?.code === '23505') return false;
    throw err;
  }
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
  // A domain kept keeps its proof; a new one waits for its TXT record.
  await tx.delete(ssoDomains).where(and(eq(ssoDomains.orgId, orgId), notInArray(ssoDomains.domain, domains)));
  await tx
    .insert(ssoDomains)
    .values(domains.map((domain) => ({ orgId, domain })))
    .onConflictDoNothing();
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

/** A session single sign-on just opened: it works in the provider's organisation only. */
export async function tieSsoSession(tx: Tx, token: string, orgId: string) {
  await tx.update(authSession).set({ activeOrgId: orgId, ssoOrgId: orgId }).where(eq(authSession.token, token));
}

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

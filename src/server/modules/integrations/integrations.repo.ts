import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { apiKeys, webhookDeliveries, webhookEndpoints } from '../../db/schema/integrations.schema';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

export type EndpointWithLast = EndpointRow & {
  lastStatus: string | null;
  lastAt: Date | null;
};

// Written out: drizzle leaves columns unqualified in a one-table select, which the subquery would read as its own.
const lastDelivery = sql<string | null>`(
  select d.status from webhook_deliveries d
   where d.org_id = webhook_endpoints.org_id and d.endpoint_id = webhook_endpoints.id
   order by d.created_at desc limit 1)`;
const lastAt = sql<string | null>`(
  select coalesce(d.last_attempt_at, d.created_at) from webhook_deliveries d
   where d.org_id = webhook_endpoints.org_id and d.endpoint_id = webhook_endpoints.id
   order by d.created_at desc limit 1)`;

export async function selectEndpoints(db: Tx, orgId: string, endpointId?: string): Promise<EndpointWithLast[]> {
  const rows = await db
    .select({ endpoint: webhookEndpoints, lastStatus: lastDelivery, lastAt })
    .from(webhookEndpoints)
    .where(
      endpointId
        ? and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId))
        : eq(webhookEndpoints.orgId, orgId),
    )
    .orderBy(webhookEndpoints.createdAt);
  return rows.map((r) => ({ ...r.endpoint, lastStatus: r.lastStatus, lastAt: r.lastAt ? new Date(r.lastAt) : null }));
}

export async function insertEndpoint(
  db: Tx,
  row: Pick<EndpointRow, 'orgId' | 'name' | 'url' | 'format' | 'events' | 'secret' | 'createdBy'>,
) {
  const [created] = await db.insert(webhookEndpoints).values(row).returning();
  return created!;
}

export async function updateEndpoint(
  db: Tx,
  orgId: string,
  endpointId: string,
  changes: Partial<Pick<EndpointRow, 'name' | 'url' | 'format' | 'events' | 'active'>>,
) {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId)))
    .returning({ id: webhookEndpoints.id });
  return row;
}

export async function deleteEndpoint(db: Tx, orgId: string, endpointId: string) {
  const [row] = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, endpointId)))
    .returning({ id: webhookEndpoints.id });
  return row;
}

export function selectDeliveries(db: Tx, orgId: string, endpointId: string, limit: number) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
}

export async function selectApiKeys(db: Tx, orgId: string) {
  const { rows } = await db.execute<ApiKeyListRow>(sql`
    select k.id, k.name, k.role, k.prefix, k.created_at, k.expires_at, k.revoked_at, k.last_used_at, k.uses, u.name as created_by_name
      from api_keys k
      left join members m on m.org_id = k.org_id and m.id = k.created_by
      left join auth_user u on u.id = m.user_id
     where k.org_id = ${orgId}
     order by k.revoked_at is not null, k.created_at desc`);
  return rows;
}

export interface ApiKeyListRow extends Record<string, unknown> {
  id: string;
  name: string;
  role: string;
  prefix: string;
  created_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
  uses: number;
  created_by_name: string | null;
}

export async function insertApiKey(
  db: Tx,
  row: Pick<ApiKeyRow, 'orgId' | 'name' | 'role' | 'prefix' | 'tokenHash' | 'createdBy' | 'expiresAt'>,
) {
  const [created] = await db.insert(apiKeys).values(row).returning({ id: apiKeys.id });
  return created!;
}

export async function revokeApiKey(db: Tx, orgId: string, keyId: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId)))
    .returning({ id: apiKeys.id });
  return row;
}

import { and, desc, eq, getTableName, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Role } from '../../../contracts/constants';
import type { WebhookEvent, WebhookFormat } from '../../../contracts/integrations.contract';
import { bareColumn, columnName, type Db, type Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { apiKeys, type DeliveryStatus, webhookDeliveries, webhookEndpoints } from '../../db/schema/integrations.schema';
import { members, organizations } from '../../db/schema/org.schema';

// The integrations module's SQL: webhook addresses, their deliveries and API keys, with tables and
// columns named through the schema objects, so a rename fails to compile. Raw SQL interpolates aliased
// tables from `alias(table, 'x')`: `${x.id}` renders `"x"."id"` and `from ${table} ${x}` names the
// table once; `bareColumn` names a column where SQL takes no table (insert and SET lists).

const d = alias(webhookDeliveries, 'd');
const e = alias(webhookEndpoints, 'e');
const k = alias(apiKeys, 'k');
const m = alias(members, 'm');
const u = alias(authUser, 'u');
const o = alias(organizations, 'o');

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

export type EndpointWithLast = EndpointRow & {
  lastStatus: DeliveryStatus | null;
  lastAt: Date | null;
};

// Each subquery is a fragment of its own inside the selected one: drizzle leaves the columns of a selected
// fragment unqualified in a one-table select, which the subquery would read as its own; a nested
// fragment keeps them qualified ("webhook_endpoints"."org_id").
const lastDelivery = sql<DeliveryStatus | null>`(${sql`
  select ${d.status} from ${webhookDeliveries} ${d}
   where ${d.orgId} = ${webhookEndpoints.orgId} and ${d.endpointId} = ${webhookEndpoints.id}
   order by ${d.createdAt} desc limit 1`})`;
const lastAt = sql<string | null>`(${sql`
  select coalesce(${d.lastAttemptAt}, ${d.createdAt}) from ${webhookDeliveries} ${d}
   where ${d.orgId} = ${webhookEndpoints.orgId} and ${d.endpointId} = ${webhookEndpoints.id}
   order by ${d.createdAt} desc limit 1`})`;

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
    select ${k.id}, ${k.name}, ${k.role}, ${k.prefix}, ${k.createdAt}, ${k.expiresAt}, ${k.revokedAt}, ${k.lastUsedAt}, ${k.uses}, ${u.name} as created_by_name
      from ${apiKeys} ${k}
      left join ${members} ${m} on ${m.orgId} = ${k.orgId} and ${m.id} = ${k.createdBy}
      left join ${authUser} ${u} on ${u.id} = ${m.userId}
     where ${k.orgId} = ${orgId}
     order by ${k.revokedAt} is not null, ${k.createdAt} desc`);
  return rows;
}

export interface ApiKeyListRow extends Record<string, unknown> {
  id: string;
  name: string;
  role: Role;
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

// ---------- events (webhooks.emit.ts) ----------

/** One delivery per active address of the organisation that wants the event; none without addresses. */
export async function insertEventDeliveries(
  db: Tx,
  orgId: string,
  event: { id: string; name: WebhookEvent; data: Record<string, unknown> },
) {
  await db.execute(sql`
    insert into ${webhookDeliveries} (${bareColumn(webhookDeliveries.orgId)}, ${bareColumn(webhookDeliveries.endpointId)}, ${bareColumn(webhookDeliveries.eventId)}, ${bareColumn(webhookDeliveries.event)}, ${bareColumn(webhookDeliveries.data)})
    select ${webhookEndpoints.orgId}, ${webhookEndpoints.id}, ${event.id}, ${event.name}, ${JSON.stringify(event.data)}::jsonb
      from ${webhookEndpoints}
     where ${webhookEndpoints.orgId} = ${orgId} and ${webhookEndpoints.active} and ${event.name} = any(${webhookEndpoints.events})`);
}

/**
 * The statement of insertEventDeliveries as SQL text, for a part of the caller's own statement; its
 * values are SQL expressions of that statement (see emitEventSql in webhooks.emit.ts). The names come
 * from the schema objects as plain text (columnName), so the text stays as it was written by hand.
 */
export function eventDeliveriesSql(
  event: WebhookEvent,
  p: { orgId: string; eventId: string; data: string; when: string },
) {
  const into = webhookDeliveries;
  const from = webhookEndpoints;
  return `insert into ${getTableName(into)} (${columnName(into.orgId)}, ${columnName(into.endpointId)}, ${columnName(into.eventId)}, ${columnName(into.event)}, ${columnName(into.data)})
    select w.${columnName(from.orgId)}, w.${columnName(from.id)}, ${p.eventId}::uuid, '${event}', ${p.data}::jsonb
      from ${getTableName(from)} w
     where w.${columnName(from.orgId)} = ${p.orgId} and w.${columnName(from.active)} and '${event}' = any(w.${columnName(from.events)}) and ${p.when}`;
}

// ---------- deliveries (webhooks.delivery.ts) ----------

/** A delivery the job took, with its address and organisation; the keys are the statement's names. */
export interface ClaimedDelivery extends Record<string, unknown> {
  org_id: string;
  id: string;
  endpoint_id: string;
  event_id: string;
  event: WebhookEvent;
  data: Record<string, unknown>;
  occurred_at: Date;
  attempts: number;
  url: string;
  format: WebhookFormat;
  secret: string;
  active: boolean;
  org_name: string;
  default_language: string;
}

/**
 * Takes up to `batch` pending deliveries due at `at`, oldest due first, each by one process only (skip
 * locked): claims them for `claimSeconds` and counts the attempt, in one statement. `at` has
 * milliseconds and stands for the whole of its millisecond: a delivery written a fraction of it earlier
 * (PostgreSQL keeps microseconds) is due.
 */
export async function claimDueDeliveries(
  db: Db,
  p: { at: string; batch: number; claimSeconds: number },
): Promise<ClaimedDelivery[]> {
  const { rows } = await db.execute<ClaimedDelivery>(sql`
    with due (org_id, id) as (
      select ${webhookDeliveries.orgId}, ${webhookDeliveries.id} from ${webhookDeliveries}
       where ${webhookDeliveries.status} = 'pending'
         and ${webhookDeliveries.nextAttemptAt} < ${p.at}::timestamptz + interval '1 millisecond'
         and (${webhookDeliveries.claimedUntil} is null or ${webhookDeliveries.claimedUntil} < ${p.at}::timestamptz)
       order by ${webhookDeliveries.nextAttemptAt}
       limit ${p.batch}
       for update skip locked
    ), claimed (org_id, id, endpoint_id, event_id, event, data, occurred_at, attempts) as (
      update ${webhookDeliveries} ${d}
         set ${bareColumn(d.claimedUntil)} = ${p.at}::timestamptz + make_interval(secs => ${p.claimSeconds}),
             ${bareColumn(d.attempts)} = ${d.attempts} + 1
        from due where ${d.orgId} = due.org_id and ${d.id} = due.id
      returning ${d.orgId}, ${d.id}, ${d.endpointId}, ${d.eventId}, ${d.event}, ${d.data}, ${d.occurredAt}, ${d.attempts}
    )
    select c.*, ${e.url} as url, ${e.format} as format, ${e.secret} as secret, ${e.active} as active,
           ${o.name} as org_name, ${o.defaultLanguage} as default_language
      from claimed c
      join ${webhookEndpoints} ${e} on ${e.orgId} = c.org_id and ${e.id} = c.endpoint_id
      join ${organizations} ${o} on ${o.id} = c.org_id`);
  return rows;
}

/** Writes down how one try went, and lets go of its claim. Times are ISO strings, like the job's clock. */
export async function updateDeliveryOutcome(
  db: Db,
  orgId: string,
  deliveryId: string,
  outcome: {
    status: 'delivered' | 'failed' | 'pending';
    at: string;
    statusCode: number | null;
    error: string | null;
    deliveredAt: string | null;
    nextAttemptAt: string;
  },
) {
  await db.execute(sql`
    update ${webhookDeliveries}
       set ${bareColumn(webhookDeliveries.status)} = ${outcome.status},
           ${bareColumn(webhookDeliveries.lastAttemptAt)} = ${outcome.at}::timestamptz,
           ${bareColumn(webhookDeliveries.lastStatusCode)} = ${outcome.statusCode},
           ${bareColumn(webhookDeliveries.lastError)} = ${outcome.error},
           ${bareColumn(webhookDeliveries.deliveredAt)} = ${outcome.deliveredAt}::timestamptz,
           ${bareColumn(webhookDeliveries.nextAttemptAt)} = ${outcome.nextAttemptAt}::timestamptz,
           ${bareColumn(webhookDeliveries.claimedUntil)} = null
     where ${webhookDeliveries.orgId} = ${orgId} and ${webhookDeliveries.id} = ${deliveryId}`);
}

/** Gives claimed deliveries back untried: the attempt is not counted, and they wait until `later`. */
export async function releaseDeliveries(db: Db, orgId: string, deliveryIds: string[], later: Date) {
  await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} - 1`, claimedUntil: null, nextAttemptAt: later })
    .where(and(eq(webhookDeliveries.orgId, orgId), inArray(webhookDeliveries.id, deliveryIds)));
}

/**
 * Moves the address's other pending deliveries that are due before `later` (and not claimed at `at`)
 * to `later`; answers how many.
 */
export async function postponeEndpointDeliveries(
  db: Db,
  orgId: string,
  endpointId: string,
  p: { later: string; at: string },
): Promise<number> {
  const { rowCount } = await db.execute(sql`
    update ${webhookDeliveries} set ${bareColumn(webhookDeliveries.nextAttemptAt)} = ${p.later}::timestamptz
     where ${webhookDeliveries.orgId} = ${orgId} and ${webhookDeliveries.endpointId} = ${endpointId} and ${webhookDeliveries.status} = 'pending'
       and ${webhookDeliveries.nextAttemptAt} < ${p.later}::timestamptz
       and (${webhookDeliveries.claimedUntil} is null or ${webhookDeliveries.claimedUntil} < ${p.at}::timestamptz)`);
  return rowCount ?? 0;
}

/** Forgets the deliveries done (delivered or given up) more than `keepDays` ago; answers how many. */
export async function deleteOldDeliveries(db: Db, keepDays: number): Promise<number> {
  const { rowCount } = await db.execute(sql`
    delete from ${webhookDeliveries} where ${webhookDeliveries.status} <> 'pending' and ${webhookDeliveries.createdAt} < now() - make_interval(days => ${keepDays})`);
  return rowCount ?? 0;
}

/** The keys of an event's data that hold a person's name (see integrations.service eraseNameInPendingEvents). */
const NAME_KEYS = ['author', 'from', 'to'] as const;

/** In the deliveries still to be sent, replaces `name` where an event's data gives it as a person's name. */
export async function replaceNameInPendingDeliveries(tx: Tx, orgId: string, name: string, placeholderName: string) {
  for (const key of NAME_KEYS)
    await tx
      .update(webhookDeliveries)
      .set({ data: sql`jsonb_set(${webhookDeliveries.data}, array[${key}::text], to_jsonb(${placeholderName}::text))` })
      .where(
        and(
          eq(webhookDeliveries.orgId, orgId),
          eq(webhookDeliveries.status, 'pending'),
          sql`${webhookDeliveries.data}->>${key}::text = ${name}`,
        ),
      );
}

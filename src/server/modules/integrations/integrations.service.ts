import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { Role } from '../../../contracts/constants';
import type {
  ApiKey,
  CreatedApiKey,
  CreatedWebhookEndpoint,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEvent,
  WebhookFormat,
} from '../../../contracts/integrations.contract';
import type { Db, Tx } from '../../db/client';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../lib/app-error';
import { definedOnly } from '../../lib/objects';
import type { TenantContext } from '../../lib/request-context';
import { recordAudit } from '../org/org.service';
import { newApiKey } from './api-keys.access';
import * as repo from './integrations.repo';
import { isPrivateAddress } from './webhooks.delivery';

export interface IntegrationsDeps {
  db: Db;
  /** WEBHOOK_ALLOW_PRIVATE: loopback and private addresses may be registered (tests, closed networks). */
  allowPrivate: boolean;
}

/** The module's pieces from what the app hands every module (deps.ts). */
export const integrationsDepsOf = (deps: Pick<Deps, 'db' | 'config'>): IntegrationsDeps => ({
  db: deps.db,
  allowPrivate: deps.config.webhookAllowPrivate,
});

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toEndpoint(row: repo.EndpointWithLast): WebhookEndpoint {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    format: row.format,
    events: row.events,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    lastDelivery: row.lastStatus ? { status: row.lastStatus, at: iso(row.lastAt) } : null,
  };
}

/**
 * An address a webhook may be sent to: http(s) and, unless allowed, not a host that names this machine
 * or a private network. (Names are resolved and checked again at each delivery.)
 */
function checkUrl(deps: IntegrationsDeps, url: string) {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const local = host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || !host.includes('.');
  if (!deps.allowPrivate && ((isIP(host) && isPrivateAddress(host)) || (!isIP(host) && local)))
    throw new AppError('validation_failed', 400, {
      errors: [{ path: 'body.url', code: 'private_address', message: 'the address is on a private network' }],
    });
}

// ---------- webhooks ----------

export async function listWebhooks(deps: IntegrationsDeps, tenant: TenantContext): Promise<WebhookEndpoint[]> {
  return (await repo.selectEndpoints(deps.db, tenant.orgId)).map(toEndpoint);
}

export async function createWebhook(
  deps: IntegrationsDeps,
  tenant: TenantContext,
  input: { name: string; url: string; format: WebhookFormat; events: WebhookEvent[] },
): Promise<CreatedWebhookEndpoint> {
  checkUrl(deps, input.url);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  return deps.db.transaction(async (tx) => {
    const row = await repo.insertEndpoint(tx, {
      orgId: tenant.orgId,
      name: input.name,
      url: input.url,
      format: input.format,
      events: [...new Set(input.events)],
      secret,
      createdBy: tenant.memberId,
    });
    // The address's host only: Slack and Teams addresses carry their own secret in the path.
    await recordAudit(tx, tenant, 'webhook.created', 'webhook', row.id, {
      name: input.name,
      host: new URL(input.url).host,
      events: row.events,
    });
    return { ...toEndpoint({ ...row, lastStatus: null, lastAt: null }), secret };
  });
}

export async function updateWebhook(
  deps: IntegrationsDeps,
  tenant: TenantContext,
  webhookId: string,
  input: { name?: string; url?: string; format?: WebhookFormat; events?: WebhookEvent[]; active?: boolean },
): Promise<WebhookEndpoint> {
  if (input.url) checkUrl(deps, input.url);
  return deps.db.transaction(async (tx) => {
    const changes = definedOnly({ ...input, events: input.events ? [...new Set(input.events)] : undefined });
    const updated = await repo.updateEndpoint(tx, tenant.orgId, webhookId, changes);
    if (!updated) throw notFound();
    const { url, ...rest } = changes;
    await recordAudit(tx, tenant, 'webhook.updated', 'webhook', webhookId, {
      ...rest,
      ...(url ? { host: new URL(url).host } : {}),
    });
    const [row] = await repo.selectEndpoints(tx, tenant.orgId, webhookId);
    return toEndpoint(row!);
  });
}

export async function deleteWebhook(deps: IntegrationsDeps, tenant: TenantContext, webhookId: string) {
  await deps.db.transaction(async (tx) => {
    if (!(await repo.deleteEndpoint(tx, tenant.orgId, webhookId))) throw notFound();
    await recordAudit(tx, tenant, 'webhook.deleted', 'webhook', webhookId);
  });
}

export async function listDeliveries(
  deps: IntegrationsDeps,
  tenant: TenantContext,
  webhookId: string,
): Promise<WebhookDelivery[]> {
  if (!(await repo.selectEndpoints(deps.db, tenant.orgId, webhookId)).length) throw notFound();
  const rows = await repo.selectDeliveries(deps.db, tenant.orgId, webhookId, 100);
  return rows.map((d) => ({
    id: d.id,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    statusCode: d.lastStatusCode,
    lastError: d.lastError,
    lastAttemptAt: iso(d.lastAttemptAt),
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    createdAt: d.createdAt.toISOString(),
  }));
}

// ---------- API keys ----------

function toApiKey(r: repo.ApiKeyListRow): ApiKey {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    createdAt: iso(r.created_at)!,
    createdByName: r.created_by_name,
    expiresAt: iso(r.expires_at)!,
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
    uses: Number(r.uses),
  };
}

export async function listApiKeys(deps: IntegrationsDeps, tenant: TenantContext): Promise<ApiKey[]> {
  return (await repo.selectApiKeys(deps.db, tenant.orgId)).map(toApiKey);
}

export async function createApiKey(
  deps: IntegrationsDeps,
  tenant: TenantContext,
  input: { name: string; role: Role; expiresInDays: number },
): Promise<CreatedApiKey> {
  const { key, hash, prefix } = newApiKey();
  return deps.db.transaction(async (tx) => {
    const { id } = await repo.insertApiKey(tx, {
      orgId: tenant.orgId,
      name: input.name,
      role: input.role,
      prefix,
      tokenHash: hash,
      createdBy: tenant.memberId,
      expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
    });
    await recordAudit(tx, tenant, 'api_key.created', 'api_key', id, {
      name: input.name,
      role: input.role,
      expiresInDays: input.expiresInDays,
    });
    const row = (await repo.selectApiKeys(tx, tenant.orgId)).find((k) => k.id === id)!;
    return { ...toApiKey(row), key };
  });
}

export async function revokeApiKey(deps: IntegrationsDeps, tenant: TenantContext, keyId: string): Promise<ApiKey> {
  return deps.db.transaction(async (tx) => {
    if (!(await repo.revokeApiKey(tx, tenant.orgId, keyId))) throw notFound();
    await recordAudit(tx, tenant, 'api_key.revoked', 'api_key', keyId);
    return toApiKey((await repo.selectApiKeys(tx, tenant.orgId)).find((k) => k.id === keyId)!);
  });
}

/**
 * Erasure: webhook events not yet delivered name the person as their author, thanker or thanked
 * (`extra.logged` author, `thanks.given` from and to); those names become the placeholder's, so an
 * address that was down at the erasure does not receive them afterwards. Events carry names, not member
 * ids, so a namesake's name in a pending event of this organisation is replaced too.
 */
export async function eraseNameInPendingEvents(tx: Tx, orgId: string, name: string, placeholderName: string) {
  await repo.replaceNameInPendingDeliveries(tx, orgId, name, placeholderName);
}

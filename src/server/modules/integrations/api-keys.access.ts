import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import type { Role } from '../../../contracts/constants';
import { bareColumn, statementText } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { apiKeys } from '../../db/schema/integrations.schema';
import { auditLog, members, organizations } from '../../db/schema/org.schema';
import { AppError } from '../../lib/app-error';
import { asLanguage } from '../../lib/i18n';
import { memberTeamIds } from '../org/member-teams.fragment';

// API keys as the access plugin meets them: `Authorization: Bearer kw_...`. Only a SHA-256 of a key is
// stored; the key acts in the name of the administrator who made it, with the key's own role.

export const API_KEY_PREFIX = 'kw_';
/** kw_ and 43 characters: 256 random bits, base64url. */
const KEY_SHAPE = /^kw_[A-Za-z0-9_-]{43}$/;

export function newApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 11) };
}

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('base64url');

/** The key in an Authorization header, when it carries one of ours (anything else is no key at all). */
export function bearerApiKey(header: string | undefined): string | undefined {
  const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1]?.startsWith(API_KEY_PREFIX) ? match[1] : undefined;
}

export interface ApiKeyContext {
  key_id: string;
  org_id: string;
  role: string;
  member_id: string;
  user_id: string;
  name: string;
  email: string;
  default_language: string;
  time_zone: string;
  team_ids: string[];
  managed_team_ids: string[];
}

/**
 * The key's organisation, role and maker, when it is live (not revoked, not expired, its maker still an
 * active member); counts the use on the way (last used, uses), in one round trip.
 */
const $ = (n: number) => sql.raw(`$${n}`);

const USE_KEY_SQL = (() => {
  const k = alias(apiKeys, 'k');
  const m = alias(members, 'm');
  const o = alias(organizations, 'o');
  const u = alias(authUser, 'u');
  return statementText(sql`
  with used as (
    update ${apiKeys} ${k} set ${bareColumn(apiKeys.lastUsedAt)} = now(), ${bareColumn(apiKeys.uses)} = ${k.uses} + 1
      from ${members} ${m}, ${organizations} ${o}
     where ${k.tokenHash} = ${$(1)} and ${k.revokedAt} is null and ${k.expiresAt} > now()
       and ${m.orgId} = ${k.orgId} and ${m.id} = ${k.createdBy} and ${m.status} = 'active'
       and ${o.id} = ${k.orgId}
    returning ${k.id} as key_id, ${k.orgId} as org_id, ${k.role} as role, ${m.id} as member_id, ${m.userId} as user_id,
              ${o.defaultLanguage} as default_language, ${o.timeZone} as time_zone
  )
  select used.*, ${u.name} as name, ${u.email} as email,
         ${memberTeamIds(sql`used.org_id`, sql`used.member_id`, false)} as team_ids,
         ${memberTeamIds(sql`used.org_id`, sql`used.member_id`, true)} as managed_team_ids
    from used join ${authUser} ${u} on ${u.id} = used.user_id`);
})();

/** The columns of an audit entry, in the order the statements below give them. */
const AUDIT_COLUMNS = sql.join(
  [
    auditLog.orgId,
    auditLog.actorMemberId,
    auditLog.action,
    auditLog.subjectType,
    auditLog.subjectId,
    auditLog.data,
  ].map((column) => bareColumn(column)),
  sql`, `,
);

/** A read is audited once a day per key: the day is marked on the key and the entry written in one statement. */
const AUDIT_FIRST_READ_SQL = statementText(sql`
  with marked as (
    update ${apiKeys} set ${bareColumn(apiKeys.auditedOn)} = (now() at time zone ${$(5)})::date
     where ${apiKeys.orgId} = ${$(1)} and ${apiKeys.id} = ${$(3)} and ${apiKeys.auditedOn} is distinct from (now() at time zone ${$(5)})::date
    returning ${apiKeys.orgId} as org_id, ${apiKeys.id} as id
  )
  insert into ${auditLog} (${AUDIT_COLUMNS})
  select org_id, ${$(2)}, 'api_key.used_today', 'api_key', id::text, ${$(4)}::jsonb from marked`);

const AUDIT_WRITE_SQL = statementText(sql`
  insert into ${auditLog} (${AUDIT_COLUMNS}) values (${$(1)}, ${$(2)}, 'api_key.write', 'api_key', ${$(3)}, ${$(4)})`);

export async function findLiveApiKey(pool: Pool, key: string): Promise<ApiKeyContext | undefined> {
  if (!KEY_SHAPE.test(key)) return undefined;
  const { rows } = await pool.query<ApiKeyContext>({
    name: 'use-api-key',
    text: USE_KEY_SQL,
    values: [hashApiKey(key)],
  });
  return rows[0];
}

/**
 * Every use is audited: each write through a key gets its own entry (what was changed, by which key),
 * reads only the first of the day (an integration that polls would otherwise fill the log, and a write
 * per read would slow every call). last_used_at and uses on the key count every call.
 */
export async function auditApiKeyUse(
  pool: Pool,
  found: ApiKeyContext,
  request: { method: string; route: string },
): Promise<void> {
  const write = request.method !== 'GET' && request.method !== 'HEAD';
  const data = JSON.stringify({ method: request.method, route: request.route });
  if (!write) {
    await pool.query({
      name: 'audit-api-key-read',
      text: AUDIT_FIRST_READ_SQL,
      values: [found.org_id, found.member_id, found.key_id, data, found.time_zone],
    });
    return;
  }
  await pool.query({
    name: 'audit-api-key-write',
    text: AUDIT_WRITE_SQL,
    values: [found.org_id, found.member_id, found.key_id, data],
  });
}

const API_ROLES = new Set(['member', 'manager', 'director', 'advisor', 'admin']);

/**
 * The access check for a request that brings an API key, called by the access plugin instead of the
 * session lookup: no cookie is read, and no CSRF check applies (a browser never adds this header by itself).
 * A key opens the routes its role may call; routes for a person (profile, switching, sign-out) and the
 * counter are refused; a key that is unknown, revoked or expired is a 401.
 */
export async function apiKeyAccess(
  pool: Pool,
  key: string,
  access: string | readonly string[],
  request: { method: string; route: string },
) {
  if (access === 'public') return { auth: null, tenant: null };
  const found = await findLiveApiKey(pool, key);
  if (!found || !API_ROLES.has(found.role)) throw new AppError('unauthenticated', 401);
  if (typeof access === 'string' || !access.includes(found.role)) throw new AppError('forbidden', 403);
  await auditApiKeyUse(pool, found, request);
  const role = found.role as Role;
  return {
    auth: {
      userId: found.user_id,
      sessionId: `api-key:${found.key_id}`,
      sessionToken: '',
      name: found.name,
      email: found.email,
      activeOrgId: found.org_id,
      ssoOrgId: null,
      language: asLanguage(found.default_language),
    },
    tenant: {
      orgId: found.org_id,
      memberId: found.member_id,
      userId: found.user_id,
      roles: [role],
      teamIds: found.team_ids ?? [],
      managedTeamIds: found.managed_team_ids ?? [],
      timeZone: found.time_zone ?? 'Europe/Amsterdam',
    },
  };
}

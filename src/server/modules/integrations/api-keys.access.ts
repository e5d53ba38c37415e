import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { Role } from '../../../contracts/constants';
import { AppError } from '../../lib/app-error';
import { asLanguage } from '../../lib/i18n';

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
const USE_KEY_SQL = `
  with used as (
    update api_keys k set last_used_at = now(), uses = k.uses + 1
      from members m, organizations o
     where k.token_hash = $1 and k.revoked_at is null and k.expires_at > now()
       and m.org_id = k.org_id and m.id = k.created_by and m.status = 'active'
       and o.id = k.org_id
    returning k.id as key_id, k.org_id, k.role, m.id as member_id, m.user_id, o.default_language, o.time_zone
  )
  select used.*, u.name, u.email,
         array(select tm.team_id from team_members tm join teams t on t.org_id = tm.org_id and t.id = tm.team_id
                where tm.org_id = used.org_id and tm.member_id = used.member_id and t.archived_at is null) as team_ids,
         array(select tm.team_id from team_members tm join teams t on t.org_id = tm.org_id and t.id = tm.team_id
                where tm.org_id = used.org_id and tm.member_id = used.member_id and t.archived_at is null and tm.is_manager) as managed_team_ids
    from used join auth_user u on u.id = used.user_id`;

/** A read is audited once a day per key: the day is marked on the key and the entry written in one statement. */
const AUDIT_FIRST_READ_SQL = `
  with marked as (
    update api_keys set audited_on = (now() at time zone $5)::date
     where org_id = $1 and id = $3 and audited_on is distinct from (now() at time zone $5)::date
    returning org_id, id
  )
  insert into audit_log (org_id, actor_member_id, action, subject_type, subject_id, data)
  select org_id, $2, 'api_key.used_today', 'api_key', id::text, $4::jsonb from marked`;

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
    text: `insert into audit_log (org_id, actor_member_id, action, subject_type, subject_id, data)
           values ($1, $2, 'api_key.write', 'api_key', $3, $4)`,
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

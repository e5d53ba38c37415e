import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { AppError } from '../../lib/app-error';
import { asLanguage } from '../../lib/i18n';
import { type ApiKeyContext, auditFirstReadToday, auditWrite, countLiveApiKeyUse } from './api-keys.repo';

export type { ApiKeyContext } from './api-keys.repo';

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

export async function findLiveApiKey(pool: Pool, key: string): Promise<ApiKeyContext | undefined> {
  if (!KEY_SHAPE.test(key)) return undefined;
  return countLiveApiKeyUse(pool, hashApiKey(key));
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
  if (write) await auditWrite(pool, found, data);
  else await auditFirstReadToday(pool, found, data);
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
  const role = found.role;
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
      // A key acts with its own role: the teams its maker manages are a manager key's only.
      managedTeamIds: role === 'manager' ? (found.managed_team_ids ?? []) : [],
      timeZone: found.time_zone ?? 'Europe/Amsterdam',
    },
  };
}

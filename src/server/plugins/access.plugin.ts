import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Pool } from 'pg';
import { AppError } from '../lib/app-error';
import { asLanguage, languageFromHeader } from '../lib/i18n';
import { type Access, crossSiteWrite } from '../lib/request-context';
import { isApiPath, MAX_PARAM_LENGTH, routePath, WEB_FILES_ROUTE } from '../lib/route-path';
import { readSessionToken } from '../lib/session-cookie';
import type { SessionContextRow } from '../modules/auth/auth.repo';
import { findSessionContext, recentSessionContext } from '../modules/auth/auth.service';
import { apiKeyAccess, bearerApiKey } from '../modules/integrations/api-keys.access';

interface AccessOptions {
  pool: Pool;
  /** The secret that signs session cookies (AUTH_SECRET). */
  secret: string;
  appOrigin: string;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * How long what the session check found may stand in for it on a route whose write verifies the session
 * itself (sessionCheckedByWrite): the write checks the session and the organisation's config_version, so
 * only the person's name, e-mail and language can be this old there.
 */
const DEFERRED_MAX_AGE_MS = 60_000;

/**
 * Resolves the person and organisation from the session cookie only (never from the body; an API key
 * in the Authorization header is the one exception, see integrations/api-keys.access), then applies
 * the route's access rule. Also refuses cross-site writes (CSRF): browsers send Sec-Fetch-Site and
 * Origin with every cross-site request, so a write whose origin is not ours is refused.
 */
export const accessPlugin = fp(async (app: FastifyInstance, options: AccessOptions) => {
  app.decorateRequest('auth', null);
  app.decorateRequest('tenant', null);
  app.decorateRequest('deferredSession', null);

  app.addHook('onRequest', async (request) => {
    if (request.is404) return; // the not-found handler answers with a problem
    // The web app's files: never data. A path under /api reaches that route only when the router found
    // no API route for it: an id longer than the router takes is a 414, as the router says for the
    // routes it matches; anything else there is no file, and the not-found handler answers it.
    if (request.routeOptions.url === WEB_FILES_ROUTE) {
      const path = routePath(request);
      if (isApiPath(path) && path.split('/').some((segment) => segment.length > MAX_PARAM_LENGTH))
        throw new AppError('validation_failed', 414);
      return;
    }
    // Decided on the matched route, not the raw URL: '/%61pi/v1/...' is routed to '/api/v1/...' and gets the same rules.
    if (!isApiPath(routePath(request))) return;

    const apiKey = bearerApiKey(request.headers.authorization);
    if (!apiKey && UNSAFE_METHODS.has(request.method) && crossSiteWrite(request, options.appOrigin))
      throw new AppError('csrf_rejected', 403);

    const access = request.routeOptions.config.access;
    if (access === undefined) {
      request.log.error({ route: request.routeOptions.url }, 'route declares no access rule: refused');
      throw new AppError('forbidden', 403);
    }
    if (apiKey) {
      // Another system with an API key (modules/integrations): no cookie, no CSRF check, the key's role.
      const found = await apiKeyAccess(options.pool, apiKey, access, {
        method: request.method,
        route: routePath(request),
      });
      request.auth = found.auth;
      request.tenant = found.tenant;
      return;
    }
    const token = readSessionToken(request.headers.cookie, options.secret);
    if (token && typeof access !== 'string' && request.routeOptions.config.sessionCheckedByWrite) {
      // The route's write verifies the session itself: what this process found in the last minute will do.
      const recent = recentSessionContext(token, DEFERRED_MAX_AGE_MS);
      if (recent && applySession(request, recent, access) && recent.config_version !== null) {
        request.deferredSession = {
          token,
          userId: recent.user_id,
          orgId: request.tenant!.orgId,
          memberId: request.tenant!.memberId,
          configVersion: recent.config_version,
          check: async () => {
            request.deferredSession = null;
            request.auth = null;
            request.tenant = null;
            const found = await findSessionContext(options.pool, token);
            if (!found) throw new AppError('unauthenticated', 401);
            checkAccess(request, found, access);
            return { auth: request.auth!, tenant: request.tenant! };
          },
        };
        return;
      }
      request.auth = null;
      request.tenant = null;
    }
    const found = token ? await findSessionContext(options.pool, token) : undefined;
    if (access === 'counterDevice') return; // never a person's session: the counter routes check the device themselves
    if (!found) {
      if (access === 'public') return;
      throw new AppError('unauthenticated', 401);
    }
    checkAccess(request, found, access);
  });
});

/** Sets request.auth and request.tenant from a session the check found, then applies the route's rule. */
function checkAccess(request: FastifyRequest, found: SessionContextRow, access: Exclude<Access, 'counterDevice'>) {
  if (applySession(request, found, access)) return;
  if (!request.tenant) throw new AppError('no_active_organization', 403);
  throw new AppError('forbidden', 403);
}

/** Sets request.auth and request.tenant from a session; answers whether the route's rule lets it in. */
function applySession(request: FastifyRequest, found: SessionContextRow, access: Exclude<Access, 'counterDevice'>) {
  const membership =
    found.member_id && found.active_org_id ? { orgId: found.active_org_id, memberId: found.member_id } : null;
  request.auth = {
    userId: found.user_id,
    sessionId: found.session_id,
    sessionToken: found.token,
    name: found.name,
    email: found.email,
    activeOrgId: membership?.orgId ?? null,
    ssoOrgId: found.sso_org_id,
    language:
      found.language === 'nl' || found.language === 'en'
        ? found.language
        : membership
          ? asLanguage(found.default_language)
          : languageFromHeader(request.headers['accept-language']),
  };
  request.tenant = membership
    ? {
        ...membership,
        userId: found.user_id,
        roles: found.roles ?? [],
        teamIds: found.team_ids ?? [],
        managedTeamIds: found.managed_team_ids ?? [],
        timeZone: found.time_zone ?? 'Europe/Amsterdam',
      }
    : null;
  if (access === 'public' || access === 'signedIn') return true;
  return request.tenant?.roles.some((role) => access.includes(role)) ?? false;
}

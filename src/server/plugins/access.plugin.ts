import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Pool } from 'pg';
import { AppError } from '../lib/app-error';
import { asLanguage, languageFromHeader } from '../lib/i18n';
import { crossSiteWrite } from '../lib/request-context';
import { isApiPath, MAX_PARAM_LENGTH, routePath, WEB_FILES_ROUTE } from '../lib/route-path';
import { readSessionToken } from '../lib/session-cookie';
import { findSessionContext } from '../modules/auth/auth.service';
import { apiKeyAccess, bearerApiKey } from '../modules/integrations/api-keys.access';

interface AccessOptions {
  pool: Pool;
  /** The secret that signs session cookies (AUTH_SECRET). */
  secret: string;
  appOrigin: string;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the person and organisation from the session cookie only (never from the body; an API key
 * in the Authorization header is the one exception, see integrations/api-keys.access), then applies
 * the route's access rule. Also refuses cross-site writes (CSRF): browsers send Sec-Fetch-Site and
 * Origin with every cross-site request, so a write whose origin is not ours is refused.
 */
export const accessPlugin = fp(async (app: FastifyInstance, options: AccessOptions) => {
  app.decorateRequest('auth', null);
  app.decorateRequest('tenant', null);

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
    const found = token ? await findSessionContext(options.pool, token) : undefined;
    if (access === 'counterDevice') return; // never a person's session: the counter routes check the device themselves
    if (!found) {
      if (access === 'public') return;
      throw new AppError('unauthenticated', 401);
    }
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
    if (membership) {
      request.tenant = {
        ...membership,
        userId: found.user_id,
        roles: found.roles ?? [],
        teamIds: found.team_ids ?? [],
        managedTeamIds: found.managed_team_ids ?? [],
        timeZone: found.time_zone ?? 'Europe/Amsterdam',
      };
    }
    if (access === 'public' || access === 'signedIn') return;

    if (!request.tenant) throw new AppError('no_active_organization', 403);
    if (!request.tenant.roles.some((role) => access.includes(role))) throw new AppError('forbidden', 403);
  });
});

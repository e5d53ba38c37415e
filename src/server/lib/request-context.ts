import type { FastifyRequest } from 'fastify';
import type { Language, Role } from '../../contracts/constants';
import { AppError } from './app-error';

/**
 * What a request carries once the access plugin (plugins/access.plugin.ts) has read its session: who
 * calls, in which organisation, and the rule the route declared. Kept apart from the plugin so that
 * services can name these types without importing the plugin, which itself asks the auth module.
 */

/**
 * Who may call a route. Every route under /api declares one; a route that declares nothing is refused.
 * - 'public': anyone, signed in or not
 * - 'signedIn': any person with a session, in no particular organisation (profile, switching)
 * - 'counterDevice': a counter device (its own cookie, checked by the counter routes; see workforce/counter.routes)
 * - a list of roles: an active member of the session's organisation holding one of these roles
 */
export type Access = 'public' | 'signedIn' | 'counterDevice' | readonly Role[];

export interface AuthContext {
  userId: string;
  sessionId: string;
  sessionToken: string;
  name: string;
  email: string;
  activeOrgId: string | null;
  /** Signed in with this organisation's identity provider: the session works there only. */
  ssoOrgId: string | null;
  /** The person's chosen language, else their organisation's default, else Dutch. */
  language: Language;
}

export interface TenantContext {
  orgId: string;
  memberId: string;
  userId: string;
  roles: Role[];
  /** The member's (active) teams, and the ones among them they manage. */
  teamIds: string[];
  managedTeamIds: string[];
  /** The organisation's time zone: weeks and months roll over in it. */
  timeZone: string;
}

/**
 * A session the access check took from what it found less than a minute ago in this process, without
 * asking the database (only on a route with `sessionCheckedByWrite`): the route's write verifies it in
 * its own statement (the session live, still in this organisation, the organisation's config_version
 * unchanged), or calls `check` first.
 */
export interface DeferredSession {
  token: string;
  userId: string;
  orgId: string;
  memberId: string;
  /** organizations.config_version when the session was last checked. */
  configVersion: number;
  /**
   * The session check now, as the access check makes it: sets request.auth and request.tenant again and
   * answers them; throws as the access check would (401 without a session, 403 without the role).
   */
  check(): Promise<{ auth: AuthContext; tenant: TenantContext }>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The route's write verifies the session itself (POST /extras, the free extra's statement): the
     * access check may take the session from what it found in the last minute (see DeferredSession).
     */
    sessionCheckedByWrite?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    tenant: TenantContext | null;
    deferredSession: DeferredSession | null;
  }
}

/** The tenant of a route that declared roles; the access hook has guaranteed it is there. */
export function tenantOf(request: FastifyRequest): TenantContext {
  if (!request.tenant) throw new AppError('no_active_organization', 403);
  return request.tenant;
}

export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('unauthenticated', 401);
  return request.auth;
}

export function headersOf(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  // Better Auth records the client address with the session; give it the one Fastify trusts.
  headers.set('x-forwarded-for', request.ip);
  return headers;
}

/** A request another site made (a form or fetch from elsewhere): browsers say so in Sec-Fetch-Site and Origin. */
export function crossSiteWrite(request: FastifyRequest, appOrigin: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  return !!origin && origin !== appOrigin && origin !== `${request.protocol}://${request.host}`;
}

import type { FastifyRequest } from 'fastify';

/** The longest path parameter the router takes (app.ts routerOptions); longer is a 414. */
export const MAX_PARAM_LENGTH = 200;

/** The one route of @fastify/static that serves the built web app's files. */
export const WEB_FILES_ROUTE = '/*';

/**
 * The path a request is about, as the router understood it: the matched route's own pattern
 * ('/api/v1/auth/sign-out' also for '/%61pi/v1/auth/sign-out', which the router decodes and matches),
 * or, for a request that matched no route, its percent-decoded path. Every decision about a request
 * (access rule, CSRF, caching, headers, the web app's fallback) is taken on this, never on request.url.
 */
export function routePath(request: FastifyRequest): string {
  const pattern = request.is404 ? undefined : request.routeOptions.url;
  // '/*' is the web app's files (one route for all of them): it says nothing about the path, so those
  // requests are judged by their path as unmatched ones are.
  if (pattern !== undefined && pattern !== WEB_FILES_ROUTE) return pattern;
  const raw = request.url.split(/[?#]/, 1)[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Whether a path (from routePath) belongs to the API: /api and everything under it. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

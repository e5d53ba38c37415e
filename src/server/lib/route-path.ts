import type { FastifyRequest } from 'fastify';

/**
 * The path a request is about, as the router understood it: the matched route's own pattern
 * ('/api/v1/auth/sign-out' also for '/%61pi/v1/auth/sign-out', which the router decodes and matches),
 * or, for a request that matched no route, its percent-decoded path. Every decision about a request
 * (access rule, CSRF, caching, headers, the web app's fallback) is taken on this, never on request.url.
 */
export function routePath(request: FastifyRequest): string {
  const pattern = request.is404 ? undefined : request.routeOptions.url;
  if (pattern !== undefined) return pattern;
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

import type { FastifyInstance } from 'fastify';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The one way integration tests call the API as someone: `call('member', 'POST', '/extras', body)` sends
 * the request through `app.inject` with that person's session cookie.
 *
 * - `app` is asked for on each call, so the caller can be made before `beforeAll` starts the app.
 * - `cookies` maps a name to a session cookie (filled in `beforeAll` is fine) or is a function that
 *   finds it; `(cookie: string) => cookie` passes the cookie itself.
 * - `prefix` goes before every url: `/api/v1` unless the tests write whole urls (`''`).
 */
export function apiCaller<Who extends string>(
  app: () => FastifyInstance,
  cookies: Readonly<Record<Who, string>> | ((who: Who) => string | undefined),
  prefix = '/api/v1',
) {
  const cookieOf = typeof cookies === 'function' ? cookies : (who: Who) => cookies[who];
  return (who: Who, method: ApiMethod, url: string, payload?: object, headers: Record<string, string> = {}) =>
    app().inject({ method, url: `${prefix}${url}`, payload, headers: { cookie: cookieOf(who), ...headers } });
}

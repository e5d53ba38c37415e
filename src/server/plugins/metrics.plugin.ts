import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/app-error';
import type { Metrics } from '../lib/metrics';
import { askPrimaryForMetrics } from '../lib/metrics-cluster';
import { isApiPath, routePath, WEB_FILES_ROUTE } from '../lib/route-path';

interface MetricsOptions {
  metrics: Metrics;
  /** METRICS_TOKEN: with it, /metrics answers from anywhere to `Authorization: Bearer <token>`. */
  token: string | undefined;
  /** This process is a cluster worker whose primary called serveClusterMetrics(): answer with every worker's figures. */
  clusterMetrics: boolean;
}

/** The route a request is counted under: its pattern, never the raw URL (ids would make a series per row). */
function routeLabel(request: FastifyRequest): string {
  if (request.is404) return isApiPath(routePath(request)) ? '(no route)' : '(web app)';
  if (request.routeOptions.url === WEB_FILES_ROUTE) return '(static file)';
  return request.routeOptions.url ?? '(no route)';
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** Headers a proxy adds: a request carrying one came through a proxy, whatever address it arrived from. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded'];

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read /metrics: a client on this machine connecting directly (the socket's own address is
 * loopback, and no proxy header says it came from elsewhere: behind a proxy on the same machine every
 * request arrives from loopback), or anyone with the METRICS_TOKEN as a Bearer token. The address is
 * never taken from X-Forwarded-For, also with TRUST_PROXY: a client could write that header itself.
 */
export function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  // Compared as digests of equal length, in constant time.
  if (token && bearer && timingSafeEqual(digest(bearer), digest(token))) return true;
  return (
    isLoopback(request.socket.remoteAddress) && !FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined)
  );
}

/** Times every answer by route and status, and serves the figures at GET /metrics in Prometheus text format. */
export const metricsPlugin = fp(async (app: FastifyInstance, options: MetricsOptions) => {
  const { metrics } = options;
  // Hooks on every request take Fastify's callback form: an async hook costs a promise and a turn of the
  // microtask queue per request for work that is synchronous.
  app.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      { method: request.method, route: routeLabel(request), status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  let clusterFailureLogged = false;
  app.get('/metrics', {
    // Not part of the JSON API (no session, Prometheus text): README, "Metrics", describes it.
    schema: { hide: true },
    logLevel: 'warn',
    handler: async (request, reply) => {
      if (!mayReadMetrics(request, options.token)) throw new AppError('forbidden', 403);
      let text: string | undefined;
      if (options.clusterMetrics) {
        text = await askPrimaryForMetrics().catch((err: unknown) => {
          if (!clusterFailureLogged)
            request.log.warn({ err }, 'metrics of all processes unavailable: answering with this process only');
          clusterFailureLogged = true;
          return undefined;
        });
      }
      text ??= await metrics.registry.metrics();
      return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(text);
    },
  });
});

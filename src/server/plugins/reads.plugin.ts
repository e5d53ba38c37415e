import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client';
import type { Reads } from '../db/reads';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where the heavy reads go: the read replica (DATABASE_READ_URL) or the primary (db/reads.ts). */
    reads: Reads;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A heavy read (tower, what works, the chain, results, exports): on the read replica when there is one
 * and it has this browser's last write, else on the primary.
 */
export function heavyRead<T>(request: FastifyRequest, read: (db: Db) => Promise<T>): Promise<T> {
  return request.server.reads.run(request.headers.cookie, read);
}

/**
 * Decorates the app with `reads`; with a replica, every write a signed-in person makes that succeeds
 * answers with the primary's WAL position in a cookie, so their next heavy reads see it (db/reads.ts).
 */
export const readsPlugin = fp(async (app: FastifyInstance, options: { reads: Reads; secureCookies: boolean }) => {
  const { reads } = options;
  app.decorate('reads', reads);
  if (!reads.replicated) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (!WRITES.has(request.method) || !request.auth || reply.statusCode >= 400) return payload;
    const cookie = await reads.wroteCookie(options.secureCookies).catch((err: unknown) => {
      request.log.warn({ err }, 'could not read the WAL position after a write');
      return undefined;
    });
    if (cookie) reply.header('set-cookie', cookie);
    return payload;
  });
});

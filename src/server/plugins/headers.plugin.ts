import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isApiPath, routePath } from '../lib/route-path';

/**
 * The Content-Security-Policy of every page Klantwerk serves as a document: the web app's index.html
 * (every client-side route), the API docs at /api/docs, and the service worker (a worker runs under
 * the policy sent with its own script). Only files from our own origin run: no inline script, no eval,
 * no other host. What each part allows beyond 'self', and why:
 * - style-src 'unsafe-inline': Mantine writes its theme as a <style> element at run time and sets
 *   style attributes on components (sizes, colours, positions of popovers); index.html carries the
 *   loading frame's critical CSS inline. A nonce cannot cover style attributes, and index.html is a
 *   static, pre-compressed file. Inline style cannot run code; scripts stay locked to 'self'.
 * - img-src data: blob: — Mantine's and the build's small images inlined as data: URLs, and images
 *   the app makes in the browser.
 * - font-src data: — fonts the build inlines (none today; the system font stack is used).
 * - frame-ancestors 'none': no page of ours may be framed (clickjacking), as X-Frame-Options says too.
 */
export const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Everything else (JSON, CSV, images, manifest, stylesheets): nothing may run if it is ever opened as a document. */
export const DATA_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** One year; not includeSubDomains: the organisation's other hosts under its domain are not ours to decide. */
export const HSTS = 'max-age=31536000';

/**
 * What runs under its own policy: pages, and the scripts that start a worker (the service worker,
 * the build's *.worker-*.js). A policy on any other script is ignored by browsers: those get the short
 * one, which keeps ~200 bytes off every asset a phone fetches.
 */
const runsAsDocument = (contentType: string, path: string) =>
  /^text\/html\b/i.test(contentType) ||
  (/^(text|application)\/javascript\b/i.test(contentType) && (path === '/sw.js' || /\.worker-[\w-]+\.js$/.test(path)));

/**
 * Security headers on every answer, decided on the matched route (never the raw URL: '/%61pi/...' is
 * the API too). A route that sets its own Content-Security-Policy (the customer's reaction page) keeps it.
 */
export const headersPlugin = fp(async (app: FastifyInstance, options: { appUrl: string }) => {
  const https = options.appUrl.startsWith('https://');
  // The callback form (as every per-request hook that does not wait): no promise per request.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (https) reply.header('strict-transport-security', HSTS);
    if (!reply.hasHeader('content-security-policy')) {
      reply.header(
        'content-security-policy',
        runsAsDocument(String(reply.getHeader('content-type') ?? ''), request.url.split('?')[0]!)
          ? PAGE_POLICY
          : DATA_POLICY,
      );
    }
    if (isApiPath(routePath(request))) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
});

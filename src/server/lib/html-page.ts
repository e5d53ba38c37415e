import type { FastifyInstance, FastifyReply } from 'fastify';

// What the server's own plain-HTML pages share (the customer's reaction page, the sign-in page): they
// need no JavaScript, so they open at once on a cheap phone and work in any browser.

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Nothing but the page's own inline style, images and links of this site, forms posted here. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function sendHtml(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', CSP)
    .send(html);
}

/**
 * The largest URL-encoded form body the public pages take. A form's longest text (a customer's reply,
 * 4,000 characters) in Greek, Arabic or Chinese is 2 to 3 bytes a character, each byte written as %XX:
 * up to 36 kB; with the other fields, 64 kB.
 */
export const HTML_FORM_BODY_LIMIT = 64 * 1024;

/** Plain HTML forms post URL-encoded bodies: the routes of this plugin scope accept them. */
export function acceptHtmlForms(app: FastifyInstance) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: HTML_FORM_BODY_LIMIT },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../src/server/app';
import { createOrgFixture, type OrgFixture } from './helpers/fixtures';
import { apiRoutes, fillParams } from './helpers/routes';
import { createTestApp, signIn, type TestApp } from './helpers/test-app';

// The edge of the app, as an attacker meets it.
// 1. The router decodes a percent-encoded path before matching it: '/%61pi/v1/auth/sign-out' reaches the
//    sign-out route. Every rule about a request (access, CSRF, no-store) must hold on such a path too.
// 2. Every answer carries a Content-Security-Policy: the pages (the web app on every client-side route,
//    the API docs) and the service worker run only our own scripts; everything else runs nothing at all.

let t: TestApp;
let f: OrgFixture;
beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'edge');
});
afterAll(() => t.close());

/** The same address with the first letter of every segment percent-encoded: '/api/v1/me' -> '/%61pi/%761/%6de'. */
const encoded = (url: string) => url.replace(/\/([a-z])/g, (_, c: string) => `/%${c.charCodeAt(0).toString(16)}`);
const CROSS_SITE = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' };

describe('a percent-encoded path gets the rules of the route it reaches', () => {
  it('refuses the reported cross-site sign-out, and the session stays', async () => {
    const cookie = await signIn(t.app, f.people.member.email);
    const attack = await t.app.inject({
      method: 'POST',
      url: '/%61pi/v1/auth/sign-out',
      headers: { cookie, ...CROSS_SITE },
    });
    expect(attack.statusCode).toBe(403);
    expect(attack.json().code).toBe('csrf_rejected');
    expect(attack.headers['cache-control']).toBe('no-store');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('on every API route: no session is refused, a cross-site write is refused, and nothing is stored by caches', async () => {
    const admin = await signIn(t.app, f.people.admin.email);
    const failures: string[] = [];
    for (const route of apiRoutes(t.app.routeTable)) {
      const url = encoded(fillParams(route.url, {}));
      const method = route.method as 'GET';
      const payload = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      const anonymous = await t.app.inject({ method, url, payload });
      if (route.access !== 'public' && anonymous.statusCode !== 401)
        failures.push(`anonymous ${route.method} ${url}: ${anonymous.statusCode}`);
      if (anonymous.headers['cache-control'] !== 'no-store')
        failures.push(`cache ${route.method} ${url}: ${anonymous.headers['cache-control']}`);
      if (payload !== undefined || route.method === 'DELETE') {
        const crossSite = await t.app.inject({ method, url, payload, headers: { cookie: admin, ...CROSS_SITE } });
        if (crossSite.statusCode !== 403 || crossSite.json().code !== 'csrf_rejected')
          failures.push(`cross-site ${route.method} ${url}: ${crossSite.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('holds the role rule: a member reaches no administrator route through an encoded path', async () => {
    const member = await signIn(t.app, f.people.member.email);
    const response = await t.app.inject({
      method: 'GET',
      url: encoded('/api/v1/members'),
      headers: { cookie: member },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('forbidden');
  });

  it('answers an unknown encoded API path with a problem, not the web app', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/%61pi/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

/** The policy's directives by name: "script-src 'self'; ..." -> { 'script-src': ["'self'"] }. */
function directives(header: unknown): Record<string, string[]> {
  if (typeof header !== 'string') throw new Error(`no Content-Security-Policy header (${String(header)})`);
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** A page's policy runs only scripts from our origin: no inline code, no eval, no other host. */
function expectOnlyOwnScripts(header: unknown) {
  const d = directives(header);
  const scripts = d['script-src'] ?? d['default-src'];
  expect(scripts).toEqual(["'self'"]);
  expect(d['object-src']).toEqual(["'none'"]);
  expect(d['base-uri']).toEqual(["'none'"]);
  expect(d['frame-ancestors']).toEqual(["'none'"]);
  for (const [name, values] of Object.entries(d)) {
    expect(
      values.filter((v) => /^https?:|^\*$|unsafe-eval/.test(v)),
      name,
    ).toEqual([]);
  }
}

describe('Content-Security-Policy', () => {
  it('the web app on any client-side route, signed in or not', async () => {
    const cookie = await signIn(t.app, f.people.member.email);
    for (const url of ['/', '/extras/new', '/%65xtras/new']) {
      const response = await t.app.inject({ url, headers: { cookie } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expectOnlyOwnScripts(response.headers['content-security-policy']);
    }
  });

  it('the service worker runs under the page policy (it fetches from our origin), the API docs too', async () => {
    const worker = await t.app.inject({ url: '/sw.js' });
    expect(worker.statusCode).toBe(200);
    expectOnlyOwnScripts(worker.headers['content-security-policy']);
    expect(directives(worker.headers['content-security-policy'])['connect-src']).toEqual(["'self'"]);
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expectOnlyOwnScripts(docs.headers['content-security-policy']);
  });

  it('API answers, problems, the manifest and icons run nothing at all', async () => {
    const cookie = await signIn(t.app, f.people.member.email);
    for (const [url, headers] of [
      ['/api/v1/me', { cookie }],
      ['/api/v1/members', {}],
      ['/api/manifest.webmanifest', {}],
      ['/api/openapi.json', {}],
      ['/icons/icon.svg', {}],
      ['/api/v1/no-such-thing', {}],
    ] as const) {
      const response = await t.app.inject({ url, headers });
      expect(directives(response.headers['content-security-policy'])['default-src'], url).toEqual(["'none'"]);
    }
  });

  it('the customer reaction page keeps its own stricter policy', async () => {
    const response = await t.app.inject({ url: '/r/AAAAAAAAAAAAAAAAAAAAAA' });
    const d = directives(response.headers['content-security-policy']);
    expect(d['default-src']).toEqual(["'none'"]);
    expect(d['script-src']).toBeUndefined();
  });

  it('the built pages hold no inline script: no <script> without src, no on… handlers, no javascript: links', () => {
    const pages = readdirSync(WEB_ROOT, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
    expect(pages).toContain('index.html');
    for (const page of pages) {
      const html = readFileSync(path.join(WEB_ROOT, page), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(
        scripts.filter(([, attributes, body]) => !/\bsrc=/.test(attributes!) || body!.trim() !== ''),
        page,
      ).toEqual([]);
      expect(html.match(/<[^>]+\son[a-z]+\s*=/gi), page).toBeNull();
      expect(html.match(/javascript:/gi), page).toBeNull();
    }
  });
});

describe('Strict-Transport-Security', () => {
  it('is sent when APP_URL is https, on pages and API answers alike', async () => {
    const secure = await createTestApp({ APP_URL: 'https://klantwerk.example.nl' });
    try {
      for (const url of ['/', '/api/health', '/api/v1/me']) {
        const response = await secure.app.inject({ url });
        expect(response.headers['strict-transport-security'], url).toMatch(/^max-age=\d{8,}/);
      }
    } finally {
      await secure.close();
    }
  });

  it('is not sent when the app is served over plain http (it would mean nothing, and breaks local use)', async () => {
    const response = await t.app.inject({ url: '/api/health' });
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouteInfo } from '../src/server/app';
import { createOrgFixture, type OrgFixture } from './helpers/fixtures';
import { apiRoutes, fillParams } from './helpers/routes';
import { cookieFrom, createTestApp, signIn, type TestApp } from './helpers/test-app';

// Bad input on every route: a clear 4xx problem in the user's language, never a 500, nothing written.

let t: TestApp;
let f: OrgFixture;
let admin: string;
let manager: string;
let ids: Record<string, string>;

let counter: string;

/** The administrator, or for a route only managers may call, the manager of the fixture's team; on the counter, a counter device with a person on it. */
const callerOf = (route: RouteInfo) =>
  route.access === 'counterDevice'
    ? counter
    : Array.isArray(route.access) && !route.access.includes('admin')
      ? manager
      : admin;

beforeAll(async () => {
  t = await createTestApp({ SIGNIN_MAX_PER_IP: '100000', SIGNIN_MAX_PER_EMAIL: '100000' });
  f = await createOrgFixture(t.database.db, 'bad');
  admin = await signIn(t.app, f.people.admin.email);
  manager = await signIn(t.app, f.people.manager.email);
  const invite = await t.app.inject({
    method: 'POST',
    url: '/api/v1/invitations',
    payload: { email: 'pending@example.test' },
    headers: { cookie: admin },
  });
  const device = await t.app.inject({
    method: 'POST',
    url: '/api/v1/counter-devices',
    payload: { name: 'Balie', teamId: f.teamId },
    headers: { cookie: admin },
  });
  const activated = await t.app.inject({
    method: 'POST',
    url: '/api/v1/counter/activate',
    payload: { token: device.json().setupUrl.split('#setup=')[1] },
  });
  const member = await signIn(t.app, f.people.member.email);
  await t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/counter-pin',
    payload: { pin: '2580' },
    headers: { cookie: member },
  });
  const unlocked = await t.app.inject({
    method: 'POST',
    url: '/api/v1/counter/unlock',
    payload: { memberId: f.people.member.memberId, pin: '2580' },
    headers: { cookie: cookieFrom(activated) },
  });
  counter = `${cookieFrom(activated)}; ${cookieFrom(unlocked)}`;
  ids = {
    memberId: f.people.member.memberId,
    teamId: f.teamId,
    invitationId: invite.json().id,
    deviceId: device.json().device.id,
  };
});
afterAll(() => t.close());

const WRITABLE_TABLES = [
  'organizations',
  'members',
  'teams',
  'team_members',
  'invitations',
  'audit_log',
  'sign_in_codes',
  'counter_devices',
  'counter_pins',
  'counter_sessions',
  'auth_user',
  'auth_account',
  'extras',
  'extra_comments',
  'extra_thanks',
  'colleague_thanks',
  'best_practices',
  'weekly_picks',
  'conversation_notes',
  'customers',
  'promises',
  'promise_steps',
  'promise_events',
  'step_ratings',
  'step_comments',
  'team_scan_ratings',
  'org_questions',
  'campaigns',
  'campaign_questions',
  'campaign_ballots',
  'campaign_answers',
  'mirror_answers',
  'campaign_actions',
  'touchpoints',
  'voice_links',
  'customer_reactions',
  'voice_followups',
  'voice_followup_messages',
  'voice_settings',
  'reaction_requests',
  'needs',
  'need_supports',
  'proposals',
  'proposal_events',
  'sso_connections',
  'sso_domains',
  'sso_join_requests',
  'webhook_endpoints',
  'webhook_deliveries',
  'api_keys',
];

async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const table of WRITABLE_TABLES) {
    const { rows } = await t.database.pool.query(
      `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`,
    );
    parts.push(`${table}:${rows[0].h}`);
  }
  return parts.join(' ');
}

function bodyKeys(route: RouteInfo): string[] {
  const body = route.schema.body;
  return body instanceof z.ZodObject ? Object.keys(body.shape) : [];
}

const bodyRoutes = () => apiRoutes(t.app.routeTable).filter((r) => r.schema.body);

interface Case {
  name: string;
  payload: string | object;
  contentType?: string;
  expectStatus?: number | number[];
}

function casesFor(route: RouteInfo): Case[] {
  const keys = bodyKeys(route);
  const every = (value: unknown) => Object.fromEntries(keys.map((k) => [k, value]));
  return [
    { name: 'broken JSON', payload: '{"name": "half', contentType: 'application/json', expectStatus: 400 },
    { name: 'a JSON array', payload: '[1,2,3]', contentType: 'application/json', expectStatus: 400 },
    { name: 'a bare string', payload: '"hello"', contentType: 'application/json', expectStatus: 400 },
    { name: 'unknown field', payload: { ...every(undefined), definitelyNotAField: 1 }, expectStatus: 400 },
    { name: 'objects for every field', payload: every({ nested: { deeper: true } }), expectStatus: 400 },
    { name: 'numbers for every field', payload: every(12345), expectStatus: 400 },
    { name: 'null for every field', payload: every(null) },
    // many fields of 100k each can pass the 1 MB body limit: then it is refused as too large
    { name: '100k characters in every field', payload: every('x'.repeat(100_000)), expectStatus: [400, 413] },
    { name: 'NUL bytes', payload: every('abc\u0000def'), expectStatus: 400 },
    {
      name: 'form-encoded body',
      payload: 'name=x',
      contentType: 'application/x-www-form-urlencoded',
      expectStatus: 415,
    },
  ];
}

// Unicode that is valid text: the answer may be success or a clear 4xx, never a 500.
const UNICODE = [
  'Zoë 👩🏽‍🍳 café',
  '\u202Eevil\u202C',
  'e\u0301\u0301\u0301',
  '\uD800 lone surrogate',
  '\u200B\u200D',
  '﷽',
];

describe('bad input on every route with a body', () => {
  it('gets a 4xx problem and nothing is written', async () => {
    const wrong: string[] = [];
    for (const route of bodyRoutes()) {
      for (const c of casesFor(route)) {
        const before = await fingerprint();
        const response = await t.app.inject({
          method: route.method as 'POST',
          url: fillParams(route.url, ids),
          payload: c.payload,
          headers: {
            cookie: callerOf(route),
            'content-type': c.contentType ?? 'application/json',
            'accept-language': 'en',
          },
        });
        const label = `${route.method} ${route.url} with ${c.name}`;
        const problem = String(response.headers['content-type']).includes('application/problem+json');
        if (response.statusCode < 400 || response.statusCode >= 500 || !problem) {
          wrong.push(`${label}: ${response.statusCode} ${response.body.slice(0, 100)}`);
          continue;
        }
        const expected = [c.expectStatus ?? []].flat();
        if (expected.length && !expected.includes(response.statusCode))
          wrong.push(`${label}: ${response.statusCode}, expected ${expected}`);
        const body = response.json();
        if (!body.code || !body.requestId || !body.title || body.title.startsWith('errors.'))
          wrong.push(`${label}: incomplete problem ${response.body}`);
        if (/at .*\.ts:\d+/.test(response.body)) wrong.push(`${label}: leaks a stack trace`);
        if ((await fingerprint()) !== before) wrong.push(`${label}: wrote to the database`);
      }
    }
    expect(wrong).toEqual([]);
    // It walks every route with a body, ten cases each, reading 35 tables around each: it grows with the API.
  }, 180_000);

  it('a 10 MB body is refused as too large', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) });
    for (const route of bodyRoutes()) {
      const response = await t.app.inject({
        method: route.method as 'POST',
        url: fillParams(route.url, ids),
        payload: big,
        headers: { cookie: callerOf(route), 'content-type': 'application/json' },
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(413);
      expect(response.json().code).toBe('payload_too_large');
    }
  });

  it('unicode edge cases never cause a server error', async () => {
    const wrong: string[] = [];
    for (const route of bodyRoutes()) {
      const keys = bodyKeys(route);
      for (const text of UNICODE) {
        const response = await t.app.inject({
          method: route.method as 'POST',
          url: fillParams(route.url, ids),
          payload: Object.fromEntries(keys.map((k) => [k, text])),
          headers: { cookie: callerOf(route) },
        });
        if (response.statusCode >= 500)
          wrong.push(`${route.method} ${route.url} with ${JSON.stringify(text)}: ${response.body}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000);

  it('field errors name the field and are translated', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: '', description: 5 },
      headers: { cookie: admin, 'accept-language': 'nl' },
    });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.title).toBe('Niet alle velden zijn goed ingevuld.');
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.description', 'body.name']);
  });
});

describe('bad ids and query strings', () => {
  it('a malformed id is a 400 (an over-long one a 414), with a problem body', async () => {
    const wrong: string[] = [];
    for (const route of apiRoutes(t.app.routeTable).filter((r) => r.url.includes(':'))) {
      for (const bad of ['not-a-uuid', "1' or '1'='1", '%00', 'x'.repeat(300)]) {
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: route.url.replace(/:(\w+)/g, encodeURIComponent(bad)),
          payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
          headers: { cookie: callerOf(route) },
        });
        const problem = String(response.headers['content-type']).includes('application/problem+json');
        if (![400, 414].includes(response.statusCode) || !problem) {
          wrong.push(
            `${route.method} ${route.url} with ${bad.slice(0, 20)}: ${response.statusCode} ${response.body.slice(0, 80)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('an unknown filter value or parameter is a 400', async () => {
    for (const url of [
      '/api/v1/members?status=everyone',
      '/api/v1/members?sort=name',
      `/api/v1/members?q=${'x'.repeat(500)}`,
      '/api/v1/steps?scope=everyone',
      '/api/v1/steps?due=next_year',
      '/api/v1/steps?due=',
    ]) {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie: admin } });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, TEST_PASSWORD, type TestApp, tokenFromMail } from '../../../../test/helpers/test-app';

let t: TestApp;
let f: OrgFixture;

beforeAll(async () => {
  t = await createTestApp({ LOG_LEVEL: 'debug' });
  f = await createOrgFixture(t.database.db, 'sys');
});
afterAll(() => t.close());

describe('probes and runtime configuration', () => {
  it('health says the process lives, ready says the database answers', async () => {
    expect((await t.app.inject('/api/health')).json()).toEqual({ status: 'ok', database: 'up' });
    expect((await t.app.inject('/api/ready')).json()).toEqual({ status: 'ready' });
  });

  it('serves the runtime configuration the web app reads', async () => {
    const config = (await t.app.inject('/api/config')).json();
    expect(config).toMatchObject({
      signUpEnabled: true,
      languages: ['nl', 'en'],
      defaultLanguage: 'nl',
      currency: 'EUR',
    });
    // An organisation exists; APP_URL is http://localhost:3000, so the administrator is warned.
    expect(config).toMatchObject({ emptyInstance: false, appUrlLocal: true, mailDelivers: true });
  });

  it('says when the server is still empty (the start page is then creating an organisation) and when APP_URL is a real address', async () => {
    const fresh = await createTestApp({ APP_URL: 'https://klantwerk.example.nl' });
    try {
      expect((await fresh.app.inject('/api/config')).json()).toMatchObject({ emptyInstance: true, appUrlLocal: false });
      // Without SMTP_URL the sign-up page says the link is in the server's log, not in a mailbox.
      const noMail = await createTestApp({}, undefined, { mailDelivers: false });
      try {
        expect((await noMail.app.inject('/api/config')).json()).toMatchObject({ mailDelivers: false });
      } finally {
        await noMail.close();
      }
      await createOrgFixture(fresh.database.db, 'first');
      expect((await fresh.app.inject('/api/config')).json()).toMatchObject({ emptyInstance: false });
    } finally {
      await fresh.close();
    }
  });

  it('answers an unknown API path with a 404 problem and a request id', async () => {
    const response = await t.app.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'not_found', requestId: response.headers['x-request-id'] });
  });
});

describe('the API is documented', () => {
  it('publishes an OpenAPI document with every API route and its problem answers', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const registered = t.app.routeTable
      .filter((r) => r.url.startsWith('/api') && r.url !== '/api/openapi.json' && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`);
    expect(documented.sort()).toEqual(registered.sort());
    const signIn = doc.paths['/api/v1/auth/sign-in'].post;
    expect(signIn.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
    expect(signIn.responses).toHaveProperty('429');
  });

  it('serves readable documentation at /api/docs', async () => {
    const response = await t.app.inject('/api/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});

describe('logs', () => {
  it('carry the request id and never a password, token or cookie', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: f.people.member.email, password: 'wrong-secret-pw' },
    });
    const cookie = await signIn(t.app, f.people.member.email);
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/me?token=abcdef123456',
      headers: { cookie, authorization: 'Bearer sekrit-bearer' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email: f.people.member.email },
    });
    await t.app.afterResponse.idle();
    const resetToken = tokenFromMail(t.mailer, f.people.member.email);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token: resetToken, password: 'new-secret-pw-123' },
    });
    // a server error logs the failing query, never its parameters
    const admin = await signIn(t.app, f.people.admin.email);
    await t.database.pool.query('alter table teams rename to teams_away');
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'param-value-xyz' },
      headers: { cookie: admin },
    });
    await t.database.pool.query('alter table teams_away rename to teams');
    expect(broken.statusCode).toBe(500);
    expect(broken.body).not.toContain('teams_away');

    const all = t.logs.join('\n');
    expect(all).toContain(broken.headers['x-request-id']);
    const sessionValue = cookie.split('=')[1]!;
    for (const secret of [
      TEST_PASSWORD,
      'wrong-secret-pw',
      'new-secret-pw-123',
      resetToken,
      sessionValue,
      'abcdef123456',
      'sekrit-bearer',
      'param-value-xyz',
    ]) {
      expect(all, `log contains ${secret}`).not.toContain(secret);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsStub, startDnsStub } from '../../../../test/helpers/dns-stub';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import {
  signInAtProvider,
  startOidcProvider,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  type TestProvider,
} from '../../../../test/helpers/oidc-provider';
import {
  cookieFrom,
  createTestApp,
  signIn,
  TEST_PASSWORD,
  type TestApp,
  tokenFromMail,
} from '../../../../test/helpers/test-app';

// Single sign-on through the API against a real OpenID provider on loopback (npm oidc-provider): the
// administrator's settings and their rules, the flow bound to the browser and to the organisation,
// first sign-ins, and a session that works only in the organisation whose provider made it.

const REDIRECT_URI = 'http://localhost:3000/api/v1/auth/sso/callback';

let t: TestApp;
let dns: DnsStub;
let provider: TestProvider;
let a: OrgFixture;
let b: OrgFixture;
let adminA: string;
let adminB: string;

beforeAll(async () => {
  provider = await startOidcProvider([REDIRECT_URI]);
  // The domains' TXT records come from a DNS server of the test's own on loopback.
  dns = await startDnsStub();
  t = await createTestApp({ SSO_DNS_SERVERS: dns.server });
  a = await createOrgFixture(t.database.db, 'a');
  b = await createOrgFixture(t.database.db, 'b');
  adminA = await signIn(t.app, a.people.admin.email);
  adminB = await signIn(t.app, b.people.admin.email);
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
  await dns?.close();
});

const connection = (overrides: Record<string, unknown> = {}) => ({
  issuer: provider.issuer,
  clientId: TEST_CLIENT_ID,
  clientSecret: TEST_CLIENT_SECRET,
  domains: ['example.test'],
  provisioning: 'approval',
  required: false,
  ...overrides,
});

const put = (cookie: string, payload: object) =>
  t.app.inject({ method: 'PUT', url: '/api/v1/sso', payload, headers: { cookie, 'accept-language': 'en' } });

/** The whole round trip: start at Klantwerk, sign in at the provider, come back to the callback. */
async function signInWithProvider(email: string, loginAs = email) {
  const start = await t.app.inject({
    method: 'GET',
    url: `/api/v1/auth/sso/start?email=${encodeURIComponent(email)}&next=/extras`,
  });
  expect(start.statusCode, start.body).toBe(303);
  const back = await signInAtProvider(start.headers.location as string, loginAs, REDIRECT_URI);
  const flow = cookieFrom(start);
  return t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: flow } });
}

describe('connecting the identity provider', () => {
  it('refuses what would not work or is not theirs, and saves nothing', async () => {
    const cases: [object, number, string][] = [
      [connection({ clientSecret: undefined }), 400, 'validation_failed'],
      [connection({ domains: ['gmail.com'] }), 400, 'sso_domain_not_allowed'],
      [connection({ issuer: 'http://idp.example.com' }), 400, 'validation_failed'],
      [connection({ issuer: 'http://127.0.0.1:1' }), 400, 'sso_discovery_failed'],
      [connection({ provisioning: 'anyone' }), 400, 'validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await put(adminA, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().code).toBe(code);
    }
    expect((await t.database.pool.query('select count(*)::int as n from sso_connections')).rows[0].n).toBe(0);
  });

  it('keeps the client secret encrypted: never in the answer, the database row or the log', async () => {
    const response = await put(adminA, connection());
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      redirectUri: REDIRECT_URI,
      verificationRecord: expect.stringMatching(/^klantwerk-verification=[\w-]{32}$/),
      connection: {
        issuer: provider.issuer,
        clientId: TEST_CLIENT_ID,
        hasClientSecret: true,
        domains: ['example.test'],
        domainStates: [{ domain: 'example.test', proven: false }],
        provisioning: 'approval',
        required: false,
        enabled: true,
      },
    });
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/sso', headers: { cookie: adminA } });
    expect(read.body).not.toContain(TEST_CLIENT_SECRET);
    const row = await t.database.pool.query('select * from sso_connections');
    expect(JSON.stringify(row.rows)).not.toContain(TEST_CLIENT_SECRET);
    const audit = await t.database.pool.query(`select data from audit_log where action like 'sso.%'`);
    expect(JSON.stringify(audit.rows)).not.toContain(TEST_CLIENT_SECRET);
    // Changed without a new secret: the stored one is kept and still works.
    expect((await put(adminA, connection({ clientSecret: undefined, provisioning: 'approval' }))).statusCode).toBe(200);
    expect(t.logs.join('')).not.toContain(TEST_CLIENT_SECRET);
  });

  it('an unproven domain routes no sign-in and blocks no password, even when required', async () => {
    expect((await put(adminA, connection({ clientSecret: undefined, required: true }))).statusCode).toBe(200);
    const start = await t.app.inject({
      method: 'GET',
      url: `/api/v1/auth/sso/start?email=${encodeURIComponent(a.people.member.email)}`,
    });
    expect(start.headers.location).toContain('/sign-in?problem=sso_not_connected');
    expect(await signIn(t.app, a.people.director.email)).toContain('klantwerk.session_token=');
    expect((await put(adminA, connection({ clientSecret: undefined, required: false }))).statusCode).toBe(200);
  });

  it('a domain is proven by its DNS TXT record; one proven is the organisation’s alone', async () => {
    const check = (cookie: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/sso/domains/check', headers: { cookie } });
    const recordOf = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/sso', headers: { cookie } })).json().verificationRecord;
    const recordA = await recordOf(adminA);
    // B may claim the same domain while nobody proved it; claiming is not owning.
    expect((await put(adminB, connection())).statusCode).toBe(200);
    const recordB = await recordOf(adminB);
    expect(recordB).not.toBe(recordA);

    // A DNS that fails says so (and is logged); no record at all, then only someone else's and other
    // records: not proven.
    dns.failing.add('example.test');
    expect((await check(adminA)).json().checked).toEqual([{ domain: 'example.test', result: 'lookup_failed' }]);
    expect(t.logs.join('')).toContain('sso domain lookup failed');
    dns.failing.delete('example.test');
    expect((await check(adminA)).json().checked).toEqual([{ domain: 'example.test', result: 'record_missing' }]);
    dns.txt.set('example.test', [['v=spf1 -all'], [recordB.slice(0, 30), recordB.slice(30)]]);
    expect((await check(adminA)).json().checked).toEqual([{ domain: 'example.test', result: 'record_missing' }]);
    const asked = dns.questions();
    expect(asked).toBeGreaterThan(0);

    dns.txt.set('example.test', [['v=spf1 -all'], [recordA]]);
    const proven = await check(adminA);
    expect(proven.statusCode, proven.body).toBe(200);
    expect(proven.json().checked).toEqual([{ domain: 'example.test', result: 'proven' }]);
    expect(proven.json().settings.connection.domainStates).toEqual([{ domain: 'example.test', proven: true }]);
    const audit = await t.database.pool.query(`select data from audit_log where action = 'sso.domain_proven'`);
    expect(audit.rows).toEqual([{ data: { domain: 'example.test' } }]);
    // Saving the settings again keeps the proof.
    expect((await put(adminA, connection({ clientSecret: undefined }))).json().connection.domainStates[0].proven).toBe(
      true,
    );

    // B puts its own record up too, too late: the domain is A's.
    dns.txt.set('example.test', [[recordA], [recordB]]);
    expect((await check(adminB)).json().checked).toEqual([{ domain: 'example.test', result: 'taken' }]);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/sso', headers: { cookie: adminB } })).statusCode).toBe(
      204,
    );
  });

  it('a domain belongs to one organisation: another cannot take it', async () => {
    const response = await put(adminB, connection());
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('sso_domain_taken');
  });
});

describe('signing in with the provider', () => {
  it('starts with PKCE (S256), state and nonce, tied to this browser by a cookie', async () => {
    const start = await t.app.inject({
      method: 'GET',
      url: `/api/v1/auth/sso/start?email=${encodeURIComponent(a.people.member.email)}`,
    });
    expect(start.statusCode).toBe(303);
    const to = new URL(start.headers.location as string);
    expect(to.origin).toBe(provider.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('state')).toBeTruthy();
    expect(to.searchParams.get('nonce')).toBeTruthy();
    expect(to.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(start.cookies.find((c) => c.name === 'klantwerk.sso')?.value).toBe(to.searchParams.get('state'));
  });

  it('an address of a domain that is not connected goes back to the sign-in page', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sso/start?email=someone%40elsewhere.test' });
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toContain('/sign-in?problem=sso_not_connected');
  });

  it('a member signs in; the session works in this organisation only, never in another one of theirs', async () => {
    // The member of A also belongs to B.
    await t.database.pool.query(`insert into members (org_id, user_id, roles) values ($1, $2, '{member}')`, [
      b.orgId,
      a.people.member.userId,
    ]);
    const back = await signInWithProvider(a.people.member.email);
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/extras');
    const session = cookieFrom(back);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session } });
    expect(me.json().activeOrganization.id).toBe(a.orgId);
    expect(me.json().organizations.map((o: { organizationId: string }) => o.organizationId)).toEqual([a.orgId]);
    const toB = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/organization',
      payload: { organizationId: b.orgId },
      headers: { cookie: session },
    });
    expect(toB.statusCode).toBe(404);
    // With a password, the same person still reaches both.
    const withPassword = await signIn(t.app, a.people.member.email, TEST_PASSWORD);
    const both = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: withPassword } });
    expect(both.json().organizations).toHaveLength(2);
  });

  it('the callback is refused without the cookie of the browser that started, and works only once', async () => {
    const start = await t.app.inject({
      method: 'GET',
      url: `/api/v1/auth/sso/start?email=${encodeURIComponent(a.people.director.email)}`,
    });
    const back = await signInAtProvider(start.headers.location as string, a.people.director.email, REDIRECT_URI);
    const url = `${back.pathname}${back.search}`;
    const stranger = await t.app.inject({ method: 'GET', url });
    expect(stranger.headers.location).toBe('/sign-in?problem=sso_failed');
    expect(cookieFrom(stranger)).not.toContain('klantwerk.session_token=');
    const first = await t.app.inject({ method: 'GET', url, headers: { cookie: cookieFrom(start) } });
    expect(first.headers.location).toBe('/');
    const replay = await t.app.inject({ method: 'GET', url, headers: { cookie: cookieFrom(start) } });
    expect(replay.headers.location).toBe('/sign-in?problem=sso_failed');
    // The code and the state from the provider never reach the log.
    const logs = t.logs.join('');
    expect(logs).toContain('/api/v1/auth/sso/callback');
    expect(logs).not.toContain(back.searchParams.get('code')!);
    expect(logs).not.toContain(back.searchParams.get('state')!);
  });

  it('the provider vouching for an address outside the connected domains is refused', async () => {
    const back = await signInWithProvider(a.people.manager.email, 'someone@elsewhere.test');
    expect(back.headers.location).toBe('/sign-in?problem=sso_not_connected');
  });

  it('a wrong audience or an expired ID token is refused', async () => {
    for (const tamper of ['audience', 'expired'] as const) {
      provider.tamper = tamper;
      const back = await signInWithProvider(a.people.manager.email);
      expect(back.headers.location, tamper).toBe('/sign-in?problem=sso_failed');
      expect(cookieFrom(back)).not.toContain('klantwerk.session_token=');
    }
    provider.tamper = 'none';
    expect(t.logs.join('')).toContain('sso sign-in refused');
  });

  it('a newcomer waits for approval; the administrator lets them in; declined ones are gone', async () => {
    const first = await signInWithProvider('nieuw.a@example.test');
    expect(first.headers.location).toBe('/sign-in?notice=sso_pending');
    await signInWithProvider('ander.a@example.test');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/sso/requests', headers: { cookie: adminA } });
    const items = list.json().items as { id: string; email: string }[];
    expect(items.map((i) => i.email).sort()).toEqual(['ander.a@example.test', 'nieuw.a@example.test']);
    // B's administrator cannot see or decide A's requests.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/sso/requests', headers: { cookie: adminB } })).json().items,
    ).toEqual([]);
    const nieuw = items.find((i) => i.email === 'nieuw.a@example.test')!;
    const ander = items.find((i) => i.email === 'ander.a@example.test')!;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/sso/requests/${nieuw.id}/approve`,
          headers: { cookie: adminB },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/sso/requests/${nieuw.id}/approve`,
          headers: { cookie: adminA },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/sso/requests/${ander.id}`, headers: { cookie: adminA } }))
        .statusCode,
    ).toBe(204);
    const again = await signInWithProvider('nieuw.a@example.test');
    expect(again.headers.location).toBe('/extras');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: cookieFrom(again) } });
    expect(me.json().member.roles).toEqual(['member']);
  });

  it('in "joins at once" mode a newcomer is a member from the first sign-in; a deactivated member stays out', async () => {
    expect((await put(adminA, connection({ clientSecret: undefined, provisioning: 'member' }))).statusCode).toBe(200);
    const back = await signInWithProvider('direct.a@example.test');
    expect(back.headers.location).toBe('/extras');
    await t.database.pool.query(`update members set status = 'deactivated' where org_id = $1 and id = $2`, [
      a.orgId,
      a.people.advisor.memberId,
    ]);
    const out = await signInWithProvider(a.people.advisor.email);
    expect(out.headers.location).toBe('/sign-in?problem=account_deactivated');
  });

  it('when required, password sign-in is refused for the domain with a clear message', async () => {
    expect(
      (await put(adminA, connection({ clientSecret: undefined, provisioning: 'member', required: true }))).statusCode,
    ).toBe(200);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: a.people.director.email, password: TEST_PASSWORD },
      headers: { 'accept-language': 'en' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('sso_required');
    expect(refused.json().title).toContain('Sign in with your organisation');
    // Nor does accepting an invitation with a password open that door.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      payload: { email: 'uitgenodigd.a@example.test' },
      headers: { cookie: adminA },
    });
    const token = tokenFromMail(t.mailer, 'uitgenodigd.a@example.test');
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, name: 'Uitgenodigd', password: 'a long and unusual passphrase 42' },
    });
    expect(accept.statusCode).toBe(403);
    expect(accept.json().code).toBe('sso_required');
    // Break-glass: an administrator's right password still opens (a broken provider locks nobody out),
    // logged as a warning and in the audit log; a wrong one hears the same as everyone else.
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: a.people.admin.email, password: 'not the password at all' },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('sso_required');
    const wrongMember = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: a.people.director.email, password: 'not the password at all' },
    });
    expect(wrongMember.json().code).toBe('sso_required');
    const glass = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: a.people.admin.email, password: TEST_PASSWORD },
    });
    expect(glass.statusCode, glass.body).toBe(200);
    expect(glass.json().activeOrganization.id).toBe(a.orgId);
    expect(t.logs.join('')).toContain('break-glass');
    const used = await t.database.pool.query(
      `select actor_member_id from audit_log where org_id = $1 and action = 'sso.break_glass_password'`,
      [a.orgId],
    );
    expect(used.rows).toEqual([{ actor_member_id: a.people.admin.memberId }]);
    // Only the administrator's sign-in counted as break-glass.
    expect(
      (
        await t.database.pool.query(
          `select count(*)::int as n from audit_log where action = 'sso.break_glass_password'`,
        )
      ).rows[0].n,
    ).toBe(1);
    // Switched off, or disconnected: passwords work again.
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/sso', headers: { cookie: adminA } })).statusCode).toBe(
      204,
    );
    expect(await signIn(t.app, a.people.director.email)).toContain('klantwerk.session_token=');
  });
});

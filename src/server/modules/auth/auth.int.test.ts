import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import {
  cookieFrom,
  createTestApp,
  signIn,
  TEST_PASSWORD,
  type TestApp,
  tokenFromMail,
} from '../../../../test/helpers/test-app';

let t: TestApp;
let acme: OrgFixture;

beforeAll(async () => {
  t = await createTestApp({ SIGNIN_MAX_PER_EMAIL: '5', SIGNIN_MAX_PER_IP: '1000' });
  acme = await createOrgFixture(t.database.db, 'acme');
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, cookie?: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });

/** Holds every mail until release(): shows whether an answer waited for its mail. */
function holdMail() {
  const send = t.mailer.send;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  t.mailer.send = async (mail) => {
    await released;
    await send(mail);
  };
  return async () => {
    release();
    await t.app.afterResponse.idle();
    t.mailer.send = send;
  };
}

/** An answer as an observer sees it, less what differs on every request. */
const seen = (response: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
  const { date: _date, 'x-request-id': _id, ...headers } = response.headers;
  return { status: response.statusCode, headers, body: response.body };
};

describe('sign-up', () => {
  const linkIn = (to: string) =>
    t.mailer.outbox
      .filter((m) => m.to === to)
      .at(-1)
      ?.text.match(/\/sign-up\/confirm#token=([\w-]+)/)?.[1];

  it('mails a link; the link creates the organisation with its first administrator, signed in, once', async () => {
    const response = await post('/api/v1/auth/sign-up', {
      organizationName: 'Bakkerij Brood',
      name: 'Bea Bakker',
      email: 'Bea@Brood.example',
      password: 'a good long password',
      language: 'en',
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ ok: true });
    await t.app.afterResponse.idle();
    const token = linkIn('bea@brood.example');
    expect(t.mailer.outbox.at(-1)?.subject).toBe('Confirm your new organisation Bakkerij Brood on Klantwerk');
    expect(t.mailer.outbox.at(-1)?.text).toContain(`http://localhost:3000/sign-up/confirm#token=${token}`);

    const confirmed = await post('/api/v1/auth/sign-up/confirm', { token });
    expect(confirmed.statusCode).toBe(201);
    const me = confirmed.json();
    expect(me.user.email).toBe('bea@brood.example');
    expect(me.activeOrganization.name).toBe('Bakkerij Brood');
    expect(me.member.roles).toContain('admin');
    expect(me.language).toBe('en');

    const cookie = cookieFrom(confirmed);
    const members = await t.app.inject({ method: 'GET', url: '/api/v1/members', headers: { cookie } });
    expect(members.statusCode).toBe(200);
    expect(members.json().items.map((m: { email: string }) => m.email)).toEqual(['bea@brood.example']);
    expect(
      (await post('/api/v1/auth/sign-in', { email: 'bea@brood.example', password: 'a good long password' })).statusCode,
    ).toBe(200);

    const again = await post('/api/v1/auth/sign-up/confirm', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('invalid_token');
  });

  it('answers a known address exactly as an unknown one, mails its owner instead, and creates nothing', async () => {
    const body = { organizationName: 'Dubbel', name: 'X', password: 'a good long password' };
    const known = await post('/api/v1/auth/sign-up', { ...body, email: acme.people.member.email });
    const unknown = await post('/api/v1/auth/sign-up', { ...body, email: 'nieuw.adres@example.test' });
    expect(known.statusCode).toBe(202);
    expect(seen(known)).toEqual(seen(unknown));

    await t.app.afterResponse.idle();
    const toOwner = t.mailer.outbox.filter((m) => m.to === acme.people.member.email).at(-1);
    expect(toOwner?.subject).toBe('Iemand probeerde zich met jouw adres aan te melden op Klantwerk');
    expect(toOwner?.text).toContain('http://localhost:3000/forgot-password');
    expect(toOwner?.text).not.toMatch(/#token=/);
    const orgs = await t.database.pool.query(`select count(*)::int as n from organizations where name = 'Dubbel'`);
    expect(orgs.rows[0].n).toBe(0);
  });

  it('answers before it hashes, looks up or mails anything', async () => {
    const release = holdMail();
    const response = await post('/api/v1/auth/sign-up', {
      organizationName: 'Vlug',
      name: 'Vera Vlug',
      email: 'vera@vlug.example',
      password: 'a good long password',
    });
    expect(response.statusCode).toBe(202);
    expect(t.mailer.outbox.filter((m) => m.to === 'vera@vlug.example')).toEqual([]);
    await release();
    expect(linkIn('vera@vlug.example')).toBeTruthy();
  }, 10_000);

  it('refuses a short password with a field error', async () => {
    const response = await post('/api/v1/auth/sign-up', {
      organizationName: 'Kort',
      name: 'K',
      email: 'kort@example.test',
      password: 'short',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors[0].path).toBe('body.password');
  });
});

describe('sign-in and sessions', () => {
  it('sets an httpOnly SameSite=Lax session cookie that is not Secure over plain http', async () => {
    const response = await post('/api/v1/auth/sign-in', { email: acme.people.member.email, password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    const session = response.cookies.find((c) => c.name.includes('session_token'));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(session?.secure).toBeFalsy();
    expect(response.json().activeOrganization.id).toBe(acme.orgId);
  });

  it('makes the cookie Secure when the app is served over HTTPS', async () => {
    const secure = await createTestApp({ APP_URL: 'https://klantwerk.example.nl' });
    try {
      const f = await createOrgFixture(secure.database.db, 'https');
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: f.people.member.email, password: TEST_PASSWORD },
      });
      const session = response.cookies.find((c) => c.name.includes('session_token'));
      expect(session?.secure).toBe(true);
      expect(session?.httpOnly).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('answers a wrong password with invalid_credentials in the language asked for', async () => {
    const response = await post(
      '/api/v1/auth/sign-in',
      { email: acme.people.director.email, password: 'wrong password' },
      undefined,
      { 'accept-language': 'en-GB,en;q=0.9' },
    );
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      code: 'invalid_credentials',
      title: 'The e-mail address or password is not correct.',
    });
    expect(response.json().requestId).toBe(response.headers['x-request-id']);
  });

  it('says whether someone is signed in with a 200 either way (no failed request on a signed-out page)', async () => {
    const nobody = await t.app.inject({ method: 'GET', url: '/api/v1/session' });
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toEqual({ signedIn: false, me: null });
    const cookie = await signIn(t.app, acme.people.manager.email);
    const someone = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    expect(someone.json()).toMatchObject({ signedIn: true, me: { user: { email: acme.people.manager.email } } });
    expect(someone.json().me).toEqual(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).json(),
    );
    // A stale or forged cookie is nobody, not an error.
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: 'better-auth.session_token=nope' },
    });
    expect(stale.json()).toEqual({ signedIn: false, me: null });
  });

  it('signs out: the old cookie no longer works', async () => {
    const cookie = await signIn(t.app, acme.people.manager.email);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await post('/api/v1/auth/sign-out', {}, cookie)).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
  });

  it('throttles attempts per address: after 5 the right password is refused too', async () => {
    const email = acme.people.advisor.email;
    for (let i = 0; i < 5; i++) {
      const r = await post('/api/v1/auth/sign-in', { email, password: `wrong ${i}` });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await post('/api/v1/auth/sign-in', { email, password: TEST_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('too_many_requests');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles attempts per IP address across different addresses', async () => {
    const strict = await createTestApp({ SIGNIN_MAX_PER_IP: '5' });
    try {
      const attempt = (i: number, remoteAddress: string) =>
        strict.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email: `nobody${i}@example.test`, password: 'x' },
          remoteAddress,
        });
      for (let i = 0; i < 5; i++) expect((await attempt(i, '203.0.113.7')).statusCode).toBe(401);
      expect((await attempt(5, '203.0.113.7')).statusCode).toBe(429);
      expect((await attempt(6, '203.0.113.8')).statusCode).toBe(401);
    } finally {
      await strict.close();
    }
  });
});

describe('cross-site requests (CSRF)', () => {
  it('refuses a write sent from another site, even with a valid session', async () => {
    const cookie = await signIn(t.app, acme.people.admin.email);
    const fromElsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'Evil' },
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(fromElsewhere.statusCode).toBe(403);
    expect(fromElsewhere.json().code).toBe('csrf_rejected');
    const crossSite = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/organization',
      payload: { name: 'Evil' },
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);
    const sameOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'Friendly' },
      headers: { cookie, origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.statusCode).toBe(201);
  });
});

describe('password reset by e-mailed link', () => {
  it('mails a link; the token sets a new password once; the old password stops working', async () => {
    const person = (await createOrgFixture(t.database.db, 'reset')).people.manager;
    const forgot = await post('/api/v1/auth/password/forgot', { email: person.email });
    expect(forgot.statusCode).toBe(202);
    await t.app.afterResponse.idle();
    const token = tokenFromMail(t.mailer, person.email);
    expect(t.mailer.outbox.at(-1)?.text).toContain(`http://localhost:3000/reset-password#token=${token}`);

    const reset = await post('/api/v1/auth/password/reset', { token, password: 'my brand new password' });
    expect(reset.statusCode).toBe(204);
    const again = await post('/api/v1/auth/password/reset', { token, password: 'another new password' });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('invalid_token');

    expect((await post('/api/v1/auth/sign-in', { email: person.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect(
      (await post('/api/v1/auth/sign-in', { email: person.email, password: 'my brand new password' })).statusCode,
    ).toBe(200);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = t.mailer.outbox.length;
    const person = (await createOrgFixture(t.database.db, 'forgotsame')).people.member;
    const unknown = await post('/api/v1/auth/password/forgot', { email: 'nobody@nowhere.example' });
    const known = await post('/api/v1/auth/password/forgot', { email: person.email });
    expect(unknown.statusCode).toBe(202);
    expect(seen(unknown)).toEqual(seen(known));
    await t.app.afterResponse.idle();
    expect(t.mailer.outbox.slice(before).map((m) => m.to)).toEqual([person.email]);
  });

  it('answers before it looks the address up or mails: a known address takes no longer than an unknown one', async () => {
    const person = (await createOrgFixture(t.database.db, 'forgotfast')).people.member;
    const release = holdMail();
    const response = await post('/api/v1/auth/password/forgot', { email: person.email });
    expect(response.statusCode).toBe(202);
    expect(t.mailer.outbox.filter((m) => m.to === person.email)).toEqual([]);
    await release();
    expect(tokenFromMail(t.mailer, person.email)).toBeTruthy();
  }, 10_000);
});

describe('new passwords are checked against common and leaked ones', () => {
  const refusedBecause = (response: {
    statusCode: number;
    json: () => { code: string; errors?: { path: string; code: string }[] };
  }) => {
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('weak_password');
    return response.json().errors?.[0];
  };

  it('refuses aaaaaaaaaa and a common password at sign-up, saying why; creates nothing', async () => {
    const body = { organizationName: 'Zwak', name: 'Zwakke Zwaan', email: 'zwak@example.test' };
    expect(refusedBecause(await post('/api/v1/auth/sign-up', { ...body, password: 'aaaaaaaaaa' }))).toMatchObject({
      path: 'body.password',
      code: 'password_pattern',
    });
    expect(refusedBecause(await post('/api/v1/auth/sign-up', { ...body, password: 'password123' }))).toMatchObject({
      code: 'password_common',
    });
    expect(
      refusedBecause(await post('/api/v1/auth/sign-up', { ...body, password: 'zwak@example.test' })),
    ).toMatchObject({ code: 'password_personal' });
    const titled = await post('/api/v1/auth/sign-up', { ...body, password: 'aaaaaaaaaa' }, undefined, {
      'accept-language': 'nl',
    });
    expect(titled.json().title).toBe('Dit wachtwoord is niet veilig genoeg. Kies een ander.');
    const rows = await t.database.pool.query(
      `select count(*)::int as n from auth_user where email = 'zwak@example.test'`,
    );
    expect(rows.rows[0].n).toBe(0);
  });

  it('refuses aaaaaaaaaa as a changed password; the old one keeps working', async () => {
    const f = await createOrgFixture(t.database.db, 'weakchange');
    const cookie = await signIn(t.app, f.people.member.email);
    const response = await post(
      '/api/v1/me/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'aaaaaaaaaa' },
      cookie,
    );
    expect(refusedBecause(response)).toMatchObject({ path: 'body.newPassword', code: 'password_pattern' });
    expect(
      (await post('/api/v1/auth/sign-in', { email: f.people.member.email, password: TEST_PASSWORD })).statusCode,
    ).toBe(200);
  });

  it('refuses a common password through a reset link, which still works for a good one', async () => {
    const person = (await createOrgFixture(t.database.db, 'weakreset')).people.member;
    await post('/api/v1/auth/password/forgot', { email: person.email });
    await t.app.afterResponse.idle();
    const token = tokenFromMail(t.mailer, person.email);
    expect(refusedBecause(await post('/api/v1/auth/password/reset', { token, password: 'qwertyuiop1' }))).toMatchObject(
      { code: 'password_common' },
    );
    expect(refusedBecause(await post('/api/v1/auth/password/reset', { token, password: person.email }))).toMatchObject({
      code: 'password_personal',
    });
    expect((await post('/api/v1/auth/password/reset', { token, password: 'a sturdy new passphrase' })).statusCode).toBe(
      204,
    );
  });

  it('refuses a common password for a new account from an invitation, which stays usable', async () => {
    const admin = await signIn(t.app, acme.people.admin.email);
    await post('/api/v1/invitations', { email: 'zwakke.nieuweling@example.test', name: 'Zwakke Nieuweling' }, admin);
    const token = tokenFromMail(t.mailer, 'zwakke.nieuweling@example.test');
    expect(
      refusedBecause(await post('/api/v1/auth/invitations/accept', { token, password: 'iloveyou123' })),
    ).toMatchObject({ code: 'password_common' });
    expect((await post('/api/v1/auth/invitations/accept', { token, password: 'zwaan op de gracht' })).statusCode).toBe(
      200,
    );
  });
});

describe('invitations', () => {
  it('invites a new person who sets a password, joins the teams and works in the organisation', async () => {
    const admin = await signIn(t.app, acme.people.admin.email);
    const invite = await post(
      '/api/v1/invitations',
      { email: 'nieuw@example.test', name: 'Nina Nieuw', roles: ['member'], teamIds: [acme.teamId] },
      admin,
    );
    expect(invite.statusCode).toBe(201);
    const mail = t.mailer.outbox.at(-1)!;
    expect(mail.to).toBe('nieuw@example.test');
    expect(mail.subject).toContain('Org acme');
    const token = tokenFromMail(t.mailer, 'nieuw@example.test');

    const preview = await post('/api/v1/auth/invitations/preview', { token });
    expect(preview.json()).toEqual({
      organizationName: 'Org acme',
      email: 'nieuw@example.test',
      name: 'Nina Nieuw',
      existingAccount: false,
    });

    const accept = await post('/api/v1/auth/invitations/accept', {
      token,
      password: 'nina her password',
      language: 'en',
    });
    expect(accept.statusCode).toBe(200);
    const me = accept.json();
    expect(me.activeOrganization.id).toBe(acme.orgId);
    expect(me.member.roles).toEqual(['member']);
    expect(me.member.teams.map((x: { id: string }) => x.id)).toEqual([acme.teamId]);
    expect(me.language).toBe('en');

    const reuse = await post('/api/v1/auth/invitations/accept', { token, password: 'nina her password' });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().code).toBe('invalid_token');
    expect(
      (await post('/api/v1/auth/sign-in', { email: 'nieuw@example.test', password: 'nina her password' })).statusCode,
    ).toBe(200);
  });

  it('lets a person of another organisation join with their own password and switch between both', async () => {
    const other = await createOrgFixture(t.database.db, 'other');
    const person = other.people.member;
    const admin = await signIn(t.app, acme.people.admin.email);
    await post('/api/v1/invitations', { email: person.email, roles: ['manager'] }, admin);
    const token = tokenFromMail(t.mailer, person.email);
    expect((await post('/api/v1/auth/invitations/preview', { token })).json().existingAccount).toBe(true);

    const wrong = await post('/api/v1/auth/invitations/accept', { token, password: 'not my password' });
    expect(wrong.statusCode).toBe(401);
    const accept = await post('/api/v1/auth/invitations/accept', { token, password: TEST_PASSWORD });
    expect(accept.statusCode).toBe(200);
    expect(accept.json().organizations).toHaveLength(2);
    expect(accept.json().activeOrganization.id).toBe(acme.orgId);

    const cookie = cookieFrom(accept);
    const switched = await post('/api/v1/me/organization', { organizationId: other.orgId }, cookie);
    expect(switched.statusCode).toBe(200);
    expect(switched.json().member.roles).toEqual(['member']);
    const org = await t.app.inject({ method: 'GET', url: '/api/v1/organization', headers: { cookie } });
    expect(org.json().id).toBe(other.orgId);

    const foreign = await createOrgFixture(t.database.db, 'foreign');
    const refused = await post('/api/v1/me/organization', { organizationId: foreign.orgId }, cookie);
    expect(refused.statusCode).toBe(404);
  });

  it('a resent invitation makes the old link useless; a withdrawn one cannot be accepted', async () => {
    const admin = await signIn(t.app, acme.people.admin.email);
    const created = await post('/api/v1/invitations', { email: 'twice@example.test' }, admin);
    const firstToken = tokenFromMail(t.mailer, 'twice@example.test');
    const resent = await post(`/api/v1/invitations/${created.json().id}/resend`, {}, admin);
    expect(resent.statusCode).toBe(200);
    const secondToken = tokenFromMail(t.mailer, 'twice@example.test');
    expect(secondToken).not.toBe(firstToken);
    expect((await post('/api/v1/auth/invitations/preview', { token: firstToken })).statusCode).toBe(400);

    const withdrawn = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${created.json().id}`,
      headers: { cookie: admin },
    });
    expect(withdrawn.statusCode).toBe(204);
    const accept = await post('/api/v1/auth/invitations/accept', {
      token: secondToken,
      password: 'long enough password',
    });
    expect(accept.json().code).toBe('invalid_token');
  });

  it('an expired invitation says so', async () => {
    const admin = await signIn(t.app, acme.people.admin.email);
    const created = await post('/api/v1/invitations', { email: 'late@example.test' }, admin);
    const token = tokenFromMail(t.mailer, 'late@example.test');
    await t.database.pool.query(`update invitations set expires_at = now() - interval '1 minute' where id = $1`, [
      created.json().id,
    ]);
    const preview = await post('/api/v1/auth/invitations/preview', { token });
    expect(preview.statusCode).toBe(410);
    expect(preview.json().code).toBe('invitation_expired');
  });
});

describe('deactivation', () => {
  it('a deactivated member cannot sign in, loses their session, and their history stays', async () => {
    const f = await createOrgFixture(t.database.db, 'deact');
    const person = f.people.member;
    const session = await signIn(t.app, person.email);
    const admin = await signIn(t.app, f.people.admin.email);

    const response = await post(`/api/v1/members/${person.memberId}/deactivate`, {}, admin);
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('deactivated');

    expect((await t.app.inject({ method: 'GET', url: '/api/v1/teams', headers: { cookie: session } })).statusCode).toBe(
      401,
    );
    const again = await post('/api/v1/auth/sign-in', { email: person.email, password: TEST_PASSWORD });
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('account_deactivated');

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/members?status=deactivated',
      headers: { cookie: admin },
    });
    expect(list.json().items.map((m: { id: string }) => m.id)).toContain(person.memberId);

    expect((await post(`/api/v1/members/${person.memberId}/reactivate`, {}, admin)).statusCode).toBe(200);
    expect((await post('/api/v1/auth/sign-in', { email: person.email, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('the last active administrator cannot be deactivated or demoted', async () => {
    const f = await createOrgFixture(t.database.db, 'lastadmin');
    const admin = await signIn(t.app, f.people.admin.email);
    const deactivate = await post(`/api/v1/members/${f.people.admin.memberId}/deactivate`, {}, admin);
    expect(deactivate.statusCode).toBe(409);
    expect(deactivate.json().code).toBe('last_admin');
    const demote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${f.people.admin.memberId}`,
      payload: { roles: ['member'] },
      headers: { cookie: admin },
    });
    expect(demote.json().code).toBe('last_admin');
  });
});

describe('profile', () => {
  it('changes name and language; the language follows into error messages', async () => {
    const cookie = await signIn(t.app, acme.people.director.email);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { name: 'Dirk Directeur', language: 'en' },
      headers: { cookie },
    });
    expect(patched.json()).toMatchObject({ user: { name: 'Dirk Directeur', language: 'en' }, language: 'en' });
    const denied = await post('/api/v1/teams', { name: 'X' }, cookie);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().title).toBe('You are not allowed to do this.');
  });

  it('changes the password only with the current one', async () => {
    const f = await createOrgFixture(t.database.db, 'pw');
    const cookie = await signIn(t.app, f.people.member.email);
    const wrong = await post(
      '/api/v1/me/password',
      { currentPassword: 'nope', newPassword: 'a new long password' },
      cookie,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ path: 'body.currentPassword', code: 'invalid_credentials' });
    const ok = await post(
      '/api/v1/me/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'a new long password' },
      cookie,
    );
    expect(ok.statusCode).toBe(204);
    const renewed = cookieFrom(ok) || cookie;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: renewed } });
    expect(me.json().activeOrganization.id).toBe(f.orgId);
    expect(
      (await post('/api/v1/auth/sign-in', { email: f.people.member.email, password: 'a new long password' }))
        .statusCode,
    ).toBe(200);
  });
});

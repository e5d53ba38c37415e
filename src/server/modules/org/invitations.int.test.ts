import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { Invitation } from '../../../contracts/org.contract';

// Honest invitations: "sent" only when the mail really went; without SMTP the administrator gets the
// link to pass on (and only they, of their own organisation); the list names the chosen teams.

describe('without mail (no SMTP_URL)', () => {
  let t: TestApp;
  let f: OrgFixture;
  let other: OrgFixture;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { mailDelivers: false });
    f = await createOrgFixture(t.database.db, 'nomail');
    other = await createOrgFixture(t.database.db, 'nomail-other');
    admin = await signIn(t.app, f.people.admin.email);
  });
  afterAll(() => t.close());

  it('gives the administrator a link ready to share, says nothing was mailed, names the team; the link lets the person join', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      payload: { email: 'zonder@mail.test', name: 'Zoë Zondermail', teamIds: [f.teamId] },
      headers: { cookie: admin },
    });
    expect(created.statusCode, created.body).toBe(201);
    const invitation = created.json() as Invitation;
    expect(invitation.mailedAt).toBeNull();
    expect(invitation.link).toMatch(/^http:\/\/localhost:3000\/invite#token=[\w-]{40,}$/);
    expect(invitation.teams).toEqual([{ id: f.teamId, name: expect.any(String) }]);

    // The list gives the same link again (it is derived, never stored).
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/invitations', headers: { cookie: admin } })).json()
      .items as Invitation[];
    expect(list.find((i) => i.id === invitation.id)).toMatchObject({
      link: invitation.link,
      mailedAt: null,
      teams: invitation.teams,
    });

    const token = invitation.link!.split('#token=')[1];
    const preview = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitations/preview', payload: { token } });
    expect(preview.json()).toMatchObject({ email: 'zonder@mail.test', name: 'Zoë Zondermail' });

    // A new link (resend) replaces the old one: the old token no longer works.
    const resent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${invitation.id}/resend`,
      headers: { cookie: admin },
    });
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json().link).not.toBe(invitation.link);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitations/preview', payload: { token } })).statusCode,
    ).toBe(400);
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token: resent.json().link.split('#token=')[1], password: 'zoë kiest goed' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().member.teams.map((x: { id: string }) => x.id)).toEqual([f.teamId]);
  });

  it('shows the link to no one but the administrators of that organisation', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      payload: { email: 'geheim@mail.test' },
      headers: { cookie: admin },
    });
    for (const who of ['member', 'manager', 'director'] as const) {
      const cookie = await signIn(t.app, f.people[who].email);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/invitations', headers: { cookie } })).statusCode).toBe(
        403,
      );
    }
    const otherAdmin = await signIn(t.app, other.people.admin.email);
    const theirs = (
      await t.app.inject({ method: 'GET', url: '/api/v1/invitations', headers: { cookie: otherAdmin } })
    ).json().items as Invitation[];
    expect(theirs).toEqual([]);
    // The mail still went to the log for whoever runs the server, but no e-mail was claimed as sent.
    expect(t.mailer.outbox.some((m) => m.to === 'geheim@mail.test')).toBe(true);
  });
});

describe('with mail', () => {
  let t: TestApp;
  let f: OrgFixture;

  beforeAll(async () => {
    t = await createTestApp();
    f = await createOrgFixture(t.database.db, 'mail');
  });
  afterAll(() => t.close());

  it('records when it was sent and shows no link', async () => {
    const admin = await signIn(t.app, f.people.admin.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      payload: { email: 'met@mail.test', teamIds: [f.teamId] },
      headers: { cookie: admin },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ link: null, mailedAt: expect.any(String) });
    expect(t.mailer.outbox.filter((m) => m.to === 'met@mail.test')).toHaveLength(1);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/invitations', headers: { cookie: admin } })).json()
      .items as Invitation[];
    expect(list[0]).toMatchObject({ link: null, mailedAt: expect.any(String) });
  });
});

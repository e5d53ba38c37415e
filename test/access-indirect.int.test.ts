import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFixturePerson, createOrgFixture, type OrgFixture } from './helpers/fixtures';
import { createTestApp, signIn, type TestApp } from './helpers/test-app';

// Rights reached indirectly, which the route table's tests do not reach: through an API key's maker, a
// new way in for someone else, and texts of extras kept out of the feed shown in other screens.

let t: TestApp;
let a: OrgFixture;

beforeAll(async () => {
  t = await createTestApp();
  a = await createOrgFixture(t.database.db, 'indirect');
});
afterAll(() => t.close());

const logExtra = async (cookie: string, occasion: string) => {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/extras',
    payload: { occasion, action: 'Koffie', kind: 'time', costCents: 0, minutes: 5 },
    headers: { cookie },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};

describe('API keys', () => {
  it('a key with the member role does not get the manager powers of the administrator who made it', async () => {
    // A small organisation: the administrator also manages a team.
    const bossAdmin = await addFixturePerson(t.database.db, a, 'boss-admin', ['admin'], a.teamId, true);
    const adminCookie = await signIn(t.app, bossAdmin.email);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'Alleen lid', role: 'member', expiresInDays: 1 },
      headers: { cookie: adminCookie },
    });
    expect(made.statusCode, made.body).toBe(201);
    const authorization = `Bearer ${made.json().key}`;
    const memberCookie = await signIn(t.app, a.people.member.email);
    const extraId = await logExtra(memberCookie, 'Prive van het lid');
    // The member keeps this one out of the feed: only they, their manager and a director may read it.
    const kept = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/extras/${extraId}/feed`,
      payload: { inFeed: false },
      headers: { cookie: memberCookie },
    });
    expect(kept.statusCode, kept.body).toBe(204);
    const inFeed = await logExtra(memberCookie, 'In de feed');
    const comment = await t.app.inject({
      method: 'POST',
      url: `/api/v1/feed/${inFeed}/comments`,
      payload: { body: 'Mooi gedaan' },
      headers: { cookie: memberCookie },
    });
    expect(comment.statusCode, comment.body).toBe(201);
    const commentId = comment.json().comments.at(-1).id as string;

    // A member sees only their own extras: the team's list is for its managers.
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/extras?scope=team', headers: { authorization } });
    expect(list.statusCode, list.body).toBe(403);
    // A colleague's extra, kept out of the feed, is not for a member.
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/extras/${extraId}`, headers: { authorization } });
    expect(one.statusCode, one.body).toBe(404);
    // A member removes only their own comments.
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/feed/${inFeed}/comments/${commentId}`,
      headers: { authorization },
    });
    expect(removed.statusCode, removed.body).toBe(403);
  });
});

describe('an extra kept out of the feed', () => {
  it('its words are not suggested to a colleague on the log form (GET /extras/suggestions)', async () => {
    const author = await signIn(t.app, a.people.member.email);
    const secret = 'Weduwe Prinsen huilde om haar overleden man';
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/extras',
      payload: {
        occasion: secret,
        action: 'Troostend gesprek met mevrouw Prinsen',
        kind: 'time',
        costCents: 0,
        minutes: 5,
        inFeed: false,
      },
      headers: { cookie: author },
    });
    expect(r.statusCode, r.body).toBe(201);
    const colleague = await addFixturePerson(t.database.db, a, 'colleague-sugg', ['member'], a.teamId, false);
    const suggestions = await t.app.inject({
      method: 'GET',
      url: '/api/v1/extras/suggestions',
      headers: { cookie: await signIn(t.app, colleague.email) },
    });
    expect(suggestions.statusCode).toBe(200);
    expect(suggestions.body).not.toContain('Prinsen');
  });

  it('its occasion is not shown to the whole organisation as an example in what works (GET /what-works)', async () => {
    const author = await signIn(t.app, a.people.member.email);
    const log = async (occasion: string, inFeed: boolean) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/extras',
        payload: { occasion, action: 'Iets gedaan', kind: 'time', costCents: 0, minutes: 5, reactionScore: 4, inFeed },
        headers: { cookie: author },
      });
      expect(r.statusCode, r.body).toBe(201);
    };
    for (let i = 1; i <= 5; i++) await log(`Zwanger van tweeling verteld ${i}`, false);
    for (let i = 1; i <= 5; i++) await log(`Fiets lekke band ${i}`, true);
    // Someone of the other team, org-wide.
    const works = await t.app.inject({
      method: 'GET',
      url: '/api/v1/what-works',
      headers: { cookie: await signIn(t.app, a.outsider.email) },
    });
    expect(works.statusCode, works.body).toBe(200);
    expect(works.body).toContain('Fiets lekke band'); // the examples are there ...
    expect(works.body).not.toContain('Zwanger van tweeling'); // ... but not the kept-out ones
  });
});

describe('sign-in codes', () => {
  it('a manager cannot replace the card of a director in their team and sign in as that director', async () => {
    const admin = await signIn(t.app, a.people.admin.email);
    const manager = await signIn(t.app, a.people.manager.email);
    // A shift lead without an e-mail address, in the manager's team, made a director by the administrator.
    const card = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sign-in-codes',
      payload: { name: 'Ploegleider zonder mail', teamId: a.teamId },
      headers: { cookie: admin },
    });
    expect(card.statusCode, card.body).toBe(201);
    const memberId = card.json().memberId as string;
    const promoted = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${memberId}`,
      payload: { roles: ['director'] },
      headers: { cookie: admin },
    });
    expect(promoted.statusCode, promoted.body).toBe(200);

    const replaced = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sign-in-codes/${memberId}/replace`,
      headers: { cookie: manager },
    });
    // With a new card the manager could sign in as the director: refused, and the card is not replaced.
    expect(replaced.statusCode, replaced.body).toBe(403);
    const byAdmin = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sign-in-codes/${memberId}/replace`,
      headers: { cookie: admin },
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
  });

  it('a manager cannot issue a counter PIN for a director in their team and act as them at the counter', async () => {
    const manager = await signIn(t.app, a.people.manager.email);
    const director = await addFixturePerson(t.database.db, a, 'director-in-team', ['director'], a.teamId, false);
    const pin = await t.app.inject({
      method: 'POST',
      url: `/api/v1/members/${director.memberId}/counter-pin`,
      headers: { cookie: manager },
    });
    expect(pin.statusCode, pin.body).toBe(403);
    // A plain member of the team still gets one from their manager.
    const forMember = await t.app.inject({
      method: 'POST',
      url: `/api/v1/members/${a.people.member.memberId}/counter-pin`,
      headers: { cookie: manager },
    });
    expect(forMember.statusCode, forMember.body).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';

// After an administrator erases a person who left, their name must not stay visible
// to others (README: "name, e-mail address, sign-in, notes of their conversations and their notices go";
// privacy.service.ts: "their name where it was copied (notices of others ...)").

let t: TestApp;
let f: OrgFixture;

beforeAll(async () => {
  t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: '1' }); // only so the test can register an address
  f = await createOrgFixture(t.database.db, 'erasure-leaks');
});
afterAll(async () => {
  await t.close();
});

const as = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { cookie } });

describe('erasing a person who left: their name goes from what others still hold', () => {
  it('the thanks notice a colleague received no longer names the erased thanker', async () => {
    const leaver = await addFixturePerson(t.database.db, f, 'thanker', ['member'], f.teamId, false);
    const leaverCookie = await signIn(t.app, leaver.email);
    const admin = await signIn(t.app, f.people.admin.email);
    const member = await signIn(t.app, f.people.member.email);

    const thanked = await as(leaverCookie, 'POST', '/thanks', {
      toMemberId: f.people.member.memberId,
      words: 'Dank voor het overnemen van mijn dienst',
    });
    expect(thanked.statusCode, thanked.body).toBe(201);
    expect((await as(member, 'GET', '/notifications')).body).toContain(leaver.name);

    expect((await as(admin, 'POST', `/members/${leaver.memberId}/deactivate`)).statusCode).toBe(200);
    const erased = await as(admin, 'POST', `/members/${leaver.memberId}/erase`);
    expect(erased.statusCode, erased.body).toBe(200);

    // The colleague's notices still say "<name> thanked you" (data.fromName), as the notice has no memberId.
    expect((await as(member, 'GET', '/notifications')).body).not.toContain(leaver.name);
  });

  it('a webhook delivery still pending at the erasure no longer carries the erased person’s name', async () => {
    const leaver = await addFixturePerson(t.database.db, f, 'hooked', ['member'], f.teamId, false);
    const leaverCookie = await signIn(t.app, leaver.email);
    const admin = await signIn(t.app, f.people.admin.email);
    const hook = await as(admin, 'POST', '/webhooks', {
      name: 'Teamkanaal',
      url: 'http://127.0.0.1:9/hook',
      events: ['thanks.given'],
    });
    expect(hook.statusCode, hook.body).toBe(201);

    const thanked = await as(leaverCookie, 'POST', '/thanks', {
      toTeamId: f.teamId,
      words: 'Dank team, jullie waren geweldig',
    });
    expect(thanked.statusCode, thanked.body).toBe(201);
    // Keep it pending (as when the receiver is down and the delivery job retries later).
    await t.database.pool.query(`update webhook_deliveries set status = 'pending' where endpoint_id = $1`, [
      hook.json().id,
    ]);

    expect((await as(admin, 'POST', `/members/${leaver.memberId}/deactivate`)).statusCode).toBe(200);
    const erased = await as(admin, 'POST', `/members/${leaver.memberId}/erase`);
    expect(erased.statusCode, erased.body).toBe(200);

    const { rows } = await t.database.pool.query(
      `select data::text as data from webhook_deliveries where endpoint_id = $1 and status = 'pending'`,
      [hook.json().id],
    );
    expect(rows.length).toBeGreaterThan(0);
    // Sent to the outside address after the erasure: {"from": "<name>", ...}
    for (const r of rows) expect(r.data).not.toContain(leaver.name);
  });

  it('the guideline notice the manager received no longer names the erased promise maker', async () => {
    const leaver = await addFixturePerson(t.database.db, f, 'promiser', ['member'], f.teamId, false);
    const leaverCookie = await signIn(t.app, leaver.email);
    const admin = await signIn(t.app, f.people.admin.email);
    const manager = await signIn(t.app, f.people.manager.email);
    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const made = await as(leaverCookie, 'POST', '/promises', {
      customer: { name: 'Familie Erasure', contactPerson: 'Mevrouw Jansen', segment: 'groepen' },
      what: 'Groepsboeking buiten het profiel',
      dueDate: day,
      offeringId: null,
      ownerTeamId: f.teamId,
      conditionsMet: [],
      steps: [{ teamId: f.teamId, what: 'Zaal regelen', dueDate: day }],
      breachReason: 'Vaste klant',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect((await as(manager, 'GET', '/notifications')).body).toContain(leaver.name);

    expect((await as(admin, 'POST', `/members/${leaver.memberId}/deactivate`)).statusCode).toBe(200);
    const erased = await as(admin, 'POST', `/members/${leaver.memberId}/erase`);
    expect(erased.statusCode, erased.body).toBe(200);

    // 'promise_breaks_guideline' keeps data.memberName (it has no memberId, so the erasure misses it).
    expect((await as(manager, 'GET', '/notifications')).body).not.toContain(leaver.name);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiMethod, apiCaller } from '../../../../test/helpers/api-call';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';

let t: TestApp;
let f: OrgFixture;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'org');
  admin = await signIn(t.app, f.people.admin.email);
});
afterAll(() => t.close());

const send = apiCaller(
  () => t.app,
  (cookie: string) => cookie,
  '',
);
const call = (method: ApiMethod, url: string, payload?: object, cookie = admin) => send(cookie, method, url, payload);

describe('organisation settings', () => {
  it('the administrator renames the organisation and sets its language and time zone; members only read', async () => {
    const patched = await call('PATCH', '/api/v1/organization', {
      name: 'Hotel Nieuw',
      defaultLanguage: 'en',
      timeZone: 'Europe/Brussels',
    });
    expect(patched.json()).toMatchObject({
      name: 'Hotel Nieuw',
      defaultLanguage: 'en',
      timeZone: 'Europe/Brussels',
      currency: 'EUR',
    });
    const member = await signIn(t.app, f.people.member.email);
    expect((await call('GET', '/api/v1/organization', undefined, member)).json().name).toBe('Hotel Nieuw');
    expect((await call('PATCH', '/api/v1/organization', { name: 'Mine' }, member)).statusCode).toBe(403);
    const badZone = await call('PATCH', '/api/v1/organization', { timeZone: 'Mars/Olympus' });
    expect(badZone.statusCode).toBe(400);
    const otherCurrency = await call('PATCH', '/api/v1/organization', { currency: 'USD' });
    expect(otherCurrency.statusCode).toBe(400);
  });
});

describe('members', () => {
  it('lists members with their teams, filters by status and searches by name or address', async () => {
    const all = (await call('GET', '/api/v1/members')).json().items;
    expect(all).toHaveLength(6);
    const manager = all.find((m: { id: string }) => m.id === f.people.manager.memberId);
    expect(manager.teams).toEqual([{ id: f.teamId, name: 'Team org', isManager: true }]);
    const found = (await call('GET', `/api/v1/members?q=${encodeURIComponent('director')}`)).json().items;
    expect(found.map((m: { id: string }) => m.id)).toEqual([f.people.director.memberId]);
    const pct = (await call('GET', `/api/v1/members?q=${encodeURIComponent('%')}`)).json().items;
    expect(pct).toHaveLength(0);
  });

  it('changes roles and job title, and keeps an audit entry', async () => {
    const response = await call('PATCH', `/api/v1/members/${f.people.member.memberId}`, {
      roles: ['member', 'manager', 'member'],
      jobTitle: 'Gastvrouw',
    });
    expect(response.json()).toMatchObject({ roles: ['member', 'manager'], jobTitle: 'Gastvrouw' });
    const { rows } = await t.database.pool.query(`select action from audit_log where org_id = $1 and subject_id = $2`, [
      f.orgId,
      f.people.member.memberId,
    ]);
    expect(rows.map((r) => r.action)).toContain('member.updated');
  });

  it('refuses an unknown role and an empty role list', async () => {
    expect((await call('PATCH', `/api/v1/members/${f.people.member.memberId}`, { roles: ['king'] })).statusCode).toBe(
      400,
    );
    expect((await call('PATCH', `/api/v1/members/${f.people.member.memberId}`, { roles: [] })).statusCode).toBe(400);
  });

  it('refuses to invite someone who is already an active member', async () => {
    const response = await call('POST', '/api/v1/invitations', { email: f.people.director.email });
    expect(response.statusCode).toBe(409);
  });
});

describe('teams', () => {
  it('creates a team, adds members, makes one its manager, takes one out, renames and archives it', async () => {
    const created = await call('POST', '/api/v1/teams', { name: 'Nachtdienst', description: 'De nacht door' });
    expect(created.statusCode).toBe(201);
    const teamId = created.json().id;

    await call('PUT', `/api/v1/teams/${teamId}/members/${f.people.member.memberId}`, { isManager: false });
    const withManager = await call('PUT', `/api/v1/teams/${teamId}/members/${f.people.manager.memberId}`, {
      isManager: true,
    });
    expect(withManager.json().memberCount).toBe(2);
    expect(withManager.json().managers.map((m: { id: string }) => m.id)).toEqual([f.people.manager.memberId]);

    const removed = await call('DELETE', `/api/v1/teams/${teamId}/members/${f.people.member.memberId}`);
    expect(removed.json().members.map((m: { id: string }) => m.id)).toEqual([f.people.manager.memberId]);

    const renamed = await call('PATCH', `/api/v1/teams/${teamId}`, { name: 'Nachtploeg' });
    expect(renamed.json().name).toBe('Nachtploeg');

    const member = await signIn(t.app, f.people.member.email);
    const seen = (await call('GET', '/api/v1/teams', undefined, member))
      .json()
      .items.map((x: { name: string }) => x.name);
    expect(seen).toContain('Nachtploeg');

    expect((await call('DELETE', `/api/v1/teams/${teamId}`)).statusCode).toBe(204);
    const after = (await call('GET', '/api/v1/teams')).json().items.map((x: { id: string }) => x.id);
    expect(after).not.toContain(teamId);
    expect((await call('GET', `/api/v1/teams/${teamId}`)).statusCode).toBe(404);
  });

  it('refuses a second team with the same name', async () => {
    await call('POST', '/api/v1/teams', { name: 'Keuken' });
    const again = await call('POST', '/api/v1/teams', { name: 'keuken' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('conflict');
  });

  it('a member may be in several teams', async () => {
    await call('PUT', `/api/v1/teams/${f.otherTeamId}/members/${f.people.member.memberId}`, { isManager: false });
    const member = (await call('GET', `/api/v1/members/${f.people.member.memberId}`)).json();
    expect(member.teams.map((x: { id: string }) => x.id).sort()).toEqual([f.teamId, f.otherTeamId].sort());
  });
});

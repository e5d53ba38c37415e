import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, TEST_PASSWORD, type TestApp } from '../../../../test/helpers/test-app';
import type { MyDataExport } from '../../../contracts/privacy.contract';
import { addDays, localDay } from '../../lib/days';
import { pseudonymiseOldCustomers } from './retention';

// The right of access: a person downloads everything their organisation holds about them — their own
// extras and what customers said of them, notes about them, their needs and rounds of core questions —
// and nothing of colleagues, customers' contact details, anonymous answers, or another organisation.

let t: TestApp;
let f: OrgFixture;
let other: OrgFixture;
type Who = 'member' | 'colleague' | 'manager' | 'director' | 'otherOrg';
const cookie = {} as Record<Who, string>;

const MINE = 'Gast vergat zijn oplader, ik leende de mijne';
const COLLEAGUES = 'Collega bracht koffie naar de lobby';
const SECRET_ANSWER = 'Mijn leidinggevende luistert nooit';
const NOTE = 'Afgesproken: volgende week samen de balie inrichten';

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'privacy');
  other = await createOrgFixture(t.database.db, 'privacy-other');
  for (const who of ['member', 'manager', 'director'] as const) cookie[who] = await signIn(t.app, f.people[who].email);
  cookie.colleague = await signIn(
    t.app,
    (await addFixturePerson(t.database.db, f, 'colleague', ['member'], f.teamId, false)).email,
  );
  cookie.otherOrg = await signIn(t.app, other.people.member.email);
});
afterAll(async () => {
  if (process.env.SHOW_ERRORS) console.log(t.logs.filter((l) => l.includes('"level":50')).join('\n'));
  await t.close();
});

const call = apiCaller(() => t.app, cookie);
const extra = (occasion: string) => ({ occasion, action: 'Geholpen', kind: 'time', costCents: 0, minutes: 5 });

describe('downloading my data', () => {
  it('holds what is mine and about me, and nothing of colleagues, customers’ contact details or anonymous answers', async () => {
    const mine = await call('member', 'POST', '/extras', { ...extra(MINE), reactionText: 'Blij', reactionScore: 4 });
    expect(mine.statusCode, mine.body).toBe(201);
    expect((await call('colleague', 'POST', '/extras', extra(COLLEAGUES))).statusCode).toBe(201);
    // A customer reacts to my extra and leaves contact details for a follow-up.
    const link = (await call('member', 'POST', `/extras/${mine.json().id}/voice-link`)).json();
    const reacted = await t.app.inject({
      method: 'POST',
      url: new URL(link.url).pathname,
      payload: new URLSearchParams({
        score: '5',
        comment: 'Heel attent',
        contact: 'yes',
        email: 'klant@example.test',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reacted.statusCode).toBe(303);
    const noted = await call('manager', 'POST', `/teams/${f.teamId}/conversation/notes`, {
      memberId: f.people.member.memberId,
      body: NOTE,
    });
    expect(noted.statusCode, noted.body).toBe(201);
    expect(
      (
        await call('member', 'POST', '/needs', {
          what: 'Een tweede oplader aan de balie',
          forWhom: 'Gasten',
          whyNow: 'Vaak gevraagd',
        })
      ).statusCode,
    ).toBe(201);
    // A round of core questions, answered with an open text: anonymous, so never in anyone's file.
    const today = localDay('Europe/Amsterdam');
    const round = await call('director', 'POST', '/campaigns', {
      title: 'Kernvragen winter',
      opensOn: today,
      closesOn: addDays(today, 14),
      audience: { all: true, teamIds: [], roles: [] },
      reminderDays: [],
      questionKeys: ['cooperation.improve'],
    });
    expect(round.statusCode, round.body).toBe(201);
    const questionId = round.json().questions[0].id;
    const answered = await call('member', 'PUT', `/campaigns/${round.json().id}/answers`, {
      answers: [{ questionId, text: SECRET_ANSWER }],
    });
    expect(answered.statusCode, answered.body).toBe(200);

    // A comment on a step of a promise I made.
    const promise = await call('member', 'POST', '/promises', {
      customer: { name: 'Familie Ooms' },
      what: 'Late check-out',
      dueDate: addDays(today, 5),
      offeringId: null,
      breachReason: 'Vaste gast',
      ownerTeamId: f.otherTeamId,
      steps: [{ teamId: f.otherTeamId, what: 'Kamer later schoonmaken', dueDate: addDays(today, 5) }],
    });
    expect(promise.statusCode, promise.body).toBe(201);
    const commented = await call(
      'member',
      'POST',
      `/promises/${promise.json().id}/steps/${promise.json().steps[0].id}/comments`,
      { body: 'Graag na 14 uur' },
    );
    expect(commented.statusCode, commented.body).toBe(201);

    const response = await call('member', 'GET', '/me/export');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="klantwerk-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const file = response.json() as MyDataExport;
    expect(file.person).toMatchObject({ name: f.people.member.name, email: f.people.member.email });
    expect(file.person.teams).toEqual([{ team: expect.any(String), is_manager: false }]);
    expect(file.extras.map((e) => e.occasion)).toEqual([MINE]);
    expect(file.customerReactions).toEqual([expect.objectContaining({ score: 5, comment: 'Heel attent' })]);
    // The reaction given when logging, then the customer's own.
    expect(file.extraReactionHistory.map((r) => [r.reaction_text, r.reaction_score, r.source])).toEqual([
      ['Blij', 4, 'member'],
      ['Heel attent', 5, 'customer'],
    ]);
    expect(file.conversationNotesAboutMe).toEqual([
      expect.objectContaining({ body: NOTE, manager: f.people.manager.name }),
    ]);
    expect(file.needsRaised.map((n) => n.what)).toEqual(['Een tweede oplader aan de balie']);
    expect(file.stepCommentsWritten.map((c) => c.body)).toEqual(['Graag na 14 uur']);
    expect(file.coreQuestionRounds.map((r) => r.campaign)).toEqual(['Kernvragen winter']);
    expect(file.activity.map((a) => a.action)).toContain('need.raised');

    const text = response.body;
    expect(text).not.toContain(COLLEAGUES);
    expect(text).not.toContain('klant@example.test');
    expect(text).not.toContain(SECRET_ANSWER);
    expect(text).not.toContain(f.orgId);
    expect(text).not.toContain('password');

    // Taking the file is itself recorded.
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'member.data_exported' and actor_member_id = $1`,
      [f.people.member.memberId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('holds the reaction given when logging an extra, also while it was never changed', async () => {
    const logged = await call('colleague', 'POST', '/extras', { ...extra('Jas nagebracht'), reactionScore: 5 });
    expect(logged.statusCode, logged.body).toBe(201);
    const file = (await call('colleague', 'GET', '/me/export')).json() as MyDataExport;
    expect(file.extraReactionHistory).toEqual([
      expect.objectContaining({ extra_id: logged.json().id, reaction_text: null, reaction_score: 5, source: 'member' }),
    ]);
  });

  it('is one organisation at a time: a person of another organisation gets only theirs', async () => {
    const response = await call('otherOrg', 'GET', '/me/export');
    expect(response.statusCode).toBe(200);
    const file = response.json() as MyDataExport;
    expect(file.organization.name).not.toBe((await call('member', 'GET', '/me/export')).json().organization.name);
    expect(file.extras).toEqual([]);
    expect(response.body).not.toContain(MINE);
    expect(response.body).not.toContain(NOTE);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/export' })).statusCode).toBe(401);
  });
});

describe('an administrator taking someone’s file', () => {
  it('is refused while the person still works here: they download their own, and a manager’s notes stay between the two', async () => {
    const colleague = await addFixturePerson(t.database.db, f, 'stayer', ['member'], f.teamId, false);
    const note = 'Gesprek over haar twijfels bij de nieuwe rooster';
    expect(
      (
        await call('manager', 'POST', `/teams/${f.teamId}/conversation/notes`, {
          memberId: colleague.memberId,
          body: note,
        })
      ).statusCode,
    ).toBe(201);
    const admin = await signIn(t.app, f.people.admin.email);

    // The attack: an administrator asks for an active member's file, notes of conversations included.
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/members/${colleague.memberId}/export`,
      headers: { cookie: admin },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('member_not_left');
    expect(response.body).not.toContain(note);
    // Nothing was taken, so nothing is recorded as taken.
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n from audit_log where action = 'member.data_exported' and subject_id = $1`,
      [colleague.memberId],
    );
    expect(rows[0].n).toBe(0);
    // The person themself still takes theirs, notes included.
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/export',
      headers: { cookie: await signIn(t.app, colleague.email) },
    });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(note);
  });

  it('leaves out what would tell the administrator whether the person answered a round of core questions', async () => {
    const leaver = await addFixturePerson(t.database.db, f, 'reminded', ['member'], f.teamId, false);
    const leaverCookie = await signIn(t.app, leaver.email);
    // A reminder notice (older versions of the reminders left one only for who had not answered yet).
    await t.database.pool.query(
      `insert into notifications (org_id, member_id, kind, data) values ($1, $2, 'campaign_reminder', '{"title":"Kernvragen lente"}'), ($1, $2, 'campaign_open', '{"title":"Kernvragen lente"}')`,
      [f.orgId, leaver.memberId],
    );
    const own = (
      await t.app.inject({ method: 'GET', url: '/api/v1/me/export', headers: { cookie: leaverCookie } })
    ).json() as MyDataExport;
    expect(own.notifications.map((n) => n.kind).sort()).toEqual(['campaign_open', 'campaign_reminder']);

    const admin = await signIn(t.app, f.people.admin.email);
    const as = (method: 'GET' | 'POST', url: string) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: admin } });
    expect((await as('POST', `/members/${leaver.memberId}/deactivate`)).statusCode).toBe(200);
    const taken = await as('GET', `/members/${leaver.memberId}/export`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect((taken.json() as MyDataExport).notifications.map((n) => n.kind)).toEqual(['campaign_open']);
    expect(taken.body).not.toContain('campaign_reminder');
  });
});

describe('erasing a person who left', () => {
  it('keeps what the organisation keeps under a nameless placeholder, and removes the person', async () => {
    const leaver = await addFixturePerson(t.database.db, f, 'leaver', ['member'], f.teamId, false);
    const leaverCookie = await signIn(t.app, leaver.email);
    const admin = await signIn(t.app, f.people.admin.email);
    const as = (c: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { cookie: c } });

    const story = 'Gast kreeg een late check-out voor zijn vlucht';
    const logged = await as(leaverCookie, 'POST', '/extras', {
      ...extra(story),
      kind: 'gift',
      costCents: 500,
      aboveMandateReason: 'vlucht om middernacht',
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(
      (
        await call('manager', 'POST', `/teams/${f.teamId}/conversation/notes`, {
          memberId: leaver.memberId,
          body: 'Gesprek over vertrek',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await as(leaverCookie, 'POST', '/needs', {
          what: 'Een laadpaal voor gasten',
          forWhom: 'Gasten',
          whyNow: 'Elektrische auto’s',
        })
      ).statusCode,
    ).toBe(201);
    const told = (await call('manager', 'GET', '/notifications')).json().items as { data: { memberName?: string } }[];
    expect(told.some((n) => n.data.memberName === leaver.name)).toBe(true);

    // Only someone deactivated can be erased; not by a director; not from another organisation.
    const early = await as(admin, 'POST', `/members/${leaver.memberId}/erase`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('member_active');
    expect((await as(admin, 'POST', `/members/${leaver.memberId}/deactivate`)).statusCode).toBe(200);

    // An administrator answers the request of someone who left: their file, taken on their behalf.
    const file = await as(admin, 'GET', `/members/${leaver.memberId}/export`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.json().extras.map((e: { occasion: string }) => e.occasion)).toEqual([story]);
    expect((await call('director', 'GET', `/members/${leaver.memberId}/export`)).statusCode).toBe(403);
    // Taking it is written down where the person would read who looked at what of theirs.
    const views = `select viewer_id, view from member_figure_views where member_id = $1`;
    expect((await t.database.pool.query(views, [leaver.memberId])).rows).toEqual([
      { viewer_id: f.people.admin.memberId, view: 'data_file' },
    ]);
    expect((await call('director', 'POST', `/members/${leaver.memberId}/erase`)).statusCode).toBe(403);
    const otherAdmin = await signIn(t.app, other.people.admin.email);
    expect((await as(otherAdmin, 'POST', `/members/${leaver.memberId}/erase`)).statusCode).toBe(404);

    const erased = await as(admin, 'POST', `/members/${leaver.memberId}/erase`);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({
      name: 'Oud-collega',
      email: '',
      jobTitle: null,
      teams: [],
      erasedAt: expect.any(String),
    });

    // The person is gone: not in the member list, nor in notices, and they cannot sign in.
    const everyone = await as(admin, 'GET', '/members?status=all');
    expect(everyone.body).not.toContain(leaver.email);
    expect(everyone.body).not.toContain(leaver.name);
    const notices = await call('manager', 'GET', '/notifications');
    expect(notices.body).not.toContain(leaver.name);
    const signInAgain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: leaver.email, password: TEST_PASSWORD },
    });
    expect(signInAgain.statusCode).toBe(401);
    const { rows: left } = await t.database.pool.query(
      `select (select count(*)::int from auth_user where email = $1) as users,
              (select count(*)::int from conversation_notes where member_id = $2) as notes`,
      [leaver.email, leaver.memberId],
    );
    expect(left[0]).toEqual({ users: 0, notes: 0 });
    expect((await t.database.pool.query(views, [leaver.memberId])).rows).toEqual([]);

    // What the organisation keeps stays: the story and the need, now by a former colleague.
    const teamExtras = (await call('manager', 'GET', '/extras?scope=team')).json().items as {
      occasion: string;
      member: { name: string };
    }[];
    expect(teamExtras.find((e) => e.occasion === story)?.member.name).toBe('Oud-collega');
    expect((await call('director', 'GET', '/needs')).body).toContain('Een laadpaal voor gasten');

    // Nothing more to do with them.
    expect((await as(admin, 'POST', `/members/${leaver.memberId}/reactivate`)).json().code).toBe('member_erased');
    expect((await as(admin, 'POST', `/members/${leaver.memberId}/erase`)).json().code).toBe('member_erased');
  });
});

describe('customers’ names', () => {
  let offeringId: string;
  beforeAll(async () => {
    const made = await call('director', 'POST', '/offerings', { name: 'Kamerwissel' });
    expect(made.statusCode, made.body).toBe(201);
    offeringId = made.json().id;
  });
  const today = () => localDay('Europe/Amsterdam');
  async function promiseFor(name: string) {
    const made = await call('member', 'POST', '/promises', {
      customer: { name, contactPerson: 'Mevrouw Jansen', segment: 'groepen' },
      what: 'Kamer aan de tuinkant bij de volgende boeking',
      dueDate: addDays(today(), 10),
      offeringId,
      ownerTeamId: f.teamId,
      conditionsMet: [],
      steps: [{ teamId: f.otherTeamId, what: 'Kamer klaarzetten', dueDate: addDays(today(), 9) }],
    });
    expect(made.statusCode, made.body).toBe(201);
    return made.json() as { id: string; customer: { id: string } };
  }
  const detail = async (id: string) => (await call('member', 'GET', `/promises/${id}`)).json();

  it('are forgotten on request by a manager: a code in every promise, and gone as an extra’s reference', async () => {
    const promise = await promiseFor('Familie Verbeek');
    const named = await call('member', 'POST', '/extras', {
      ...extra('Familie Verbeek vierde hun jubileum'),
      customerRef: 'familie verbeek',
    });
    const unrelated = await call('member', 'POST', '/extras', {
      ...extra('Vaste gast vroeg om extra kussens'),
      customerRef: 'Dhr. Smit',
    });
    expect(named.statusCode).toBe(201);

    expect((await call('member', 'POST', `/customers/${promise.customer.id}/forget`)).statusCode).toBe(403);
    expect((await call('otherOrg', 'POST', `/customers/${promise.customer.id}/forget`)).statusCode).toBe(403);
    const otherAdmin = await signIn(t.app, other.people.admin.email);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/customers/${promise.customer.id}/forget`,
          headers: { cookie: otherAdmin },
        })
      ).statusCode,
    ).toBe(404);
    expect((await call('manager', 'POST', `/customers/${promise.customer.id}/forget`)).statusCode).toBe(204);

    const after = await detail(promise.id);
    expect(after.customer).toMatchObject({ contactPerson: null, segment: 'groepen', pseudonymised: true });
    expect(after.customer.name).toMatch(/^Klant [0-9A-F]{6}$/);
    expect(after.what).toBe('Kamer aan de tuinkant bij de volgende boeking');
    expect((await call('member', 'GET', `/extras/${named.json().id}`)).json().customerRef).toBeNull();
    expect((await call('member', 'GET', `/extras/${unrelated.json().id}`)).json().customerRef).toBe('Dhr. Smit');
    expect((await call('member', 'GET', '/customers?q=Verbeek')).json().items).toEqual([]);
    const { rows } = await t.database.pool.query(`select action, data from audit_log where subject_id = $1`, [
      promise.customer.id,
    ]);
    expect(rows).toEqual([{ action: 'customer.forgotten', data: {} }]);
  });

  it('are pseudonymised by the sweep once the organisation’s retention has passed since their last promise', async () => {
    expect((await call('director', 'PATCH', '/organization', { customerKeepDays: 60 })).statusCode).toBe(403);
    const admin = await signIn(t.app, f.people.admin.email);
    const patch = (days: number) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/v1/organization',
        payload: { customerKeepDays: days },
        headers: { cookie: admin },
      });
    expect((await patch(20)).statusCode).toBe(400);
    expect((await patch(60)).json().customerKeepDays).toBe(60);

    const done = await promiseFor('Familie De Boer');
    const open = await promiseFor('Familie Mulder');
    const recent = await promiseFor('Familie Bos');
    const { pool } = t.database;
    // De Boer's promise was delivered 70 days ago; Mulder's is still open although made 70 days ago;
    // Bos was delivered yesterday. Only De Boer is past the 60 days.
    await pool.query(`update customers set created_at = now() - interval '70 days' where id = any($1)`, [
      [done.customer.id, open.customer.id, recent.customer.id],
    ]);
    await pool.query(
      `update promises set due_date = current_date - 70, delivered_on = current_date - 70, outcome = 'kept', updated_at = now() - interval '70 days' where id = $1`,
      [done.id],
    );
    await pool.query(
      `update promises set due_date = current_date - 70, updated_at = now() - interval '70 days' where id = $1`,
      [open.id],
    );
    await pool.query(
      `update promises set delivered_on = current_date - 1, outcome = 'kept', updated_at = now() - interval '70 days' where id = $1`,
      [recent.id],
    );
    const oldStory = await call('member', 'POST', '/extras', {
      ...extra('Familie De Boer kreeg een fles wijn'),
      customerRef: 'Familie De Boer',
    });
    await pool.query(`update extras set occurred_at = now() - interval '61 days' where id = $1`, [oldStory.json().id]);

    const swept = await pseudonymiseOldCustomers(t.database.db);
    expect(swept).toEqual({ customers: 1, extraRefs: 1 });
    expect((await detail(done.id)).customer.name).toMatch(/^Klant [0-9A-F]{6}$/);
    expect((await detail(open.id)).customer.name).toBe('Familie Mulder');
    expect((await detail(recent.id)).customer.name).toBe('Familie Bos');
    expect(await pseudonymiseOldCustomers(t.database.db)).toEqual({ customers: 0, extraRefs: 0 });
  });
});

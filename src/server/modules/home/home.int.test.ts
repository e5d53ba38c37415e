import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { Inbox, Setup } from '../../../contracts/home.contract';

// The home of each person is their inbox: what waits for them today, by role, each item one tap from
// done. Managers see their teams' follow-ups, notices above the mandate, the weekly pick and late
// steps; directors the decision queue and what changed; everyone asked the rounds to answer. Nothing
// of another organisation, nothing of who answered a round, and nobody invited a minute ago sees late
// work that is not theirs. An administrator of a new organisation sees the first-run checklist.

let t: TestApp;
let f: OrgFixture;
let other: OrgFixture;
type Who = 'member' | 'manager' | 'director' | 'admin' | 'advisor' | 'newcomer' | 'otherManager' | 'otherAdmin';
const cookie = {} as Record<Who, string>;
let newcomerId: string;

const day = (offset: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + offset * 86_400_000));

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'home');
  other = await createOrgFixture(t.database.db, 'home-other');
  for (const who of ['member', 'manager', 'director', 'admin', 'advisor'] as const)
    cookie[who] = await signIn(t.app, f.people[who].email);
  const newcomer = await addFixturePerson(t.database.db, f, 'newcomer', ['member'], f.teamId, false);
  newcomerId = newcomer.memberId;
  cookie.newcomer = await signIn(t.app, newcomer.email);
  cookie.otherManager = await signIn(t.app, other.people.manager.email);
  cookie.otherAdmin = await signIn(t.app, other.people.admin.email);
  // The member and the others have been here a while; the newcomer joined a minute ago.
  await t.database.db.execute(
    sql`update members set created_at = now() - interval '30 days' where org_id in (${f.orgId}, ${other.orgId}) and id <> ${newcomerId}`,
  );
});
afterAll(async () => {
  if (process.env.SHOW_ERRORS) console.log(t.logs.filter((l) => l.includes('"level":50')).join('\n'));
  await t.close();
});

const call = apiCaller(() => t.app, cookie);
const inbox = async (who: Who): Promise<Inbox> => {
  const res = await call(who, 'GET', '/me/inbox');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('the first run of a new organisation', () => {
  it('shows the administrator what is done and what is left, read from the data, and remembers a skipped step', async () => {
    const first = (await call('admin', 'GET', '/setup')).json() as Setup;
    // The fixture has teams and people but no purpose, values, offerings or mandates yet.
    expect(first.steps.map((s) => [s.step, s.done])).toEqual([
      ['purpose', false],
      ['values', false],
      ['offerings', false],
      ['teams', true],
      ['mandates', false],
      ['invitations', true],
    ]);
    expect(first.finished).toBe(false);
    expect((await inbox('admin')).setup?.steps).toHaveLength(6);

    expect(
      (
        await call('director', 'PUT', '/purpose', {
          purpose: 'Gasten voelen zich thuis',
          offerSummary: '',
          audience: '',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call('director', 'POST', '/values', { name: 'Gastvrij', behaviours: ['groet', 'luistert'] })).statusCode,
    ).toBe(201);
    const skipped = await call('admin', 'PUT', '/setup/skipped', { step: 'offerings', skipped: true });
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect((skipped.json() as Setup).steps.find((s) => s.step === 'offerings')).toEqual({
      step: 'offerings',
      done: false,
      skipped: true,
    });
    const mandate = await call('director', 'PUT', '/mandates', {
      scope: { type: 'role', role: 'member' },
      period: 'week',
      budgetCents: 2000,
      maxPerExtraCents: 1000,
      allowedKinds: ['gift', 'time'],
    });
    expect(mandate.statusCode, mandate.body).toBe(200);

    const now = (await call('admin', 'GET', '/setup')).json() as Setup;
    expect(now.steps.map((s) => s.done || s.skipped)).toEqual([true, true, true, true, true, true]);
    expect(now.finished).toBe(true);
    // Finished: the home no longer shows the checklist; the menu's page still does.
    expect((await inbox('admin')).setup).toBeNull();

    // Taken up again: back on the home.
    expect((await call('admin', 'PUT', '/setup/skipped', { step: 'offerings', skipped: false })).statusCode).toBe(200);
    expect((await inbox('admin')).setup?.finished).toBe(false);
  });

  it('is the administrator’s alone, per organisation, and refuses an unknown step', async () => {
    expect((await call('director', 'GET', '/setup')).statusCode).toBe(403);
    expect((await call('member', 'PUT', '/setup/skipped', { step: 'values', skipped: true })).statusCode).toBe(403);
    expect((await inbox('director')).setup).toBeNull();
    expect((await call('admin', 'PUT', '/setup/skipped', { step: 'coffee', skipped: true })).statusCode).toBe(400);
    expect((await call('admin', 'PUT', '/setup/skipped', { step: 'values', skipped: 'ja' })).statusCode).toBe(400);
    // Another organisation's administrator sees their own state, untouched by this one's skips.
    const theirs = (await call('otherAdmin', 'GET', '/setup')).json() as Setup;
    expect(theirs.steps.find((s) => s.step === 'offerings')).toEqual({
      step: 'offerings',
      done: false,
      skipped: false,
    });
  });
});

describe('the inbox by role', () => {
  let promiseId: string;

  it('a member: the rounds waiting for their own answer and their team’s steps, nothing of a manager', async () => {
    const launched = await call('director', 'POST', '/campaigns', {
      title: 'Ronde van december',
      opensOn: day(0),
      closesOn: day(10),
      audience: { all: true },
      questionKeys: ['mandate.room'],
    });
    expect(launched.statusCode, launched.body).toBe(201);
    const campaignId = launched.json().id as string;
    const created = await call('member', 'POST', '/promises', {
      customer: { name: 'Familie de Vries' },
      what: 'Kinderbedje op de kamer',
      dueDate: day(5),
      offeringId: null,
      breachReason: 'Vaste gast',
      ownerTeamId: f.teamId,
      steps: [{ teamId: f.teamId, what: 'Bedje klaarzetten', dueDate: day(3) }],
    });
    expect(created.statusCode, created.body).toBe(201);
    promiseId = created.json().id;

    const mine = await inbox('member');
    expect(mine.rounds).toEqual([{ id: campaignId, title: 'Ronde van december', closesOn: day(10) }]);
    expect(mine.steps).toMatchObject({ open: 1, late: 0 });
    expect(mine.steps!.items[0]).toMatchObject({ promiseId, what: 'Bedje klaarzetten', late: false });
    expect(mine).toMatchObject({
      followups: null,
      aboveMandate: null,
      weeklyPicks: null,
      decisions: null,
      changes: null,
      setup: null,
    });

    // Answered: the round leaves the member's home; the director's home says nothing of who answered.
    const question = (await call('member', 'GET', `/campaigns/${campaignId}`)).json().questions[0];
    const answered = await call('member', 'PUT', `/campaigns/${campaignId}/answers`, {
      answers: [{ questionId: question.id, value: 4 }],
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await inbox('member')).rounds).toEqual([]);
    expect((await inbox('manager')).rounds.map((r) => r.id)).toEqual([campaignId]);
    expect(JSON.stringify(await inbox('director'))).not.toContain(f.people.member.name);
  });

  it('someone who joined a minute ago does not see a step that was late before they came; the manager does, and the member who was there', async () => {
    await t.database.db.execute(
      sql`update promise_steps set due_date = ${day(-2)}::date where org_id = ${f.orgId} and promise_id = ${promiseId}`,
    );
    const newcomer = await inbox('newcomer');
    expect(newcomer.steps).toMatchObject({ open: 0, late: 0, items: [] });
    expect(await inbox('member')).toMatchObject({ steps: { late: 1 } });
    const manager = await inbox('manager');
    expect(manager.steps).toMatchObject({ late: 1 });
    expect(manager.steps!.items[0]).toMatchObject({ promiseId, late: true });
  });

  it('a manager: the follow-up of a very negative reaction with how late it is, the notice above the mandate, the weekly pick to choose', async () => {
    const extra = await call('member', 'POST', '/extras', {
      occasion: 'Gast jarig',
      action: 'Taart op de kamer',
      kind: 'gift',
      costCents: 3000,
      minutes: 5,
      aboveMandateReason: 'verjaardag',
    });
    expect(extra.statusCode, extra.body).toBe(201);
    const link = (await call('member', 'POST', `/extras/${extra.json().id}/voice-link`)).json();
    const token = new URL(link.url).pathname.split('/').pop()!;
    const reacted = await t.app.inject({
      method: 'POST',
      url: `/r/${token}?lang=nl`,
      payload: new URLSearchParams({ score: '1', comment: 'Taart was oud' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '203.0.113.9',
    });
    expect(reacted.statusCode).toBe(303);
    await t.database.db.execute(sql`update voice_followups set due_on = ${day(-1)}::date where org_id = ${f.orgId}`);

    const manager = await inbox('manager');
    expect(manager.followups).toMatchObject({ count: 1, late: 1 });
    expect(manager.followups!.items[0]).toMatchObject({ score: 1, comment: 'Taart was oud', daysLate: 1 });
    expect(manager.aboveMandate).toMatchObject({ count: 1 });
    expect(manager.aboveMandate!.items[0]).toMatchObject({
      extraId: extra.json().id,
      memberName: f.people.member.name,
      costCents: 3000,
    });
    expect(manager.weeklyPicks).toEqual([expect.objectContaining({ teamId: f.teamId, stories: 1 })]);

    // Done: the notice read, the follow-up closed, the pick chosen — the home empties.
    await call('manager', 'POST', `/notifications/${manager.aboveMandate!.items[0]!.notificationId}/read`);
    await call('manager', 'POST', `/voice-followups/${manager.followups!.items[0]!.id}/close`, {
      outcome: 'resolved',
      note: 'Gebeld',
    });
    const picked = await call('manager', 'PUT', `/teams/${f.teamId}/weekly-pick`, {
      week: day(0),
      extraIds: [extra.json().id],
    });
    expect(picked.statusCode, picked.body).toBe(200);
    expect(await inbox('manager')).toMatchObject({
      followups: { count: 0 },
      aboveMandate: { count: 0 },
      weeklyPicks: [],
    });
  });

  it('a director: the decision queue, first items and count, and what changed', async () => {
    const need = await call('member', 'POST', '/needs', {
      what: 'Snellere check-in',
      forWhom: 'Gasten',
      whyNow: 'Rijen bij de balie',
    });
    expect(need.statusCode, need.body).toBe(201);
    const proposal = await call('advisor', 'POST', '/proposals', {
      kind: 'improve',
      title: 'Zelf inchecken met een tablet',
      needId: need.json().id,
      proposal: 'Een tablet bij de ingang',
      effectCustomers: 'Minder wachten',
      effectStaff: 'Meer tijd voor gasten',
      risks: 'Onpersoonlijk',
      costCents: null,
      decisionWantedBy: null,
    });
    expect(proposal.statusCode, proposal.body).toBe(201);
    const director = await inbox('director');
    expect(director.decisions).toMatchObject({ count: 1 });
    expect(director.decisions!.items[0]).toMatchObject({
      id: proposal.json().id,
      title: 'Zelf inchecken met een tablet',
    });
    expect(director.changes!.extras.now).toBe(1);
    expect(director.followups).toBeNull();
    expect((await inbox('manager')).decisions).toBeNull();
  });

  it('a guest advisor has an empty inbox; nobody sees another organisation’s work; signed out is refused', async () => {
    expect(await inbox('advisor')).toEqual({
      followups: null,
      aboveMandate: null,
      weeklyPicks: null,
      decisions: null,
      changes: null,
      rounds: [],
      steps: null,
      setup: null,
    });
    const theirs = await inbox('otherManager');
    expect(theirs).toMatchObject({
      followups: { count: 0 },
      aboveMandate: { count: 0 },
      weeklyPicks: [],
      rounds: [],
      steps: { open: 0 },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/inbox' })).statusCode).toBe(401);
  });
});

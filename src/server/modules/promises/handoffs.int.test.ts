import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { PromiseDetail, StepComment, WorkItem } from '../../../contracts/promises.contract';
import { addDays, localDay, weekOf } from '../../lib/days';

// Hand-offs between people: a member of the team a step was handed to takes it, its manager gives it
// to someone else or hands it back; the two teams of a step comment on it; the work list filters on
// mine, late and this week. The fixture's team is sales (the member makes promises and receives the
// work); its other team is production (the outsider works there, with a manager of its own).

let t: TestApp;
let f: OrgFixture;
let other: OrgFixture;
type Who = 'member' | 'manager' | 'director' | 'outsider' | 'prodManager' | 'prodColleague' | 'otherOrg';
const cookie = {} as Record<Who, string>;
const ids = {} as Record<'prodManager' | 'prodColleague' | 'gone', string>;
const today = () => localDay('Europe/Amsterdam');

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'handoffs');
  other = await createOrgFixture(t.database.db, 'elsewhere');
  for (const role of ['member', 'manager', 'director'] as const)
    cookie[role] = await signIn(t.app, f.people[role].email);
  cookie.outsider = await signIn(t.app, f.outsider.email);
  cookie.otherOrg = await signIn(t.app, other.people.director.email);
  const prodManager = await addFixturePerson(t.database.db, f, 'prodmanager', ['manager'], f.otherTeamId, true);
  const prodColleague = await addFixturePerson(t.database.db, f, 'prodcolleague', ['member'], f.otherTeamId, false);
  const gone = await addFixturePerson(t.database.db, f, 'gone', ['member'], f.otherTeamId, false);
  await t.database.pool.query(`update members set status = 'deactivated' where id = $1`, [gone.memberId]);
  ids.prodManager = prodManager.memberId;
  ids.prodColleague = prodColleague.memberId;
  ids.gone = gone.memberId;
  cookie.prodManager = await signIn(t.app, prodManager.email);
  cookie.prodColleague = await signIn(t.app, prodColleague.email);
});
afterAll(() => t.close());

const call = apiCaller(() => t.app, cookie);

/** A promise by the member (sales) whose steps production does, due `days` from today. */
async function makePromise(stepDays: number[] = [10]): Promise<PromiseDetail> {
  const response = await call('member', 'POST', '/promises', {
    customer: { name: 'Familie Pieters' },
    what: 'Vergaderzaal met lunch',
    dueDate: addDays(today(), 20),
    offeringId: null,
    breachReason: 'Vaste klant',
    ownerTeamId: f.otherTeamId,
    steps: stepDays.map((days, i) => ({
      teamId: f.otherTeamId,
      what: `Stap ${i + 1}`,
      dueDate: addDays(today(), days),
    })),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const stepUrl = (p: PromiseDetail, i = 0) => `/promises/${p.id}/steps/${p.steps[i]!.id}`;
const stepOf = async (who: Who, p: PromiseDetail, i = 0) =>
  ((await call(who, 'GET', `/promises/${p.id}`)).json() as PromiseDetail).steps[i]!;
const setOwner = (who: Who, p: PromiseDetail, memberId: string | null) =>
  call(who, 'PUT', `${stepUrl(p)}/owner`, { memberId });

describe('taking a step', () => {
  it('a member of its team takes it; the other team sees who has it; the holder hands it back', async () => {
    const made = await makePromise();
    expect(made.steps[0]!.can).toMatchObject({ take: false, reassign: false });
    expect((await stepOf('outsider', made)).can).toMatchObject({ take: true, handBack: false, reassign: false });

    const taken = await setOwner('outsider', made, f.outsider.memberId);
    expect(taken.statusCode, taken.body).toBe(200);
    const step = (taken.json() as PromiseDetail).steps[0]!;
    expect(step.owner?.id).toBe(f.outsider.memberId);
    // Taking it takes it up for the team too.
    expect(step.accepted?.by.id).toBe(f.outsider.memberId);
    expect((await stepOf('member', made)).owner?.name).toBe(f.outsider.name);
    // A colleague cannot take it over; only the manager gives it to someone else.
    expect((await stepOf('prodColleague', made)).can.take).toBe(false);
    expect((await setOwner('prodColleague', made, ids.prodColleague)).statusCode).toBe(403);

    const back = await setOwner('outsider', made, null);
    expect(back.statusCode, back.body).toBe(200);
    expect((back.json() as PromiseDetail).steps[0]!.owner).toBeNull();
    const history = (back.json() as PromiseDetail).history.map((e) => e.kind);
    expect(history).toEqual(expect.arrayContaining(['taken', 'handed_back']));
  });

  it("its team's manager gives it to an active member of the team, and to no one else", async () => {
    const made = await makePromise();
    expect((await stepOf('prodManager', made)).can.reassign).toBe(true);
    const given = await setOwner('prodManager', made, ids.prodColleague);
    expect(given.statusCode, given.body).toBe(200);
    expect((given.json() as PromiseDetail).steps[0]!.owner?.id).toBe(ids.prodColleague);
    expect((given.json() as PromiseDetail).history.at(-1)?.kind).toBe('assigned');
    // The colleague is told who gave it; whoever takes a step themselves is not.
    const told = (await call('prodColleague', 'GET', '/notifications')).json().items as {
      kind: string;
      data: Record<string, unknown>;
    }[];
    expect(told.filter((n) => n.kind === 'step_assigned').map((n) => n.data)).toEqual([
      expect.objectContaining({
        stepId: made.steps[0]!.id,
        what: 'Stap 1',
        memberName: expect.stringMatching(/prodmanager/i),
      }),
    ]);
    expect(
      ((await call('outsider', 'GET', '/notifications')).json().items as { kind: string }[]).some(
        (n) => n.kind === 'step_assigned',
      ),
    ).toBe(false);

    for (const memberId of [f.people.member.memberId, ids.gone, other.people.member.memberId]) {
      const refused = await setOwner('prodManager', made, memberId);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().errors[0]).toMatchObject({ path: 'body.memberId', code: 'not_in_team' });
    }
    // Sales' manager and a sales member (the receiving side) may not say who in production has it.
    expect((await setOwner('manager', made, f.outsider.memberId)).statusCode).toBe(403);
    expect((await setOwner('member', made, f.people.member.memberId)).statusCode).toBe(403);
    expect((await stepOf('outsider', made)).owner?.id).toBe(ids.prodColleague);

    const handedBack = await setOwner('prodManager', made, null);
    expect((handedBack.json() as PromiseDetail).steps[0]!.owner).toBeNull();
  });

  it('a done step keeps who had it; another organisation does not find it', async () => {
    const made = await makePromise();
    await setOwner('outsider', made, f.outsider.memberId);
    expect((await call('outsider', 'POST', `${stepUrl(made)}/done`, {})).statusCode).toBe(200);
    const closed = await setOwner('prodManager', made, ids.prodColleague);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('step_closed');
    expect((await stepOf('member', made)).owner?.id).toBe(f.outsider.memberId);
    expect((await setOwner('otherOrg', made, other.people.member.memberId)).statusCode).toBe(404);
  });
});

describe('comments on a step', () => {
  it('are seen by both teams and tell the other side; not by another organisation', async () => {
    const made = await makePromise();
    await setOwner('outsider', made, f.outsider.memberId);
    const first = await call('outsider', 'POST', `${stepUrl(made)}/comments`, {
      body: 'Welke lunch wil de klant?',
    });
    expect(first.statusCode, first.body).toBe(201);

    // Sales (the team the work goes to) reads it and answers; its manager was told.
    const seen = (await call('member', 'GET', `${stepUrl(made)}/comments`)).json().items as StepComment[];
    expect(seen).toMatchObject([{ body: 'Welke lunch wil de klant?', by: { id: f.outsider.memberId }, side: 'team' }]);
    const salesManagerTold = (await call('manager', 'GET', '/notifications')).json().items;
    expect(salesManagerTold.find((n: { kind: string }) => n.kind === 'step_comment')?.data).toMatchObject({
      promiseId: made.id,
      comment: 'Welke lunch wil de klant?',
    });
    const answer = await call('member', 'POST', `${stepUrl(made)}/comments`, { body: 'Broodjes, vegetarisch.' });
    expect(answer.statusCode, answer.body).toBe(201);

    // Production sees both, in order; the one who has the step was told of the answer.
    const thread = (await call('outsider', 'GET', `${stepUrl(made)}/comments`)).json().items as StepComment[];
    expect(thread.map((c) => [c.body, c.side])).toEqual([
      ['Welke lunch wil de klant?', 'team'],
      ['Broodjes, vegetarisch.', 'receiver'],
    ]);
    const holderTold = (await call('outsider', 'GET', '/notifications')).json().items;
    expect(holderTold.find((n: { kind: string }) => n.kind === 'step_comment')?.data).toMatchObject({
      comment: 'Broodjes, vegetarisch.',
    });
    // Nobody is told of their own comment.
    const authorNotices = (await call('member', 'GET', '/notifications')).json().items;
    expect(authorNotices.some((n: { kind: string }) => n.kind === 'step_comment')).toBe(false);
    expect((await stepOf('director', made)).comments).toBe(2);

    // Another organisation: as if it did not exist.
    expect((await call('otherOrg', 'GET', `${stepUrl(made)}/comments`)).statusCode).toBe(404);
    expect((await call('otherOrg', 'POST', `${stepUrl(made)}/comments`, { body: 'Hallo' })).statusCode).toBe(404);
    expect((await call('outsider', 'GET', `${stepUrl(made)}/comments`)).json().items).toHaveLength(2);
  });

  it('refuses an empty comment', async () => {
    const made = await makePromise();
    const empty = await call('outsider', 'POST', `${stepUrl(made)}/comments`, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('validation_failed');
  });
});

describe('the work list filters', () => {
  it('give mine, late and due this week, around the week boundary, as the day logic says', async () => {
    const monday = weekOf(today());
    const sunday = addDays(monday, 6);
    const nextMonday = addDays(monday, 7);
    const lastSunday = addDays(monday, -1);
    // Made due later, then moved to the days under test (a step cannot be made due in the past).
    const made = await makePromise([14, 14, 14, 14]);
    const days = [lastSunday, monday, sunday, nextMonday];
    for (const [i, day] of days.entries())
      await t.database.pool.query(`update promise_steps set due_date = $1 where id = $2`, [day, made.steps[i]!.id]);
    const stepIds = made.steps.map((s) => s.id);
    const dueOf = new Map(stepIds.map((id, i) => [id, days[i]!]));
    const listed = async (who: Who, query: string) => {
      const items = (await call(who, 'GET', `/steps${query}`)).json().items as WorkItem[];
      return items.map((i) => i.step.id).filter((id) => dueOf.has(id));
    };
    const expected = (keep: (day: string) => boolean) => stepIds.filter((id) => keep(dueOf.get(id)!));

    expect(await listed('outsider', '')).toEqual(stepIds);
    expect(await listed('outsider', '?due=late')).toEqual(expected((day) => day < today()));
    expect(await listed('outsider', '?due=this_week')).toEqual(expected((day) => day >= monday && day <= sunday));
    expect(await listed('outsider', '?due=this_week')).toContain(made.steps[2]!.id);
    expect(await listed('outsider', '?due=this_week')).not.toContain(made.steps[3]!.id);
    expect(await listed('outsider', '?due=this_week')).not.toContain(made.steps[0]!.id);
    expect(await listed('outsider', '?due=late')).toContain(made.steps[0]!.id);

    // Mine: the steps I have, and no one else's.
    expect(await listed('outsider', '?scope=mine')).toEqual([]);
    await call('outsider', 'PUT', `${stepUrl(made, 2)}/owner`, { memberId: f.outsider.memberId });
    await call('prodManager', 'PUT', `${stepUrl(made, 3)}/owner`, { memberId: ids.prodColleague });
    expect(await listed('outsider', '?scope=mine')).toEqual([made.steps[2]!.id]);
    expect(await listed('outsider', '?scope=mine&due=this_week')).toEqual([made.steps[2]!.id]);
    expect(await listed('prodColleague', '?scope=mine&due=this_week')).toEqual([]);
    expect(await listed('prodColleague', '?scope=mine')).toEqual([made.steps[3]!.id]);
    // Sales does not do these steps: its work list holds none of them.
    expect(await listed('member', '')).toEqual([]);

    // Done late: done after its day.
    await call('outsider', 'POST', `${stepUrl(made, 0)}/done`, {});
    expect(await listed('outsider', '?state=done&due=late')).toEqual([made.steps[0]!.id]);
    expect(await listed('outsider', '?due=late')).not.toContain(made.steps[0]!.id);
  });

  it('are in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    const params = doc.paths['/api/v1/steps'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['scope', 'due', 'state', 'teamId']));
    expect(doc.paths['/api/v1/promises/{promiseId}/steps/{stepId}/owner'].put).toBeDefined();
    expect(doc.paths['/api/v1/promises/{promiseId}/steps/{stepId}/comments'].post).toBeDefined();
  });
});

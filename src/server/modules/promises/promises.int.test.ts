import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { PromiseDetail, PromiseSummary } from '../../../contracts/promises.contract';
import { type Database, openDatabase } from '../../db/client';
import { offerings } from '../../db/schema/values.schema';
import { addDays, localDay } from '../../lib/days';
import { createMemoryMailer } from '../../lib/mailer';
import { promiseStatus } from './promise-rules';
import { sendDueReminders } from './reminders.service';

// Promises: the guideline checks, the hand-offs, delivery, renegotiation, who sees and does what,
// the reminders, the chain and the team figures. The fixture's team is sales (the member makes
// promises), its other team is production (the outsider works there, with a manager of its own).

let t: TestApp;
let f: OrgFixture;
let other: OrgFixture;
type Who = 'member' | 'colleague' | 'manager' | 'director' | 'advisor' | 'outsider' | 'prodManager' | 'otherOrg';
const cookie = {} as Record<Who, string>;
const ids = {} as Record<'colleague' | 'prodManager' | 'offering' | 'openOffering', string>;
const today = () => localDay('Europe/Amsterdam');
const extraDb: Database[] = [];

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'promises');
  other = await createOrgFixture(t.database.db, 'elders');
  for (const role of ['member', 'manager', 'director', 'advisor'] as const)
    cookie[role] = await signIn(t.app, f.people[role].email);
  cookie.outsider = await signIn(t.app, f.outsider.email);
  cookie.otherOrg = await signIn(t.app, other.people.director.email);
  const colleague = await addFixturePerson(t.database.db, f, 'colleague', ['member'], f.teamId, false);
  const prodManager = await addFixturePerson(t.database.db, f, 'prodmanager', ['manager'], f.otherTeamId, true);
  ids.colleague = colleague.memberId;
  ids.prodManager = prodManager.memberId;
  cookie.colleague = await signIn(t.app, colleague.email);
  cookie.prodManager = await signIn(t.app, prodManager.email);
  const [offering, open] = await t.database.db
    .insert(offerings)
    .values([
      { orgId: f.orgId, name: 'Groepsboeking', leadTimeDays: 14, conditions: ['Aanbetaling ontvangen'] },
      { orgId: f.orgId, name: 'Kamerwissel', leadTimeDays: null, conditions: [] },
    ])
    .returning();
  ids.offering = offering!.id;
  ids.openOffering = open!.id;
});
afterAll(async () => {
  if (process.env.SHOW_ERRORS) console.log(t.logs.filter((l) => l.includes('"level":50')).join('\n'));
  for (const database of extraDb) await database.close();
  await t.close();
});

const call = apiCaller(() => t.app, cookie);

/** A promise by the member (sales) to a new customer, delivered by production, in `days` days. */
function promiseBody(over: Record<string, unknown> = {}, days = 20) {
  return {
    customer: {
      name: `Familie ${randomBytes(3).toString('hex')}`,
      contactPerson: 'Mevrouw Jansen',
      segment: 'groepen',
    },
    what: 'Groepsboeking voor 12 personen met diner',
    dueDate: addDays(today(), days),
    offeringId: ids.openOffering,
    ownerTeamId: f.otherTeamId,
    conditionsMet: [],
    steps: [{ teamId: f.otherTeamId, what: 'Kamers en diner regelen', dueDate: addDays(today(), days - 1) }],
    ...over,
  };
}

async function makePromise(over: Record<string, unknown> = {}, days = 20): Promise<PromiseDetail> {
  const response = await call('member', 'POST', '/promises', promiseBody(over, days));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const detail = async (who: Who, id: string) => (await call(who, 'GET', `/promises/${id}`)).json() as PromiseDetail;
const stepUrl = (p: PromiseDetail, i = 0) => `/promises/${p.id}/steps/${p.steps[i]!.id}`;

describe('the offer profile', () => {
  it('tells before saving which guideline a promise breaks: lead time, condition, outside the profile', async () => {
    const check = async (body: object) =>
      (await call('member', 'POST', '/promises/check', body)).json().breaches as { code: string }[];
    expect(
      await check({
        offeringId: ids.offering,
        dueDate: addDays(today(), 20),
        conditionsMet: ['aanbetaling ontvangen'],
      }),
    ).toEqual([]);
    expect(
      await check({ offeringId: ids.offering, dueDate: addDays(today(), 5), conditionsMet: ['Aanbetaling ontvangen'] }),
    ).toEqual([{ code: 'lead_time', days: 5, minimumDays: 14 }]);
    expect(await check({ offeringId: ids.offering, dueDate: addDays(today(), 20), conditionsMet: [] })).toEqual([
      { code: 'condition_not_met', condition: 'Aanbetaling ontvangen' },
    ]);
    expect(await check({ offeringId: null, dueDate: addDays(today(), 20) })).toEqual([{ code: 'outside_profile' }]);
  });

  it("asks for a reason, then saves the promise flagged and tells the owning team's manager", async () => {
    const body = promiseBody({
      offeringId: ids.offering,
      dueDate: addDays(today(), 3),
      steps: [{ teamId: f.otherTeamId, what: 'Zaal klaarzetten', dueDate: addDays(today(), 2) }],
    });
    const refused = await call('member', 'POST', '/promises', body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('guideline_reason_required');
    expect(
      refused
        .json()
        .errors.map((e: { code: string }) => e.code)
        .sort(),
    ).toEqual(['condition_not_met', 'lead_time']);

    const saved = await makePromise({ ...body, breachReason: 'Vaste klant, productie heeft ja gezegd' });
    expect(saved.breaches.map((b) => b.code).sort()).toEqual(['condition_not_met', 'lead_time']);
    expect(saved.breachReason).toBe('Vaste klant, productie heeft ja gezegd');
    const flagged = (await call('director', 'GET', '/promises?scope=all&flagged=true')).json()
      .items as PromiseSummary[];
    expect(flagged.map((p) => p.id)).toContain(saved.id);

    const told = (await call('prodManager', 'GET', '/notifications')).json().items as {
      kind: string;
      data: { promiseId: string };
    }[];
    expect(told.find((n) => n.kind === 'promise_breaks_guideline')?.data.promiseId).toBe(saved.id);
    // the maker's own manager (another team) is not the one told
    const salesManager = (await call('manager', 'GET', '/notifications')).json().items as { kind: string }[];
    expect(salesManager.some((n) => n.kind === 'promise_breaks_guideline')).toBe(false);
  });

  it('refuses a day in the past, and a hand-off due after the promised day, with a clear message', async () => {
    const past = await call('member', 'POST', '/promises', promiseBody({ dueDate: addDays(today(), -1) }));
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0]).toMatchObject({ path: 'body.dueDate', code: 'in_the_past' });
    const after = await call(
      'member',
      'POST',
      '/promises',
      promiseBody({ steps: [{ teamId: f.otherTeamId, what: 'Te laat', dueDate: addDays(today(), 30) }] }),
    );
    expect(after.statusCode).toBe(400);
    expect(after.json().errors[0]).toMatchObject({ path: 'body.steps.0.dueDate', code: 'after_promise' });
  });
});

describe('keeping a promise', () => {
  it('goes open → in progress → kept only when the hand-off is done and delivery confirmed', async () => {
    const made = await makePromise();
    expect(made.status).toBe('open');
    expect(made.makerTeam?.id).toBe(f.teamId);
    expect(made.steps[0]!.receiverTeam?.id).toBe(f.teamId);

    // production finds it in its work list and takes it up
    const work = (await call('outsider', 'GET', '/steps')).json().items as {
      step: { id: string };
      promise: { id: string };
    }[];
    expect(work.map((w) => w.promise.id)).toContain(made.id);
    const accepted = (await call('outsider', 'POST', `${stepUrl(made)}/accept`)).json() as PromiseDetail;
    expect(accepted.status).toBe('in_progress');

    // delivery cannot be confirmed while a hand-off is open
    const early = await call('member', 'POST', `/promises/${made.id}/delivery`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('steps_not_done');

    const done = await call('outsider', 'POST', `${stepUrl(made)}/done`, {});
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as PromiseDetail).status).toBe('in_progress');

    // someone of another team cannot confirm delivery; the maker can, with a follow-up
    expect((await call('outsider', 'POST', `/promises/${made.id}/delivery`, {})).statusCode).toBe(403);
    const delivered = await call('member', 'POST', `/promises/${made.id}/delivery`, {
      followUp: { teamId: f.teamId, what: 'Bellen: hoe was het?', dueDate: addDays(today(), 3) },
    });
    expect(delivered.statusCode, delivered.body).toBe(200);
    const kept = delivered.json() as PromiseDetail;
    expect(kept.status).toBe('kept');
    expect(kept.deliveredOn).toBe(today());
    const followUp = kept.steps.find((s) => s.kind === 'aftersales')!;
    expect(followUp.can.complete).toBe(true);

    // the follow-up carries the customer's reaction, and does not change the outcome
    const reacted = (
      await call('member', 'POST', `/promises/${made.id}/steps/${followUp.id}/done`, {
        reactionText: 'Heel tevreden',
        reactionScore: 5,
      })
    ).json() as PromiseDetail;
    expect(reacted.steps.find((s) => s.kind === 'aftersales')).toMatchObject({
      reactionText: 'Heel tevreden',
      reactionScore: 5,
    });
    expect(reacted.status).toBe('kept');
    expect(reacted.history.map((e) => e.kind)).toEqual(['made', 'accepted', 'done', 'delivered', 'reaction']);

    // and nothing changes a delivered promise any more
    const again = await call('member', 'POST', `/promises/${made.id}/renegotiate`, {
      dueDate: addDays(today(), 40),
      reason: 'x',
    });
    expect(again.json().code).toBe('promise_settled');
  });

  it('a late hand-off puts the promise at risk; a renegotiation keeps the old day in the history', async () => {
    const made = await makePromise({}, 10);
    await t.database.pool.query(`update promise_steps set due_date = $1 where id = $2`, [
      addDays(today(), -1),
      made.steps[0]!.id,
    ]);
    const late = await detail('member', made.id);
    expect(late.status).toBe('at_risk');
    expect(late.steps[0]!.late).toBe(true);

    const renegotiated = await call('member', 'POST', `/promises/${made.id}/renegotiate`, {
      dueDate: addDays(today(), 25),
      reason: 'Klant schuift de groep een week op',
    });
    expect(renegotiated.statusCode, renegotiated.body).toBe(200);
    const after = renegotiated.json() as PromiseDetail;
    expect(after.dueDate).toBe(addDays(today(), 25));
    expect(after.renegotiations).toBe(1);
    expect(after.status).toBe('renegotiated');
    // the open hand-off moved along by as many days
    expect(after.steps[0]!.dueDate).toBe(addDays(today(), 14));
    const event = after.history.find((e) => e.kind === 'renegotiated')!;
    expect(event.data).toMatchObject({
      from: addDays(today(), 10),
      to: addDays(today(), 25),
      reason: 'Klant schuift de groep een week op',
    });
    expect(event.by?.id).toBe(f.people.member.memberId);

    // a step done late means the promise was not kept
    await call('outsider', 'POST', `${stepUrl(after)}/done`, {});
    await t.database.pool.query(`update promise_steps set due_date = $1 where id = $2`, [
      addDays(today(), -2),
      after.steps[0]!.id,
    ]);
    const delivered = (await call('member', 'POST', `/promises/${made.id}/delivery`, {})).json() as PromiseDetail;
    expect(delivered.status).toBe('broken');
  });

  it('counts a late step as its team’s, but not as the own of someone who joined after it was due', async () => {
    const made = await makePromise({}, 10);
    await t.database.pool.query(`update promise_steps set due_date = $1 where id = $2`, [
      addDays(today(), -3),
      made.steps[0]!.id,
    ]);
    // The outsider has worked in production for a month; a newcomer joined it a minute ago.
    await t.database.pool.query(`update members set created_at = now() - interval '30 days' where id = $1`, [
      f.outsider.memberId,
    ]);
    const newcomer = await addFixturePerson(t.database.db, f, 'newcomer', ['member'], f.otherTeamId, false);
    const newcomerCookie = await signIn(t.app, newcomer.email);
    type Item = { step: { id: string; late: boolean }; yours: boolean };
    const itemOf = (items: Item[]) => items.find((i) => i.step.id === made.steps[0]!.id)!;
    const veteran = itemOf((await call('outsider', 'GET', '/steps')).json().items);
    expect(veteran).toMatchObject({ step: { late: true }, yours: true });
    const fresh = await t.app.inject({ method: 'GET', url: '/api/v1/steps', headers: { cookie: newcomerCookie } });
    expect(itemOf(fresh.json().items)).toMatchObject({ step: { late: true }, yours: false });
  });

  it('two people completing the same step at once make one completion', async () => {
    const made = await makePromise();
    const [a, b] = await Promise.all([
      call('outsider', 'POST', `${stepUrl(made)}/done`, {}),
      call('prodManager', 'POST', `${stepUrl(made)}/done`, {}),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('step_closed');
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n from promise_events where promise_id = $1 and kind = 'done'`,
      [made.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('a hand-off sent back opens the step before it again and tells that team', async () => {
    const made = await makePromise({
      steps: [
        {
          teamId: f.teamId,
          what: 'Offerte en aanbetaling',
          dueDate: addDays(today(), 5),
          ownerMemberId: ids.colleague,
        },
        { teamId: f.otherTeamId, what: 'Zaal en diner', dueDate: addDays(today(), 15) },
      ],
    });
    expect(made.steps.map((s) => s.receiverTeam?.id ?? null)).toEqual([f.otherTeamId, f.teamId]);
    await call('colleague', 'POST', `${stepUrl(made, 0)}/done`, {});
    const sent = await call('outsider', 'POST', `${stepUrl(made, 1)}/send-back`, {
      reason: 'Aanbetaling ontbreekt nog',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const back = sent.json() as PromiseDetail;
    expect(back.steps[0]!.done).toBeNull();
    expect(back.steps[1]!.sentBack?.reason).toBe('Aanbetaling ontbreekt nog');
    const told = (await call('colleague', 'GET', '/notifications')).json().items as {
      kind: string;
      data: { reason: string };
    }[];
    expect(told.find((n) => n.kind === 'step_sent_back')?.data.reason).toBe('Aanbetaling ontbreekt nog');
    // a step of another team cannot be sent back or done by sales
    expect((await call('member', 'POST', `${stepUrl(made, 1)}/done`, {})).statusCode).toBe(403);
  });

  it('shows in every list the same state the rules give', async () => {
    const items = (await call('director', 'GET', '/promises?scope=all&limit=100')).json().items as PromiseSummary[];
    expect(items.length).toBeGreaterThan(4);
    for (const summary of items) {
      const d = await detail('director', summary.id);
      const expected = promiseStatus({
        dueDate: d.dueDate,
        deliveredOn: d.deliveredOn,
        renegotiations: d.renegotiations,
        today: today(),
        steps: d.steps.map((s) => ({
          kind: s.kind,
          dueDate: s.dueDate,
          accepted: s.accepted !== null,
          doneOn: s.done?.on ?? null,
        })),
      });
      expect(summary.status, summary.what).toBe(expected);
      const filtered = (await call('director', 'GET', `/promises?scope=all&status=${expected}&limit=100`)).json()
        .items as PromiseSummary[];
      expect(filtered.map((p) => p.id)).toContain(summary.id);
    }
  });
});

describe('who sees and does what', () => {
  it('a team sees its own steps and the promises they serve; another organisation nothing', async () => {
    const made = await makePromise();
    expect((await call('outsider', 'GET', `/promises/${made.id}`)).statusCode).toBe(200);
    expect(
      (await call('prodManager', 'GET', '/promises?scope=team')).json().items.map((p: PromiseSummary) => p.id),
    ).toContain(made.id);
    expect((await call('otherOrg', 'GET', `/promises/${made.id}`)).statusCode).toBe(404);
    expect((await call('otherOrg', 'POST', `${stepUrl(made)}/done`, {})).statusCode).toBe(404);
    expect((await call('otherOrg', 'GET', '/promises?scope=all')).json().items).toEqual([]);
    expect((await call('advisor', 'GET', `/promises/${made.id}`)).statusCode).toBe(403);
    expect((await call('member', 'GET', '/promises?scope=all')).statusCode).toBe(403);

    // a promise between two other teams stays out of sight of a member who has no part in it
    const theirs = await call('prodManager', 'POST', '/promises', promiseBody({ ownerTeamId: f.otherTeamId }));
    const id = theirs.json().id as string;
    expect((await call('colleague', 'GET', `/promises/${id}`)).statusCode).toBe(404);
    expect((await call('director', 'GET', `/promises/${id}`)).statusCode).toBe(200);
  });

  it('only the receiving team rates a done hand-off, and only once', async () => {
    const made = await makePromise();
    expect((await call('member', 'POST', `${stepUrl(made)}/rating`, { score: 4 })).statusCode).toBe(409); // not done yet
    await call('outsider', 'POST', `${stepUrl(made)}/done`, {});
    expect((await call('outsider', 'POST', `${stepUrl(made)}/rating`, { score: 5 })).statusCode).toBe(403); // the giving team
    expect((await call('director', 'POST', `${stepUrl(made)}/rating`, { score: 5 })).statusCode).toBe(403); // not in the team
    const [a, b] = await Promise.all([
      call('member', 'POST', `${stepUrl(made)}/rating`, { score: 2, comment: 'Kamerlijst kwam pas op de dag zelf' }),
      call('colleague', 'POST', `${stepUrl(made)}/rating`, { score: 4 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const rated = await detail('manager', made.id);
    expect(rated.steps[0]!.rating?.score).toBe(a.statusCode === 200 ? 2 : 4);
    expect(rated.steps[0]!.can.rate).toBe(false);
  });
});

describe('reminders', () => {
  it('go once per step, threshold and person, with two processes at once and after a restart', async () => {
    const made = await makePromise(
      {
        steps: [
          {
            teamId: f.otherTeamId,
            what: 'Bedden opmaken',
            dueDate: addDays(today(), 1),
            ownerMemberId: f.outsider.memberId,
          },
        ],
      },
      5,
    );
    const mailer = createMemoryMailer();
    const log = pino({ level: 'silent' });
    const process = () => {
      const database = openDatabase(t.url, { max: 2 });
      extraDb.push(database);
      return { db: database.db, mailer, appUrl: 'https://kw.example', log };
    };
    const now = new Date();
    await Promise.all([sendDueReminders(process(), now), sendDueReminders(process(), now)]);
    await sendDueReminders(process(), now);
    const about = (email: string, kind: string) =>
      mailer.outbox.filter((m) => m.to === email && m.text.includes('Bedden opmaken') && m.subject.startsWith(kind));
    expect(about(f.outsider.email, 'Op ')).toHaveLength(1);
    const prodManagerMail = mailer.outbox.filter((m) => m.text.includes('Bedden opmaken') && m.to !== f.outsider.email);
    expect(prodManagerMail).toHaveLength(1);
    const notes = (await call('outsider', 'GET', '/notifications')).json().items as {
      kind: string;
      data: { stepId: string };
    }[];
    expect(notes.filter((n) => n.kind === 'step_due_soon' && n.data.stepId === made.steps[0]!.id)).toHaveLength(1);

    // three days on it is late: one more reminder each, once
    const later = new Date(now.getTime() + 3 * 86_400_000);
    await Promise.all([sendDueReminders(process(), later), sendDueReminders(process(), later)]);
    await sendDueReminders(process(), later);
    expect(about(f.outsider.email, 'Te laat')).toHaveLength(1);
    const lateNotes = (await call('prodManager', 'GET', '/notifications')).json().items as {
      kind: string;
      data: { stepId: string };
    }[];
    expect(lateNotes.filter((n) => n.kind === 'step_late' && n.data.stepId === made.steps[0]!.id)).toHaveLength(1);
    // a done step is not reminded
    await call('outsider', 'POST', `${stepUrl(made)}/done`, {});
    await t.database.pool.query(`delete from step_reminders where step_id = $1`, [made.steps[0]!.id]);
    const mailsAbout = () => mailer.outbox.filter((m) => m.text.includes('Bedden opmaken')).length;
    const before = mailsAbout();
    await sendDueReminders(process(), later);
    expect(mailsAbout()).toBe(before);
  });
});

describe('the chain and the team figures', () => {
  it('draws production → sales with its hand-offs, the share on time and the rating; lists the promises behind it', async () => {
    const [from, to] = [addDays(today(), -30), addDays(today(), 60)];
    const chain = (await call('member', 'GET', `/chain?from=${from}&to=${to}`)).json();
    const arrow = chain.arrows.find(
      (a: { from: { id: string }; to: { id: string } }) => a.from.id === f.otherTeamId && a.to.id === f.teamId,
    );
    expect(arrow).toBeDefined();
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n, count(*) filter (where done_on <= due_date)::int as on_time,
              count(*) filter (where done_on is not null or due_date < $3::date)::int as due
         from promise_steps where org_id = $1 and team_id = $2 and receiver_team_id = $4 and kind = 'handoff' and coalesce(done_on, due_date) between $5 and $6`,
      [f.orgId, f.otherTeamId, today(), f.teamId, from, to],
    );
    expect(rows[0].n).toBeGreaterThan(5);
    expect(arrow).toMatchObject({ handoffs: rows[0].n, onTime: rows[0].on_time, due: rows[0].due, ratings: 1 });
    expect(chain.nodes.map((n: { id: string }) => n.id).sort()).toEqual([f.teamId, f.otherTeamId].sort());

    const behind = (
      await call(
        'director',
        'GET',
        `/promises?scope=all&handoffFrom=${f.otherTeamId}&handoffTo=${f.teamId}&from=${from}&to=${to}&limit=100`,
      )
    ).json().items as PromiseSummary[];
    expect(behind.length).toBe(
      new Set(
        (
          await t.database.pool.query(
            `select promise_id from promise_steps where team_id = $1 and receiver_team_id = $2`,
            [f.otherTeamId, f.teamId],
          )
        ).rows.map((r) => r.promise_id),
      ).size,
    );
    expect((await call('otherOrg', 'GET', '/chain')).json().arrows).toEqual([]);
  });

  it("gives a team's kept rate, steps on time and ratings per month", async () => {
    const figures = (await call('prodManager', 'GET', `/team-figures?teamId=${f.otherTeamId}&months=3`)).json();
    expect(figures.periods).toHaveLength(3);
    const now = figures.periods.at(-1);
    expect(now.month).toBe(`${today().slice(0, 7)}-01`);
    const { rows } = await t.database.pool.query(
      `select count(*) filter (where outcome = 'kept')::int as kept from promises where org_id = $1 and owner_team_id = $2 and date_trunc('month', due_date) = date_trunc('month', $3::date)`,
      [f.orgId, f.otherTeamId, today()],
    );
    expect(now.promisesKept).toBe(rows[0].kept);
    expect(figures.periods.reduce((n: number, p: { ratingsReceived: number }) => n + p.ratingsReceived, 0)).toBe(1);
    expect((await call('otherOrg', 'GET', `/team-figures?teamId=${f.otherTeamId}`)).statusCode).toBe(404);
  });

  it('lets each team rate the teams it worked with this quarter, and no others', async () => {
    const scan = (await call('member', 'GET', '/internal-scan')).json();
    const sales = scan.teams.find((team: { id: string }) => team.id === f.teamId);
    expect(sales.partners.map((p: { team: { id: string } }) => p.team.id)).toEqual([f.otherTeamId]);
    const put = await call('member', 'PUT', '/internal-scan', {
      quarter: scan.quarter,
      raterTeamId: f.teamId,
      ratedTeamId: f.otherTeamId,
      score: 3,
      comment: 'Snel, maar lijsten vaak laat',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().teams[0].partners[0]).toMatchObject({ myScore: 3, teamRatings: 1 });
    const self = await call('member', 'PUT', '/internal-scan', {
      quarter: scan.quarter,
      raterTeamId: f.teamId,
      ratedTeamId: f.teamId,
      score: 5,
    });
    expect(self.json().errors[0].code).toBe('no_handoffs');
    expect(
      (
        await call('outsider', 'PUT', '/internal-scan', {
          quarter: scan.quarter,
          raterTeamId: f.teamId,
          ratedTeamId: f.otherTeamId,
          score: 5,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('reads day sums that stay equal to the hand-offs and ratings themselves through every change above', async () => {
    const sums = async () =>
      (
        await t.database.pool.query(
          `select day::text, giver_team_id, receiver_team_id, handoffs, done, on_time, ratings, rating_sum from handoff_day_sums
            where org_id = $1 and (handoffs, done, on_time, ratings, rating_sum) <> (0, 0, 0, 0, 0) order by 1, 2, 3`,
          [f.orgId],
        )
      ).rows;
    const kept = await sums();
    expect(kept.length).toBeGreaterThan(3);
    await t.database.pool.query(`select klantwerk_rebuild_handoff_sums($1)`, [f.orgId]);
    expect(await sums()).toEqual(kept);
  });

  it("exports the list as CSV in the person's language", async () => {
    const csv = await call('member', 'GET', '/promises/export.csv?scope=mine');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('"Klant";"Afgesproken"');
    expect(csv.body).toContain('Groepsboeking voor 12 personen met diner');
    expect(csv.body).toContain('"Nagekomen"');
    expect(csv.body).toContain('"Gemaakt door"');
  });

  it('leaves out who made each promise from a file of the team’s promises while per-member figures are off', async () => {
    const csv = await call('manager', 'GET', '/promises/export.csv?scope=team');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Groepsboeking voor 12 personen met diner');
    expect(csv.body).not.toContain('"Gemaakt door"');
    expect(csv.body).not.toContain(f.people.member.name);
  });
});

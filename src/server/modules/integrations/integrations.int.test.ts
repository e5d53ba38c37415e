import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import { claimDueReminders } from '../promises/reminders.service';
import { createWebhook } from './integrations.service';
import { BACKOFF_MINUTES, deliverDueWebhooks, isPrivateAddress, MAX_ATTEMPTS, post } from './webhooks.delivery';

// Webhooks against receivers on loopback (WEBHOOK_ALLOW_PRIVATE=1 lets the app reach them), and API keys.

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A tiny receiver: records what arrives and answers with the next status of `answers` (then 200). */
async function receiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { received, answers, url: (path = '/hook') => `http://127.0.0.1:${port}${path}`, server };
}

/** Accepts connections and never answers. */
async function hangingServer() {
  const held: http.ServerResponse[] = [];
  let arrived = 0;
  const server = http.createServer((_req, res) => {
    arrived++;
    held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slow`,
    arrived: () => arrived,
    close: () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      server.close();
    },
  };
}

/** A port nothing listens on: a server opened and closed again. */
async function refusedUrl() {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/gone`;
}

let t: TestApp;
let a: OrgFixture;
let b: OrgFixture;
let adminA: string;
let adminB: string;
let memberA: string;
let rx: Awaited<ReturnType<typeof receiver>>;

/** One run of the delivery job at the given moment (the job's clock), with a short timeout. */
const deliver = (now = new Date(), timeoutMs = 2_000) =>
  deliverDueWebhooks(
    { db: t.database.db, log: t.app.log, appUrl: t.config.appUrl, allowPrivate: true, timeoutMs },
    now,
  );

const call = (
  headers: Record<string, string>,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) => t.app.inject({ method, url, payload, headers });
const as = (cookie: string) => ({ cookie });
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

const logExtra = (headers: Record<string, string>, action = 'Een taart gebracht') =>
  call(headers, 'POST', '/api/v1/extras', { occasion: 'Jarig', action, kind: 'time', costCents: 0, minutes: 5 });

async function addWebhook(payload: object, cookie = adminA) {
  const response = await call(as(cookie), 'POST', '/api/v1/webhooks', payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; secret: string };
}

const deliveriesOf = async (webhookId: string, cookie = adminA) =>
  (await call(as(cookie), 'GET', `/api/v1/webhooks/${webhookId}/deliveries`)).json().items as {
    status: string;
    attempts: number;
    statusCode: number | null;
    lastError: string | null;
    nextAttemptAt: string | null;
  }[];

/** Deliveries still waiting from earlier tests are sent (or given up) so each test starts clean. */
async function drain() {
  for (let i = 0; i < 10; i++) {
    const run = await deliver(new Date(Date.now() + 365 * 86_400_000), 300);
    if (run.delivered + run.retrying + run.failed === 0) return;
  }
}

beforeAll(async () => {
  t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: '1' });
  a = await createOrgFixture(t.database.db, 'hooks-a');
  b = await createOrgFixture(t.database.db, 'hooks-b');
  adminA = await signIn(t.app, a.people.admin.email);
  adminB = await signIn(t.app, b.people.admin.email);
  memberA = await signIn(t.app, a.people.member.email);
  rx = await receiver();
});
afterAll(async () => {
  rx.server.close();
  await t.close();
});

describe('webhooks', () => {
  beforeEach(async () => {
    await t.database.pool.query(`update webhook_endpoints set active = false`);
    await drain();
    rx.received.length = 0;
    rx.answers.length = 0;
  });

  it('shows the secret once and delivers a logged extra, signed, from the job and not from the request', async () => {
    const hook = await addWebhook({ name: 'Ons systeem', url: rx.url(), events: ['extra.logged'] });
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = await call(as(adminA), 'GET', '/api/v1/webhooks');
    expect(listed.body).toContain('Ons systeem');
    expect(listed.body).not.toContain(hook.secret);

    const logged = await logExtra(as(memberA));
    expect(logged.statusCode, logged.body).toBe(201);
    // The request only wrote it down: nothing has left yet.
    expect(rx.received).toHaveLength(0);
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'pending', attempts: 0 });

    expect(await deliver()).toMatchObject({ delivered: 1 });
    expect(rx.received).toHaveLength(1);
    const got = rx.received[0]!;
    const signature = String(got.headers['klantwerk-signature']);
    const [, stamp, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    expect(v1).toBe(createHmac('sha256', hook.secret).update(`${stamp}.${got.body}`).digest('hex'));
    // A receiver that checks with another secret, or a changed body, does not get the same signature.
    expect(v1).not.toBe(createHmac('sha256', 'whsec_other').update(`${stamp}.${got.body}`).digest('hex'));
    expect(got.headers['klantwerk-event']).toBe('extra.logged');
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      event: 'extra.logged',
      organization: { id: a.orgId },
      data: { extraId: logged.json().id, action: 'Een taart gebracht' },
    });
    expect(body.link).toBe('http://localhost:3000/extras');
    expect(body.text).toContain('Een taart gebracht');

    const log = await deliveriesOf(hook.id);
    expect(log[0]).toMatchObject({ status: 'delivered', attempts: 1, statusCode: 200, lastError: null });
    expect(JSON.stringify(log)).not.toContain(hook.secret);
    // Nothing is sent twice.
    expect(await deliver()).toMatchObject({ delivered: 0 });
  });

  it('retries after 500s with back-off (1, 5, 30 minutes ...) and shows it in the log; gives up after the last', async () => {
    const hook = await addWebhook({ name: 'Wankel', url: rx.url('/flaky'), events: ['extra.logged'] });
    rx.answers.push(500, 503, 500);
    expect((await logExtra(as(memberA))).statusCode).toBe(201);
    const start = new Date();
    const minutes = (m: number) => new Date(start.getTime() + m * 60_000);

    expect(await deliver(start)).toMatchObject({ retrying: 1 });
    const afterFirst = (await deliveriesOf(hook.id))[0]!;
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, statusCode: 500, lastError: 'answered 500' });
    expect(new Date(afterFirst.nextAttemptAt!).getTime()).toBe(minutes(BACKOFF_MINUTES[0]).getTime());

    // Not before its time.
    expect(await deliver(minutes(0.5))).toMatchObject({ delivered: 0, retrying: 0 });
    expect(rx.received).toHaveLength(1);
    expect(await deliver(minutes(1))).toMatchObject({ retrying: 1 });
    expect(await deliver(minutes(1 + 4))).toMatchObject({ retrying: 0 });
    expect(await deliver(minutes(1 + 5))).toMatchObject({ retrying: 1 });
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ attempts: 3, statusCode: 500 });
    expect(await deliver(minutes(1 + 5 + 30))).toMatchObject({ delivered: 1 });
    expect(rx.received).toHaveLength(4);
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      status: 'delivered',
      attempts: 4,
      statusCode: 200,
      nextAttemptAt: null,
    });
    // Every attempt of one event carries the same event id: the receiver can tell a repeat.
    expect(new Set(rx.received.map((r) => r.headers['klantwerk-event-id'])).size).toBe(1);

    // An address that keeps failing is given up after the last back-off.
    rx.answers.push(...Array(MAX_ATTEMPTS).fill(500));
    rx.received.length = 0;
    expect((await logExtra(as(memberA))).statusCode).toBe(201);
    let clock = Date.now();
    for (const wait of [0, ...BACKOFF_MINUTES]) {
      clock += wait * 60_000;
      await deliver(new Date(clock));
    }
    expect(rx.received).toHaveLength(MAX_ATTEMPTS);
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      nextAttemptAt: null,
    });
    expect(await deliver(new Date(clock + 86_400_000))).toMatchObject({ delivered: 0, retrying: 0, failed: 0 });
  });

  it('a dead or hanging address does not slow logging an extra, nor holds up the other addresses', async () => {
    const hanging = await hangingServer();
    try {
      const dead = await addWebhook({ name: 'Dood', url: await refusedUrl(), events: ['extra.logged'] });
      const slow = await addWebhook({ name: 'Traag', url: hanging.url, events: ['extra.logged'] });
      const fine = await addWebhook({ name: 'Goed', url: rx.url('/fine'), events: ['extra.logged'] });

      for (let i = 0; i < 5; i++) expect((await logExtra(as(memberA), `Extra ${i}`)).statusCode).toBe(201);
      // The requests were answered without reaching any address.
      expect(hanging.arrived()).toBe(0);
      expect(rx.received).toHaveLength(0);

      const now = new Date();
      const run = await deliver(now, 300);
      // Each dead address costs one attempt (one timeout) per run; its other deliveries wait for the
      // same back-off, and the good address gets all of its own in the same run.
      expect(run).toEqual({ delivered: 5, retrying: 2, failed: 0, postponed: 8 });
      expect(rx.received).toHaveLength(5);
      expect(hanging.arrived()).toBe(1);

      const deadLog = await deliveriesOf(dead.id);
      expect(deadLog).toHaveLength(5);
      const tried = deadLog.filter((d) => d.attempts === 1);
      expect(tried).toEqual([
        expect.objectContaining({ status: 'pending', statusCode: null, lastError: 'ECONNREFUSED' }),
      ]);
      const inAMinute = now.getTime() + 60_000;
      expect(deadLog.every((d) => d.status === 'pending' && new Date(d.nextAttemptAt!).getTime() === inAMinute)).toBe(
        true,
      );
      const slowLog = await deliveriesOf(slow.id);
      expect(slowLog.filter((d) => d.attempts === 1)).toEqual([
        expect.objectContaining({ status: 'pending', statusCode: null, lastError: 'no answer within 300 ms' }),
      ]);
      expect((await deliveriesOf(fine.id)).every((d) => d.status === 'delivered')).toBe(true);
      // Nothing is due again before its back-off.
      expect(await deliver(new Date(now.getTime() + 30_000), 300)).toMatchObject({ retrying: 0, postponed: 0 });

      const list = (await call(as(adminA), 'GET', '/api/v1/webhooks')).json().items;
      expect(list.find((w: { id: string }) => w.id === dead.id).lastDelivery.status).toBe('pending');
    } finally {
      hanging.close();
    }
  });

  it('speaks Slack and Teams in the organisation language, for a very negative reaction and a decided proposal', async () => {
    await addWebhook({
      name: 'Slack',
      url: rx.url('/slack'),
      format: 'slack',
      events: ['reaction.very_negative', 'proposal.decided'],
    });
    await addWebhook({ name: 'Teams', url: rx.url('/teams'), format: 'teams', events: ['reaction.very_negative'] });

    const touchpoint = await call(as(adminA), 'POST', '/api/v1/touchpoints', { name: 'Balie', teamId: a.teamId });
    expect(touchpoint.statusCode, touchpoint.body).toBe(201);
    const reacted = await t.app.inject({
      method: 'POST',
      url: new URL(touchpoint.json().link.url).pathname,
      payload: 'score=1&comment=slecht&contact=yes&name=Mevr.%20Jansen&phone=0612345678',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reacted.statusCode).toBe(303);

    const advisor = await signIn(t.app, a.people.advisor.email);
    const need = await call(as(advisor), 'POST', '/api/v1/needs', { what: 'Koffie', forWhom: 'Gasten', whyNow: 'Nu' });
    const proposal = await call(as(advisor), 'POST', '/api/v1/proposals', {
      kind: 'new',
      title: 'Koffie bij de balie',
      needId: need.json().id,
      proposal: 'Doen',
      effectCustomers: 'Blij',
      effectStaff: 'Blij',
      costCents: 100,
      risks: 'Geen',
      decisionWantedBy: null,
    });
    expect(proposal.statusCode, proposal.body).toBe(201);
    const director = await signIn(t.app, a.people.director.email);
    const decided = await call(as(director), 'POST', `/api/v1/proposals/${proposal.json().id}/decision`, {
      decision: 'approve',
      reason: 'Goed idee',
    });
    expect(decided.statusCode, decided.body).toBe(200);

    expect(await deliver()).toMatchObject({ delivered: 3 });
    const slack = rx.received.filter((r) => r.path === '/slack').map((r) => JSON.parse(r.body));
    expect(slack).toHaveLength(2);
    for (const message of slack) expect(Object.keys(message)).toEqual(['text']);
    const slackText = slack.map((m) => m.text).join('\n');
    expect(slackText).toContain('Koffie bij de balie');
    expect(slackText).toContain('goedgekeurd');
    // No contact details leave the app.
    expect(slackText).not.toContain('Jansen');
    expect(slackText).not.toContain('0612345678');
    const teams = JSON.parse(rx.received.find((r) => r.path === '/teams')!.body);
    expect(teams.type).toBe('message');
    const card = teams.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.type).toBe('AdaptiveCard');
    expect(card.content.body[0].text).toBe('Zeer ontevreden klant');
    expect(card.content.actions[0].url).toBe('http://localhost:3000/customer-voice/follow-ups');
    expect(JSON.stringify(teams)).not.toContain('Jansen');
  });

  it('posts a thanks between colleagues to a team channel, with both names and the words', async () => {
    await addWebhook({ name: 'Slack', url: rx.url('/slack'), format: 'slack', events: ['thanks.given'] });
    const thanked = await call(as(memberA), 'POST', '/api/v1/thanks', {
      toTeamId: a.otherTeamId,
      words: 'Dank voor de snelle sleutels',
    });
    expect(thanked.statusCode, thanked.body).toBe(201);
    expect(await deliver()).toMatchObject({ delivered: 1 });
    const [message] = rx.received.filter((r) => r.path === '/slack').map((r) => JSON.parse(r.body));
    expect(message.text).toContain(`${a.people.member.name} bedankt Other hooks-a: “Dank voor de snelle sleutels”`);
    expect(message.text).toContain('http://localhost:3000/feed');
  });

  it('tells when a promise is at risk (a step late) and when it was broken', async () => {
    await addWebhook({ name: 'Afspraken', url: rx.url('/promises'), events: ['promise.at_risk', 'promise.broken'] });
    const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const offering = await call(as(adminA), 'POST', '/api/v1/offerings', { name: 'Kamer' });
    const makePromise = async (what: string) => {
      const response = await call(as(memberA), 'POST', '/api/v1/promises', {
        customer: { name: 'Klant' },
        what,
        dueDate: inTenDays,
        offeringId: offering.json().id,
        ownerTeamId: a.teamId,
        steps: [{ teamId: a.teamId, what: `Stap van ${what}`, dueDate: inTenDays }],
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const late = await makePromise('Op tijd klaar');
    await t.database.pool.query(`update promise_steps set due_date = current_date - 1 where promise_id = $1`, [late]);
    await claimDueReminders(t.database.db, new Date());

    const broken = await makePromise('Te laat geleverd');
    await t.database.pool.query(
      `update promise_steps set due_date = current_date - 4, accepted_at = now(), done_on = current_date - 4 where promise_id = $1`,
      [broken],
    );
    await t.database.pool.query(
      `update promises set due_date = current_date - 3, created_at = now() - interval '10 days' where id = $1`,
      [broken],
    );
    const delivered = await call(as(memberA), 'POST', `/api/v1/promises/${broken}/delivery`, {});
    expect(delivered.statusCode, delivered.body).toBe(200);

    expect(await deliver()).toMatchObject({ delivered: 2 });
    const events = rx.received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => e.event).sort()).toEqual(['promise.at_risk', 'promise.broken']);
    const atRisk = events.find((e) => e.event === 'promise.at_risk');
    expect(atRisk.data).toMatchObject({ promiseId: late, step: 'Stap van Op tijd klaar' });
    expect(atRisk.link).toBe(`http://localhost:3000/promises/${late}`);
    expect(events.find((e) => e.event === 'promise.broken').text).toContain('Te laat geleverd');
    // The late step is told once, however often the reminder job runs.
    await claimDueReminders(t.database.db, new Date());
    expect(await deliver()).toMatchObject({ delivered: 0 });
  });

  it('an address gets the very next extra after it is added or switched back on, in every app process', async () => {
    // A process that logged an extra while the organisation had no address remembers that and leaves
    // out the look-up; it is told of no new address (another process may have added it), so this is
    // what a second process sees too.
    const quiet = await logExtra(as(memberA), 'Zonder adres');
    expect(quiet.statusCode, quiet.body).toBe(201);
    const hook = await addWebhook({ name: 'Nieuw', url: rx.url('/new'), events: ['extra.logged'] });
    // Sent with an Idempotency-Key, and again: one extra, one event.
    const keyed = { ...as(memberA), 'idempotency-key': randomUUID() };
    const first = await logExtra(keyed, 'Meteen erna');
    expect(first.statusCode, first.body).toBe(201);
    const again = await logExtra(keyed, 'Meteen erna');
    expect(again.json().id).toBe(first.json().id);
    expect(await deliveriesOf(hook.id)).toEqual([expect.objectContaining({ status: 'pending' })]);

    await call(as(adminA), 'PATCH', `/api/v1/webhooks/${hook.id}`, { active: false });
    await logExtra(as(memberA), 'Gepauzeerd');
    await t.database.pool.query(`update webhook_endpoints set active = true where id = $1`, [hook.id]);
    await logExtra(as(memberA), 'Weer aan');
    await deliver();
    expect(rx.received.map((r) => JSON.parse(r.body).data.action)).toEqual(['Meteen erna', 'Weer aan']);
  });

  it('a run at a moment takes what fell due in that same millisecond', async () => {
    // PostgreSQL keeps microseconds, a run's time has milliseconds: an extra logged a fraction of a
    // millisecond before the run is due in it.
    await addWebhook({ name: 'Meteen', url: rx.url('/same-ms'), events: ['extra.logged'] });
    expect((await logExtra(as(memberA), 'In dezelfde milliseconde')).statusCode).toBe(201);
    const { rows } = await t.database.pool.query<{ at: string }>(
      `update webhook_deliveries set next_attempt_at = date_trunc('milliseconds', now()) + interval '500 microseconds'
        where status = 'pending' returning to_char(date_trunc('milliseconds', next_attempt_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at`,
    );
    expect(rows).toHaveLength(1);
    expect(await deliver(new Date(rows[0]!.at))).toMatchObject({ delivered: 1 });
    expect(rx.received.map((r) => JSON.parse(r.body).data.action)).toEqual(['In dezelfde milliseconde']);
  });

  it('a paused address gets nothing; removing it removes its log', async () => {
    const hook = await addWebhook({ name: 'Pauze', url: rx.url('/paused'), events: ['extra.logged'] });
    const paused = await call(as(adminA), 'PATCH', `/api/v1/webhooks/${hook.id}`, { active: false });
    expect(paused.json().active).toBe(false);
    await logExtra(as(memberA));
    await deliver();
    expect(rx.received).toHaveLength(0);
    expect(await deliveriesOf(hook.id)).toEqual([]);
    expect((await call(as(adminA), 'DELETE', `/api/v1/webhooks/${hook.id}`)).statusCode).toBe(204);
    expect((await call(as(adminA), 'GET', `/api/v1/webhooks/${hook.id}/deliveries`)).statusCode).toBe(404);
  });

  it('only administrators manage webhooks, and never those of another organisation', async () => {
    const hook = await addWebhook({ name: 'Van A', url: rx.url(), events: ['extra.logged'] });
    expect((await call(as(memberA), 'GET', '/api/v1/webhooks')).statusCode).toBe(403);
    expect((await call(as(adminB), 'GET', '/api/v1/webhooks')).body).not.toContain('Van A');
    expect((await call(as(adminB), 'GET', `/api/v1/webhooks/${hook.id}/deliveries`)).statusCode).toBe(404);
    expect((await call(as(adminB), 'PATCH', `/api/v1/webhooks/${hook.id}`, { name: 'Van B' })).statusCode).toBe(404);
    expect((await call(as(adminB), 'DELETE', `/api/v1/webhooks/${hook.id}`)).statusCode).toBe(404);
    // B's events never reach A's address.
    const memberB = await signIn(t.app, b.people.member.email);
    await logExtra(as(memberB));
    await deliver();
    expect(rx.received).toHaveLength(0);
  });
});

describe('where webhooks may go', () => {
  it('refuses loopback, private and metadata addresses unless allowed', async () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.1.1',
      '172.20.0.1',
      '169.254.169.254',
      '::1',
      '::ffff:127.0.0.1',
      'fd00::1',
      '0.0.0.0',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '2a00:1450:4001:80b::200e', '52.1.2.3'])
      expect(isPrivateAddress(address), address).toBe(false);

    await expect(post(rx.url(), '{}', {}, { timeoutMs: 1_000, allowPrivate: false })).rejects.toThrow(
      /private or loopback/,
    );
    await expect(post('http://localhost:1/x', '{}', {}, { timeoutMs: 1_000, allowPrivate: false })).rejects.toThrow(
      /private or loopback/,
    );
    await expect(post('ftp://example.com/x', '{}', {}, { timeoutMs: 1_000, allowPrivate: true })).rejects.toThrow(
      /http/,
    );
    expect(rx.received).toHaveLength(0);
    // A name is resolved, checked, and reached at the address that was checked (allowed here).
    expect(
      await post(rx.url().replace('127.0.0.1', 'localhost'), '{}', {}, { timeoutMs: 2_000, allowPrivate: true }),
    ).toBe(200);

    const tenant = {
      orgId: a.orgId,
      memberId: a.people.admin.memberId,
      userId: a.people.admin.userId,
      roles: ['admin' as const],
      teamIds: [],
      managedTeamIds: [],
      timeZone: 'Europe/Amsterdam',
    };
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://localhost/x',
      'http://[::1]/x',
      'http://169.254.169.254/latest',
      'http://intranet/x',
    ])
      await expect(
        createWebhook({ db: t.database.db, allowPrivate: false }, tenant, {
          name: 'x',
          url,
          format: 'klantwerk',
          events: ['extra.logged'],
        }),
        url,
      ).rejects.toMatchObject({ status: 400 });
  });

  it('only http(s) addresses are accepted when registering', async () => {
    for (const url of [
      'ftp://example.com/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://user:pw@example.com/x',
    ]) {
      const response = await call(as(adminA), 'POST', '/api/v1/webhooks', { name: 'x', url, events: ['extra.logged'] });
      expect(response.statusCode, url).toBe(400);
    }
  });
});

describe('API keys', () => {
  const createKey = async (role: string, expiresInDays = 30) => {
    const response = await call(as(adminA), 'POST', '/api/v1/api-keys', {
      name: `Koppeling ${role}`,
      role,
      expiresInDays,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; key: string; prefix: string };
  };

  it('is shown once and stored only as a hash', async () => {
    const made = await createKey('member');
    expect(made.key).toMatch(/^kw_[A-Za-z0-9_-]{43}$/);
    expect(made.key.startsWith(made.prefix)).toBe(true);
    const listed = await call(as(adminA), 'GET', '/api/v1/api-keys');
    expect(listed.body).toContain(made.prefix);
    expect(listed.body).not.toContain(made.key);
    const { rows } = await t.database.pool.query(`select * from api_keys where id = $1`, [made.id]);
    expect(JSON.stringify(rows)).not.toContain(made.key);
  });

  it('opens the routes of its role, without cookie or same-origin, and refuses others with 403', async () => {
    const { key } = await createKey('member');
    expect((await call(bearer(key), 'GET', '/api/v1/values')).statusCode).toBe(200);
    // A write from another system: no cookie, another origin; CSRF checks are for browsers and cookies.
    const logged = await logExtra(
      { ...bearer(key), origin: 'https://crm.example.com', 'sec-fetch-site': 'cross-site' },
      'Via de koppeling',
    );
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json().member.id).toBe(a.people.admin.memberId);
    expect((await call(bearer(key), 'GET', '/api/v1/members')).statusCode).toBe(403);
    expect((await call(bearer(key), 'GET', '/api/v1/api-keys')).statusCode).toBe(403);
    // Routes for a person are not for a key.
    expect((await call(bearer(key), 'GET', '/api/v1/me')).statusCode).toBe(403);
    // A cookie beside the key does not lend the key its rights.
    expect((await call({ ...bearer(key), cookie: adminA }, 'GET', '/api/v1/members')).statusCode).toBe(403);

    const directorKey = (await createKey('director')).key;
    expect((await call(bearer(directorKey), 'GET', '/api/v1/members')).statusCode).toBe(200);
    expect((await call(bearer(directorKey), 'GET', '/api/v1/organization')).statusCode).toBe(200);
    expect((await call(bearer(directorKey), 'PATCH', '/api/v1/organization', { name: 'Overgenomen' })).statusCode).toBe(
      403,
    );
  });

  it('is refused with 401 once revoked, expired, unknown, or its maker is gone', async () => {
    const made = await createKey('member');
    expect((await call(bearer(made.key), 'GET', '/api/v1/values')).statusCode).toBe(200);
    const revoked = await call(as(adminA), 'POST', `/api/v1/api-keys/${made.id}/revoke`);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await call(bearer(made.key), 'GET', '/api/v1/values')).statusCode).toBe(401);

    const expiring = await createKey('member', 1);
    await t.database.pool.query(`update api_keys set expires_at = now() - interval '1 second' where id = $1`, [
      expiring.id,
    ]);
    expect((await call(bearer(expiring.key), 'GET', '/api/v1/values')).statusCode).toBe(401);

    expect((await call(bearer(`kw_${'x'.repeat(43)}`), 'GET', '/api/v1/values')).statusCode).toBe(401);
    expect((await call(bearer('kw_short'), 'GET', '/api/v1/values')).statusCode).toBe(401);
    expect((await call(bearer(made.key.slice(0, -1)), 'GET', '/api/v1/values')).statusCode).toBe(401);

    // The key acts in its maker's name: once they are deactivated, it stops.
    const second = await addFixturePerson(t.database.db, a, 'second-admin', ['admin'], a.teamId, false);
    const secondCookie = await signIn(t.app, second.email);
    const theirs = await call(as(secondCookie), 'POST', '/api/v1/api-keys', {
      name: 'Van de tweede',
      role: 'member',
      expiresInDays: 30,
    });
    expect((await call(bearer(theirs.json().key), 'GET', '/api/v1/values')).statusCode).toBe(200);
    const deactivated = await call(as(adminA), 'POST', `/api/v1/members/${second.memberId}/deactivate`);
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect((await call(bearer(theirs.json().key), 'GET', '/api/v1/values')).statusCode).toBe(401);
  });

  it("never reaches another organisation's data", async () => {
    const { key } = await createKey('director');
    const memberB = await signIn(t.app, b.people.member.email);
    const extraOfB = await logExtra(as(memberB), 'Geheim van B');
    expect(extraOfB.statusCode).toBe(201);
    expect((await call(bearer(key), 'GET', `/api/v1/extras/${extraOfB.json().id}`)).statusCode).toBe(404);
    const all = await call(bearer(key), 'GET', '/api/v1/extras?scope=all');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.body).not.toContain('Geheim van B');
    expect((await call(bearer(key), 'GET', '/api/v1/members?status=all')).body).not.toContain(b.people.member.email);
    // Keys of A are not listed, nor revocable, by B.
    const keys = (await call(as(adminA), 'GET', '/api/v1/api-keys')).json().items as { id: string }[];
    expect((await call(as(adminB), 'GET', '/api/v1/api-keys')).body).not.toContain(keys[0]!.id);
    expect((await call(as(adminB), 'POST', `/api/v1/api-keys/${keys[0]!.id}/revoke`)).statusCode).toBe(404);
  });

  it('audits every write and the first read of the day, counts each use, and never logs the key', async () => {
    const made = await createKey('member');
    for (let i = 0; i < 3; i++) await call(bearer(made.key), 'GET', '/api/v1/values');
    await logExtra(bearer(made.key), 'Geaudit');
    await call(bearer(made.key), 'GET', '/api/v1/members');
    const { rows: audit } = await t.database.pool.query(
      `select action, data from audit_log where subject_id = $1 and action like 'api_key.%' order by at`,
      [made.id],
    );
    expect(audit.map((r) => r.action)).toEqual(['api_key.created', 'api_key.used_today', 'api_key.write']);
    expect(audit[2].data).toEqual({ method: 'POST', route: '/api/v1/extras' });
    const listed = (await call(as(adminA), 'GET', '/api/v1/api-keys'))
      .json()
      .items.find((k: { id: string }) => k.id === made.id);
    expect(listed.uses).toBe(5);
    expect(listed.lastUsedAt).not.toBeNull();
    expect(t.logs.join('\n')).not.toContain(made.key);
    expect(t.logs.join('\n')).not.toContain(made.key.slice(11));
  });

  it('is described in the OpenAPI document with the bearer scheme', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const path of [
      '/api/v1/webhooks',
      '/api/v1/webhooks/{webhookId}/deliveries',
      '/api/v1/api-keys',
      '/api/v1/api-keys/{keyId}/revoke',
    ])
      expect(Object.keys(doc.paths), path).toContain(path);
  });
});

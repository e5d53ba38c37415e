import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { startSmtpSink } from '../../../../test/helpers/smtp-sink';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { ReactionRequestState } from '../../../contracts/reaction-requests.contract';
import type { CustomerReaction } from '../../../contracts/voice.contract';
import { addDays, localDay } from '../../lib/days';
import { eraseOldRequestAddresses } from './reaction-requests.service';

// Asking the customer for a reaction by e-mail: once per delivered promise or extra, with consent, in
// the customer's language, over a real SMTP conversation; the reaction that comes back is the promise's.

let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let f: OrgFixture;
let other: OrgFixture;
type Who = 'member' | 'colleague' | 'manager' | 'director' | 'advisor' | 'outsider' | 'otherOrg';
const cookie = {} as Record<Who, string>;
const colleague = { memberId: '' };
const WHAT = 'Verjaardagsdiner voor 8 personen';
let promiseId: string;
let extraId: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({}, undefined, { smtpUrl: sink.url });
  f = await createOrgFixture(t.database.db, 'ask');
  other = await createOrgFixture(t.database.db, 'ask-other');
  for (const who of ['member', 'manager', 'director', 'advisor'] as const)
    cookie[who] = await signIn(t.app, f.people[who].email);
  cookie.outsider = await signIn(t.app, f.outsider.email);
  cookie.otherOrg = await signIn(t.app, other.people.director.email);
  const person = await addFixturePerson(t.database.db, f, 'colleague', ['member'], f.teamId, false);
  colleague.memberId = person.memberId;
  cookie.colleague = await signIn(t.app, person.email);

  const today = localDay('Europe/Amsterdam');
  const made = await call('member', 'POST', '/promises', {
    customer: { name: 'Familie Verbeek' },
    what: WHAT,
    dueDate: addDays(today, 10),
    offeringId: null,
    breachReason: 'Vaste klant',
    ownerTeamId: f.teamId,
    steps: [{ teamId: f.teamId, what: 'Tafel dekken', dueDate: addDays(today, 9) }],
  });
  expect(made.statusCode, made.body).toBe(201);
  promiseId = made.json().id;
  const extra = await call('member', 'POST', '/extras', {
    occasion: 'Gast was jarig',
    action: 'Taartje op de kamer',
    kind: 'gift',
    costCents: 500,
    minutes: 5,
    aboveMandateReason: 'verjaardag',
  });
  expect(extra.statusCode, extra.body).toBe(201);
  extraId = extra.json().id;
});
afterAll(async () => {
  if (process.env.SHOW_ERRORS) console.log(t.logs.filter((l) => l.includes('"level":50')).join('\n'));
  await t?.close();
  await sink?.close();
});

const call = apiCaller(() => t.app, cookie);
const ask = (who: Who, path: string, body: object) => call(who, 'POST', `${path}/reaction-request`, body);
const state = async (who: Who, path: string) =>
  (await call(who, 'GET', `${path}/reaction-request`)).json() as ReactionRequestState;
const consented = (email: string, language?: 'nl' | 'en') => ({ email, consent: true, ...(language && { language }) });

async function deliver() {
  const promise = (await call('member', 'GET', `/promises/${promiseId}`)).json();
  const step = `/promises/${promiseId}/steps/${promise.steps[0].id}`;
  expect((await call('member', 'POST', `${step}/accept`)).statusCode).toBe(200);
  expect((await call('member', 'POST', `${step}/done`, {})).statusCode).toBe(200);
  const delivered = await call('member', 'POST', `/promises/${promiseId}/delivery`, { followUp: null });
  expect(delivered.statusCode, delivered.body).toBe(200);
}

describe('asking for a reaction by e-mail from a promise', () => {
  it('is refused before the promise is delivered, and without consent or with bad input', async () => {
    const before = await state('member', `/promises/${promiseId}`);
    expect(before).toEqual({ request: null, mailAvailable: true, ready: false, defaultLanguage: 'nl' });
    const early = await ask('member', `/promises/${promiseId}`, consented('klant@example.com'));
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('promise_not_delivered');
    await deliver();
    expect((await state('member', `/promises/${promiseId}`)).ready).toBe(true);

    for (const [body, path] of [
      [{ email: 'klant@example.com' }, 'body.consent'],
      [{ email: 'klant@example.com', consent: false }, 'body.consent'],
      [{ email: 'geen-adres', consent: true }, 'body.email'],
      [{ email: 'klant@example.com', consent: true, language: 'de' }, 'body.language'],
    ] as const) {
      const refused = await ask('member', `/promises/${promiseId}`, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const extraField = await ask('member', `/promises/${promiseId}`, { ...consented('klant@example.com'), cc: 'x' });
    expect(extraField.statusCode).toBe(400);
    expect(sink.received).toEqual([]);
    expect((await state('member', `/promises/${promiseId}`)).request).toBeNull();
  });

  it('is refused to people outside the delivering team, to advisors and to another organisation', async () => {
    expect((await ask('outsider', `/promises/${promiseId}`, consented('klant@example.com'))).statusCode).toBe(404);
    expect((await call('outsider', 'GET', `/promises/${promiseId}/reaction-request`)).statusCode).toBe(404);
    expect((await ask('otherOrg', `/promises/${promiseId}`, consented('klant@example.com'))).statusCode).toBe(404);
    expect((await call('otherOrg', 'GET', `/promises/${promiseId}/reaction-request`)).statusCode).toBe(404);
    expect((await ask('advisor', `/promises/${promiseId}`, consented('klant@example.com'))).statusCode).toBe(403);
    expect(sink.received).toEqual([]);
  });

  it('is taken back when the mail cannot be sent, so it can be tried again', async () => {
    sink.refuseOnce.add('druk@example.com');
    const failed = await ask('colleague', `/promises/${promiseId}`, consented('druk@example.com'));
    expect(failed.statusCode).toBe(503);
    expect((await state('member', `/promises/${promiseId}`)).request).toBeNull();
  });

  it('sends one mail in the chosen language with the link, records who recorded consent, and refuses a second', async () => {
    const sent = await ask('colleague', `/promises/${promiseId}`, consented('Klant@Example.com', 'en'));
    expect(sent.statusCode, sent.body).toBe(201);
    const after = sent.json() as ReactionRequestState;
    expect(after.request).toMatchObject({ language: 'en', reacted: false, consentRecordedByName: expect.any(String) });
    expect(after.request!.consentRecordedByName).toBe(after.request!.sentByName);

    const mails = sink.mailsTo('klant@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('would like to hear how it went');
    expect(mails[0]!.text).toContain(WHAT);
    const token = mails[0]!.text.match(/\/r\/([A-Za-z0-9_-]{22})\?lang=en/)?.[1];
    expect(token).toBeDefined();

    const { rows } = await t.database.pool.query(
      `select consent_by, email from reaction_requests where org_id = $1 and promise_id = $2`,
      [f.orgId, promiseId],
    );
    expect(rows).toEqual([{ consent_by: colleague.memberId, email: 'klant@example.com' }]);

    const again = await ask('manager', `/promises/${promiseId}`, consented('ander@example.com'));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('reaction_already_requested');
    expect(sink.mailsTo('ander@example.com')).toEqual([]);
    // Everyone who may ask sees that it was sent, and when.
    expect((await state('director', `/promises/${promiseId}`)).request?.sentAt).toBe(after.request!.sentAt);

    // The customer opens the link in English and reacts: the reaction is the promise's.
    const page = await t.app.inject({ method: 'GET', url: `/r/${token}?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('lang="en"');
    const reacted = await t.app.inject({
      method: 'POST',
      url: `/r/${token}?lang=en`,
      payload: 'score=5&comment=Heerlijk%20diner',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '203.0.113.9',
    });
    expect(reacted.statusCode).toBe(303);
    expect((await state('member', `/promises/${promiseId}`)).request?.reacted).toBe(true);
    const reactions = (await call('member', 'GET', '/customer-reactions')).json().items as CustomerReaction[];
    expect(reactions.find((r) => r.comment === 'Heerlijk diner')).toMatchObject({ subject: 'promise', promiseId });
  });
});

describe('asking for a reaction by e-mail from an extra', () => {
  it('goes out in the organisation’s language by default, for the author and the team’s manager only', async () => {
    expect((await ask('colleague', `/extras/${extraId}`, consented('gast@example.com'))).statusCode).toBe(404);
    expect((await ask('otherOrg', `/extras/${extraId}`, consented('gast@example.com'))).statusCode).toBe(404);
    expect(await state('manager', `/extras/${extraId}`)).toMatchObject({ request: null, ready: true });
    const sent = await ask('manager', `/extras/${extraId}`, consented('gast@example.com'));
    expect(sent.statusCode, sent.body).toBe(201);
    expect((sent.json() as ReactionRequestState).request?.language).toBe('nl');
    const [mail] = sink.mailsTo('gast@example.com');
    expect(mail!.text).toContain('hoort graag hoe het was');
    expect(mail!.text).toMatch(/\/r\/[A-Za-z0-9_-]{22}\?lang=nl/);
    expect(mail!.text).not.toContain('Gast was jarig');
    expect((await ask('member', `/extras/${extraId}`, consented('gast@example.com'))).json().code).toBe(
      'reaction_already_requested',
    );
    expect(sink.mailsTo('gast@example.com')).toHaveLength(1);
  });

  it('erases the address after the organisation keeps contact details; the request stays and still counts', async () => {
    await t.database.pool.query(
      `update reaction_requests set created_at = now() - interval '91 days' where org_id = $1 and extra_id = $2`,
      [f.orgId, extraId],
    );
    expect(await eraseOldRequestAddresses(t.database.db)).toBe(1);
    const { rows } = await t.database.pool.query(
      `select extra_id, promise_id, email from reaction_requests where org_id = $1 order by extra_id nulls last`,
      [f.orgId],
    );
    expect(rows).toEqual([
      { extra_id: extraId, promise_id: null, email: null },
      { extra_id: null, promise_id: promiseId, email: 'klant@example.com' },
    ]);
    expect(await eraseOldRequestAddresses(t.database.db)).toBe(0);
    expect((await state('member', `/extras/${extraId}`)).request).not.toBeNull();
    expect((await ask('member', `/extras/${extraId}`, consented('gast@example.com'))).statusCode).toBe(409);
  });
});

describe('a customer who asks to be forgotten', () => {
  it('loses the address their reaction was asked at; the request stays', async () => {
    const promise = (await call('member', 'GET', `/promises/${promiseId}`)).json();
    const forgot = await call('manager', 'POST', `/customers/${promise.customer.id}/forget`);
    expect(forgot.statusCode, forgot.body).toBe(204);
    const { rows } = await t.database.pool.query(
      `select email from reaction_requests where org_id = $1 and promise_id = $2`,
      [f.orgId, promiseId],
    );
    expect(rows).toEqual([{ email: null }]);
    expect((await state('member', `/promises/${promiseId}`)).request).not.toBeNull();
  });
});

describe('the API document', () => {
  it('describes both routes with the consent the body requires', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    for (const path of ['/api/v1/extras/{extraId}/reaction-request', '/api/v1/promises/{promiseId}/reaction-request']) {
      expect(doc.paths[path].get.responses).toHaveProperty('200');
      const body = doc.paths[path].post.requestBody.content['application/json'].schema;
      expect(body.required).toEqual(expect.arrayContaining(['email', 'consent']));
    }
  });
});

describe('without mail set up', () => {
  it('says so and sends nothing', async () => {
    const noMail = await createTestApp({}, undefined, { mailDelivers: false });
    try {
      const g = await createOrgFixture(noMail.database.db, 'ask-nomail');
      const member = await signIn(noMail.app, g.people.member.email);
      const extra = await noMail.app.inject({
        method: 'POST',
        url: '/api/v1/extras',
        payload: { occasion: 'Gast', action: 'Koffie', kind: 'gift', costCents: 0, minutes: 1 },
        headers: { cookie: member },
      });
      expect(extra.statusCode, extra.body).toBe(201);
      const url = `/api/v1/extras/${extra.json().id}/reaction-request`;
      const seen = await noMail.app.inject({ method: 'GET', url, headers: { cookie: member } });
      expect(seen.json()).toMatchObject({ mailAvailable: false, request: null });
      const refused = await noMail.app.inject({
        method: 'POST',
        url,
        payload: consented('gast@example.com'),
        headers: { cookie: member },
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('mail_not_set_up');
      expect(noMail.mailer.outbox).toEqual([]);
    } finally {
      await noMail.close();
    }
  });
});

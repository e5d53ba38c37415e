import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { replyLinkIn, startSmtpSink } from '../../../../test/helpers/smtp-sink';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { FollowupDetail, Touchpoint, VoiceSettings } from '../../../contracts/voice.contract';
import { addDays, localDay } from '../../lib/days';
import { eraseOldContacts } from './reactions.service';

// Follow-ups that reach the customer: due days the organisation sets per score, giving a follow-up to a
// person of the team, the automatic first answer, a conversation by e-mail through a real SMTP server
// on loopback with the customer's replies coming back through the reply page, closing with an
// outcome, and the conversation erased with the contact details.

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let f: OrgFixture;
let other: OrgFixture;
type Who = 'member' | 'manager' | 'director' | 'admin' | 'outsider' | 'otherOrg' | 'left';
const cookie = {} as Record<Who, string>;
let desk: Touchpoint;
let timeZone: string;
let leftMemberId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({}, undefined, { smtpUrl: smtp.url });
  f = await createOrgFixture(t.database.db, 'follow');
  other = await createOrgFixture(t.database.db, 'follow-other');
  for (const who of ['member', 'manager', 'director', 'admin'] as const)
    cookie[who] = await signIn(t.app, f.people[who].email);
  cookie.outsider = await signIn(t.app, f.outsider.email);
  cookie.otherOrg = await signIn(t.app, other.people.director.email);
  const left = await addFixturePerson(t.database.db, f, 'left', ['member'], f.teamId, false);
  leftMemberId = left.memberId;
  await t.database.pool.query(`update members set status = 'deactivated' where id = $1`, [left.memberId]);
  const made = await call('director', 'POST', '/touchpoints', { name: 'Receptie', teamId: f.teamId });
  expect(made.statusCode, made.body).toBe(201);
  desk = made.json();
  timeZone = (await t.database.pool.query(`select time_zone from organizations where id = $1`, [f.orgId])).rows[0]
    .time_zone;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const call = apiCaller(() => t.app, cookie);
let address = 10;
/** The customer reacts on the desk's link, from an address of their own. */
function react(fields: Record<string, string>, lang = 'nl') {
  return t.app.inject({
    method: 'POST',
    url: `${new URL(desk.link!.url).pathname}?lang=${lang}`,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: `198.51.100.${address++}`,
  });
}
const followupOf = async (email: string) => {
  const items = (await call('manager', 'GET', '/voice-followups')).json().items as FollowupDetail[];
  const found = items.find((i) => i.reaction.contact?.email === email);
  expect(found).toBeDefined();
  return (await call('manager', 'GET', `/voice-followups/${found!.id}`)).json() as FollowupDetail;
};
const customerPost = (url: string, text: string, ip = '203.0.113.50') =>
  t.app.inject({
    method: 'POST',
    url: new URL(url).pathname,
    payload: new URLSearchParams({ text }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: ip,
  });

describe('due days per score', () => {
  it('have defaults, worse sooner; only the administrator sets them, and only for very negative scores', async () => {
    const defaults = (await call('manager', 'GET', '/voice-settings')).json() as VoiceSettings;
    const days = (scale: string, score: number) =>
      defaults.followupDueDays.find((d) => d.scale === scale && d.score === score)!.days;
    expect(days('scale10', 0)).toBeLessThan(days('scale10', 2));
    expect((await call('member', 'GET', '/voice-settings')).statusCode).toBe(403);
    const body = { followupDueDays: [{ scale: 'agree5', score: 1, days: 5 }] };
    expect((await call('director', 'PUT', '/voice-settings', body)).statusCode).toBe(403);
    expect((await call('manager', 'PUT', '/voice-settings', body)).statusCode).toBe(403);
    for (const bad of [
      [{ scale: 'agree5', score: 3, days: 5 }],
      [{ scale: 'agree5', score: 1, days: 31 }],
      [{ scale: 'agree5', score: 1, days: -1 }],
      [
        { scale: 'agree5', score: 1, days: 2 },
        { scale: 'agree5', score: 1, days: 3 },
      ],
      [],
    ])
      expect((await call('admin', 'PUT', '/voice-settings', { followupDueDays: bad })).statusCode).toBe(400);
    const set = await call('admin', 'PUT', '/voice-settings', body);
    expect(set.statusCode, set.body).toBe(200);
    expect((set.json() as VoiceSettings).followupDueDays).toContainEqual({ scale: 'agree5', score: 1, days: 5 });
    // What was not sent keeps its value.
    expect((set.json() as VoiceSettings).followupDueDays).toContainEqual({
      scale: 'scale10',
      score: 0,
      days: days('scale10', 0),
    });
    // Another organisation keeps its own.
    expect(((await call('otherOrg', 'GET', '/voice-settings')).json() as VoiceSettings).followupDueDays).toContainEqual(
      { scale: 'agree5', score: 1, days: 2 },
    );
  });
});

describe('a follow-up that reaches the customer', () => {
  let open: FollowupDetail;
  let replyUrl: string;

  it('opens with the due day set for the score and sends the customer an automatic first answer in their language', async () => {
    const reacted = await react(
      { score: '1', comment: 'Koude kamer', contact: 'yes', name: 'Ms Smith', email: 'smith@example.test' },
      'en',
    );
    expect(reacted.statusCode).toBe(303);
    open = await followupOf('smith@example.test');
    expect(open.dueOn).toBe(addDays(localDay(timeZone), 5));
    const mail = await smtp.waitFor('smith@example.test');
    expect(mail.subject).toBe('Your reaction to Org follow');
    expect(mail.text).toContain('you will hear from Org follow by');
    const [year] = open.dueOn.split('-');
    expect(mail.text).toContain(year);
    replyUrl = replyLinkIn(mail.text)!;
    expect(replyUrl).toBeDefined();
    expect(open.conversation).toMatchObject([{ kind: 'first_answer', authorName: null }]);
    expect(open.mail).toBe('ready');

    // Without an address (a phone number only) nothing is mailed, and the app says why.
    const before = smtp.received.length;
    expect((await react({ score: '1', contact: 'yes', phone: '0612345678' })).statusCode).toBe(303);
    const items = (await call('manager', 'GET', '/voice-followups')).json().items as FollowupDetail[];
    const byPhone = items.find((i) => i.reaction.contact?.phone === '0612345678')!;
    const detail = (await call('manager', 'GET', `/voice-followups/${byPhone.id}`)).json() as FollowupDetail;
    expect(detail.mail).toBe('no_address');
    expect(detail.conversation).toEqual([]);
    expect(
      (await call('manager', 'POST', `/voice-followups/${byPhone.id}/messages`, { text: 'Hallo' })).statusCode,
    ).toBe(409);
    expect(smtp.received.length).toBe(before);
  });

  it('is given to an active person of the team, who then sees it and its contact details', async () => {
    expect(open.assignees.map((a) => a.id).sort()).toEqual(
      [f.people.manager.memberId, f.people.member.memberId].sort(),
    );
    const assign = (who: Who, memberId: string | null) =>
      call(who, 'PUT', `/voice-followups/${open.id}/assignee`, { memberId });
    expect((await call('member', 'GET', `/voice-followups/${open.id}`)).statusCode).toBe(404);
    expect((await assign('manager', f.outsider.memberId)).statusCode).toBe(400);
    expect((await assign('manager', leftMemberId)).statusCode).toBe(400);
    expect((await assign('manager', other.people.member.memberId)).statusCode).toBe(400);
    expect((await assign('manager', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(400);
    expect((await assign('member', f.people.member.memberId)).statusCode).toBe(403);
    expect((await assign('otherOrg', f.people.member.memberId)).statusCode).toBe(404);
    const given = await assign('manager', f.people.member.memberId);
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().assignee).toEqual({ id: f.people.member.memberId, name: f.people.member.name });
    const mine = (await call('member', 'GET', '/voice-followups')).json().items as FollowupDetail[];
    expect(mine.map((i) => i.id)).toEqual([open.id]);
    expect(mine[0]!.reaction.contact?.email).toBe('smith@example.test');
    // Erasing them is for the leaders: the screen offers it only to them, and the server holds to that.
    expect(mine[0]!.reaction.contact?.erasable).toBe(false);
    const asManager = (await call('manager', 'GET', `/voice-followups/${open.id}`)).json() as FollowupDetail;
    expect(asManager.reaction.contact?.erasable).toBe(true);
    expect((await call('member', 'DELETE', `/customer-reactions/${open.reaction.id}/contact`)).statusCode).toBe(403);
    // The person it is given to is told.
    const notices = (await call('member', 'GET', '/notifications')).json().items as {
      kind: string;
      data: { followupId?: string };
    }[];
    expect(notices.some((n) => n.kind === 'voice_followup' && n.data.followupId === open.id)).toBe(true);
    expect((await call('outsider', 'GET', `/voice-followups/${open.id}`)).statusCode).toBe(404);
    expect((await call('outsider', 'GET', '/voice-followups')).json().items).toEqual([]);
  });

  it('lets the person write to the customer by e-mail; the mail holds the reply link', async () => {
    const write = (who: Who, text: unknown) => call(who, 'POST', `/voice-followups/${open.id}/messages`, { text });
    expect((await write('member', '')).statusCode).toBe(400);
    expect((await write('member', 'x'.repeat(4001))).statusCode).toBe(400);
    expect((await write('outsider', 'Hallo')).statusCode).toBe(404);
    expect((await write('otherOrg', 'Hallo')).statusCode).toBe(404);
    const sent = await write('member', 'Dear Ms Smith, we are sorry about the cold room. May we call you?');
    expect(sent.statusCode, sent.body).toBe(201);
    const mail = await smtp.waitFor('smith@example.test', (m) => m.text.includes('May we call you?'));
    expect(mail.subject).toBe('About your reaction to Org follow');
    // The same reply page as in the first answer: one conversation.
    expect(replyLinkIn(mail.text)).toBe(replyUrl);
    expect((sent.json() as FollowupDetail).conversation.map((m) => [m.kind, m.authorName])).toEqual([
      ['first_answer', null],
      ['to_customer', f.people.member.name],
    ]);
  });

  it('takes the customer’s reply through the public page, throttled, and shows it on the follow-up', async () => {
    const page = await t.app.inject({ method: 'GET', url: new URL(replyUrl).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('May we call you?');
    expect(page.body).toContain('lang="en"');
    expect(page.body).not.toContain('<script');
    expect((await customerPost(replyUrl, '   ')).statusCode).toBe(400);
    const replied = await customerPost(replyUrl, 'Yes, please call me tomorrow after ten.');
    expect(replied.statusCode).toBe(303);
    const thanks = await t.app.inject({ method: 'GET', url: replied.headers.location as string });
    expect(thanks.body).toContain('Your answer has been received');
    const detail = (await call('member', 'GET', `/voice-followups/${open.id}`)).json() as FollowupDetail;
    expect(detail.conversation.at(-1)).toMatchObject({
      kind: 'from_customer',
      body: 'Yes, please call me tomorrow after ten.',
    });
    expect(detail.customerReplied).toBe(true);
    // A made-up or altered token finds nothing.
    for (const url of ['/r/answer/AAAAAAAAAAAAAAAAAAAAAA', '/r/answer/short', `${new URL(replyUrl).pathname}x`])
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    // What the database holds does not open the page: the link's signature is made with the app's secret.
    const { rows } = await t.database.pool.query<{ reply_token: string }>(
      'select reply_token from voice_followups where org_id = $1 and id = $2',
      [f.orgId, open.id],
    );
    const stored = rows[0]!.reply_token;
    expect(replyUrl).not.toContain(stored);
    const [token, signature] = new URL(replyUrl).pathname.split('/').at(-1)!.split('.');
    for (const guess of [
      stored,
      stored.replace(/^s:/, ''),
      `${token}.${signature!.slice(1)}`,
      `${token}.${'A'.repeat(43)}`,
    ])
      expect((await t.app.inject({ method: 'GET', url: `/r/answer/${encodeURIComponent(guess)}` })).statusCode).toBe(
        404,
      );
    // One address may answer only so often.
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await customerPost(replyUrl, `Nog iets ${i}`, '203.0.113.99')).statusCode);
    expect(codes.at(-1)).toBe(429);
  });

  it('still opens a link mailed before links were signed, until it expires', async () => {
    const query = (text: string, values: unknown[]) => t.database.pool.query<{ reply_token: string }>(text, values);
    const { rows } = await query('select reply_token from voice_followups where org_id = $1 and id = $2', [
      f.orgId,
      open.id,
    ]);
    // As such a token was stored: 22 characters, no prefix.
    await query('update voice_followups set reply_token = $3 where org_id = $1 and id = $2', [
      f.orgId,
      open.id,
      'EarlierLinkEarlierLink',
    ]);
    const page = await t.app.inject({ method: 'GET', url: '/r/answer/EarlierLinkEarlierLink' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('May we call you?');
    await query(
      "update voice_followups set reply_token_expires_at = now() - interval '1 minute' where org_id = $1 and id = $2",
      [f.orgId, open.id],
    );
    expect((await t.app.inject({ method: 'GET', url: '/r/answer/EarlierLinkEarlierLink' })).statusCode).toBe(404);
    await query(
      "update voice_followups set reply_token = $3, reply_token_expires_at = now() + interval '30 days' where org_id = $1 and id = $2",
      [f.orgId, open.id, rows[0]!.reply_token],
    );
  });

  it('closes with an outcome; then nothing more is sent or taken', async () => {
    expect(
      (await call('member', 'POST', `/voice-followups/${open.id}/close`, { outcome: 'somewhere' })).statusCode,
    ).toBe(400);
    expect(
      (await call('outsider', 'POST', `/voice-followups/${open.id}/close`, { outcome: 'resolved' })).statusCode,
    ).toBe(404);
    const closed = await call('member', 'POST', `/voice-followups/${open.id}/close`, {
      outcome: 'not_reachable',
      note: 'Twee keer gebeld, geen gehoor',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'not_reachable',
      mail: 'closed',
      closedByName: f.people.member.name,
    });
    expect(
      (await call('member', 'POST', `/voice-followups/${open.id}/messages`, { text: 'Nog één ding' })).statusCode,
    ).toBe(409);
    expect((await call('member', 'PUT', `/voice-followups/${open.id}/assignee`, { memberId: null })).statusCode).toBe(
      403,
    );
    const page = await t.app.inject({ method: 'GET', url: new URL(replyUrl).pathname });
    expect(page.body).toContain('This conversation has been closed');
    expect((await customerPost(replyUrl, 'Hallo?', '203.0.113.77')).statusCode).toBe(409);
  });

  it('is erased with the contact details by the retention sweep: the address, the texts and the reply page', async () => {
    await t.database.pool.query(
      `update customer_reactions set created_at = now() - interval '400 days' where org_id = $1 and contact_email = 'smith@example.test'`,
      [f.orgId],
    );
    expect(await eraseOldContacts(t.database.db)).toBe(1);
    const detail = (await call('director', 'GET', `/voice-followups/${open.id}`)).json() as FollowupDetail;
    expect(detail.reaction.contact).toBeNull();
    expect(detail.conversation.length).toBeGreaterThan(0);
    expect(detail.conversation.every((m) => m.body === null)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: new URL(replyUrl).pathname })).statusCode).toBe(404);
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n from voice_followup_messages where org_id = $1 and body like '%call%'`,
      [f.orgId],
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('a customer who asks to be forgotten', () => {
  it('takes the conversation with the contact details when they are erased on request', async () => {
    expect((await react({ score: '1', contact: 'yes', email: 'forget@example.test' }, 'nl')).statusCode).toBe(303);
    const mail = await smtp.waitFor('forget@example.test');
    expect(mail.subject).toBe('Uw klantreactie aan Org follow');
    const link = replyLinkIn(mail.text)!;
    const followup = await followupOf('forget@example.test');
    expect(followup.conversation).toHaveLength(1);
    const erased = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/customer-reactions/${followup.reaction.id}/contact`,
      headers: { cookie: cookie.manager },
    });
    expect(erased.statusCode).toBe(204);
    const after = (await call('manager', 'GET', `/voice-followups/${followup.id}`)).json() as FollowupDetail;
    expect(after.reaction.contact).toBeNull();
    expect(after.conversation.map((m) => m.body)).toEqual([null]);
    expect(after.mail).toBe('no_address');
    expect((await t.app.inject({ method: 'GET', url: new URL(link).pathname })).statusCode).toBe(404);
  });
});

describe('without mail set up (no SMTP_URL)', () => {
  it('sends no first answer, says so on the follow-up and offers no sending', async () => {
    const quiet = await createTestApp({}, undefined, { mailDelivers: false });
    try {
      const g = await createOrgFixture(quiet.database.db, 'quiet');
      const director = await signIn(quiet.app, g.people.director.email);
      const tp = await quiet.app.inject({
        method: 'POST',
        url: '/api/v1/touchpoints',
        payload: { name: 'Balie', teamId: g.teamId },
        headers: { cookie: director },
      });
      await quiet.app.inject({
        method: 'POST',
        url: new URL(tp.json().link.url).pathname,
        payload: 'score=1&contact=yes&email=jansen%40example.test',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const [item] = (
        await quiet.app.inject({ method: 'GET', url: '/api/v1/voice-followups', headers: { cookie: director } })
      ).json().items;
      const detail = (
        await quiet.app.inject({
          method: 'GET',
          url: `/api/v1/voice-followups/${item.id}`,
          headers: { cookie: director },
        })
      ).json() as FollowupDetail;
      expect(detail.mail).toBe('mail_not_configured');
      expect(detail.conversation).toEqual([]);
      const write = await quiet.app.inject({
        method: 'POST',
        url: `/api/v1/voice-followups/${item.id}/messages`,
        payload: { text: 'Hallo' },
        headers: { cookie: director },
      });
      expect(write.statusCode).toBe(409);
      expect(quiet.mailer.outbox.filter((m) => m.to === 'jansen@example.test')).toEqual([]);
    } finally {
      await quiet.close();
    }
  });
});

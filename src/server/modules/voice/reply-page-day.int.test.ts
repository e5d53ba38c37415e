import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { replyLinkIn, startSmtpSink } from '../../../../test/helpers/smtp-sink';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { Touchpoint } from '../../../contracts/voice.contract';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let f: OrgFixture;
const cookie = {} as Record<'director', string>;
let desk: Touchpoint;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({}, undefined, { smtpUrl: smtp.url });
  f = await createOrgFixture(t.database.db, 'reply-day');
  cookie.director = await signIn(t.app, f.people.director.email);
  const made = await call('director', 'POST', '/touchpoints', { name: 'Receptie', teamId: f.teamId });
  expect(made.statusCode, made.body).toBe(201);
  desk = made.json();
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const call = apiCaller(() => t.app, cookie);

describe('the customer reply page', () => {
  it('dates a message by the organisation’s day (Europe/Amsterdam), not the server’s', async () => {
    const reacted = await t.app.inject({
      method: 'POST',
      url: `${new URL(desk.link!.url).pathname}?lang=en`,
      payload: new URLSearchParams({
        score: '1',
        comment: 'Koude kamer',
        contact: 'yes',
        name: 'Ms Jones',
        email: 'jones@example.test',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '198.51.100.77',
    });
    expect(reacted.statusCode).toBe(303);
    const mail = await smtp.waitFor('jones@example.test');
    const replyUrl = replyLinkIn(mail.text)!;
    expect(replyUrl).toBeDefined();
    // The organisation's first answer went out at 00:30 on 9 December in Amsterdam (23:30 UTC on the 8th).
    const moved = await t.database.pool.query(
      `update voice_followup_messages set created_at = '2026-12-08T23:30:00Z' where org_id = $1 and kind = 'first_answer'`,
      [f.orgId],
    );
    expect(moved.rowCount).toBe(1);
    const page = await t.app.inject({ method: 'GET', url: new URL(replyUrl).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/· [^<]*2026/g)).toEqual(['· 9 December 2026']);
  });
});

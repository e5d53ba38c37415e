import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { replyLinkIn, startSmtpSink } from '../../../../test/helpers/smtp-sink';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { FollowupDetail } from '../../../contracts/voice.contract';
import { addDays, localDay } from '../../lib/days';

// A customer who asks to be forgotten (POST /customers/:id/forget). The README and
// voice.schema.ts say the follow-up's conversation texts and reply page go with the contact details;
// the manual erase (DELETE /customer-reactions/:id/contact), the sweep and forgetting take them.

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let f: OrgFixture;
type Who = 'member' | 'manager' | 'director';
const cookie = {} as Record<Who, string>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({}, undefined, { smtpUrl: smtp.url });
  f = await createOrgFixture(t.database.db, 'forget-leaks');
  for (const who of ['member', 'manager', 'director'] as const) cookie[who] = await signIn(t.app, f.people[who].email);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const call = apiCaller(() => t.app, cookie);
const form = (url: string, fields: Record<string, string>, ip: string) =>
  t.app.inject({
    method: 'POST',
    url: new URL(url).pathname,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: ip,
  });

describe('forgetting a customer', () => {
  it('takes the follow-up conversation and the reply page with the contact details', async () => {
    const offering = await call('director', 'POST', '/offerings', { name: 'Kamerwissel' });
    expect(offering.statusCode, offering.body).toBe(201);
    const today = localDay('Europe/Amsterdam');
    const made = await call('member', 'POST', '/promises', {
      customer: { name: 'Familie Vergeet', contactPerson: 'Mevrouw Vergeet', segment: 'groepen' },
      what: 'Kamer aan de tuinkant',
      dueDate: addDays(today, 10),
      offeringId: offering.json().id,
      ownerTeamId: f.teamId,
      conditionsMet: [],
      steps: [{ teamId: f.teamId, what: 'Kamer klaarzetten', dueDate: addDays(today, 9) }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const promise = made.json() as { id: string; customer: { id: string } };
    const link = await call('member', 'POST', `/promises/${promise.id}/voice-link`);
    expect(link.statusCode, link.body).toBeLessThan(300);

    const reacted = await form(
      link.json().url,
      { score: '1', comment: 'Niets geregeld', contact: 'yes', name: 'Mevrouw Vergeet', email: 'vergeet@example.test' },
      '198.51.100.7',
    );
    expect(reacted.statusCode, reacted.body).toBe(303);
    const mail = await smtp.waitFor('vergeet@example.test');
    const replyUrl = replyLinkIn(mail.text)!;
    expect(replyUrl).toBeDefined();
    const SECRET = 'Bel mij op 06-12345678, Mevrouw Vergeet, Dorpsstraat 4';
    expect((await form(replyUrl, { text: SECRET }, '203.0.113.50')).statusCode).toBeLessThan(400);

    const items = (await call('manager', 'GET', '/voice-followups')).json().items as FollowupDetail[];
    const followup = items.find((i) => i.reaction.contact?.email === 'vergeet@example.test')!;
    expect(followup).toBeDefined();
    expect((await call('manager', 'GET', `/voice-followups/${followup.id}`)).body).toContain(SECRET);

    expect((await call('manager', 'POST', `/customers/${promise.customer.id}/forget`)).statusCode).toBe(204);

    const after = await call('manager', 'GET', `/voice-followups/${followup.id}`);
    expect((after.json() as FollowupDetail).reaction.contact).toBeNull(); // the address goes ...
    expect.soft(after.body).not.toContain(SECRET); // ... but the customer's own words with their phone stay
    expect.soft((await t.app.inject({ method: 'GET', url: new URL(replyUrl).pathname })).statusCode).toBe(404);
  });
});

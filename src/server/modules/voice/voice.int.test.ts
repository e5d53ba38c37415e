import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { CustomerReaction, Followup, Touchpoint, VoiceLink } from '../../../contracts/voice.contract';
import { offerings } from '../../db/schema/values.schema';
import { eraseOldContacts } from './reactions.service';

// The customer's own voice: reaction links for an extra and a touchpoint, the public page (no account,
// no JavaScript, nothing of the organisation but its name), one reaction per tied link changeable for
// 24 hours, rate limits, friendly pages for bad input, the reaction reaching the member and counting as
// the extra's reaction, and the follow-up of a very negative one by the team's manager.

let t: TestApp;
let f: OrgFixture;
let other: OrgFixture;
type Who = 'member' | 'colleague' | 'manager' | 'director' | 'admin' | 'outsider' | 'otherOrg';
const cookie = {} as Record<Who, string>;
let extraId: string;
let link: VoiceLink;
const OCCASION = 'Gast jarig, zei het bij het inchecken';

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'voice');
  other = await createOrgFixture(t.database.db, 'voice-other');
  for (const who of ['member', 'manager', 'director', 'admin'] as const)
    cookie[who] = await signIn(t.app, f.people[who].email);
  cookie.outsider = await signIn(t.app, f.outsider.email);
  cookie.colleague = await signIn(
    t.app,
    (await addFixturePerson(t.database.db, f, 'colleague', ['member'], f.teamId, false)).email,
  );
  cookie.otherOrg = await signIn(t.app, other.people.director.email);
  const extra = await call('member', 'POST', '/extras', {
    occasion: OCCASION,
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
  await t.close();
});

const call = apiCaller(() => t.app, cookie);

/** The customer: no cookie, a form post from their own address. */
function react(token: string, fields: Record<string, string>, address = '203.0.113.7', lang = 'nl') {
  return t.app.inject({
    method: 'POST',
    url: `/r/${token}?lang=${lang}`,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: address,
  });
}
const tokenOf = (l: VoiceLink) => new URL(l.url).pathname.split('/').pop()!;

describe('a reaction link for an extra', () => {
  it('is made once by the extra’s author, unguessable, and not for colleagues or another organisation', async () => {
    const made = await call('member', 'POST', `/extras/${extraId}/voice-link`);
    expect(made.statusCode, made.body).toBe(200);
    link = made.json();
    expect(tokenOf(link)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(link.url).toBe(`http://localhost:3000/r/${tokenOf(link)}`);
    expect((await call('member', 'POST', `/extras/${extraId}/voice-link`)).json().id).toBe(link.id);
    expect((await call('manager', 'POST', `/extras/${extraId}/voice-link`)).json().id).toBe(link.id);
    expect((await call('colleague', 'POST', `/extras/${extraId}/voice-link`)).statusCode).toBe(404);
    expect((await call('otherOrg', 'POST', `/extras/${extraId}/voice-link`)).statusCode).toBe(404);
  });

  it('prints as a QR code in SVG and PNG for those who may use it', async () => {
    const svg = await call('member', 'GET', `/voice-links/${link.id}/qr.svg`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    const png = await call('member', 'GET', `/voice-links/${link.id}/qr.png?size=256`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await call('colleague', 'GET', `/voice-links/${link.id}/qr.svg`)).statusCode).toBe(404);
    expect((await call('otherOrg', 'GET', `/voice-links/${link.id}/qr.png`)).statusCode).toBe(404);
  });

  it('opens for a customer without an account: no JavaScript, and nothing of the organisation but its name', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: `/r/${tokenOf(link)}`,
      headers: { 'accept-language': 'en-GB,en;q=0.8' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Org voice');
    expect(page.body).toContain('How satisfied are you?');
    expect(page.body).not.toMatch(/<script/i);
    for (const secret of [OCCASION, f.people.member.name, f.people.member.email, f.orgId, extraId, 'Team voice'])
      expect(page.body).not.toContain(secret);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const dutch = await t.app.inject({ method: 'GET', url: `/r/${tokenOf(link)}?lang=nl` });
    expect(dutch.body).toContain('Hoe tevreden bent u?');
    // It says what "it" was: what was done for the customer on that day (not the occasion, not who).
    expect(dutch.body).toMatch(/<h1>Hoe vond u wat we op \d{1,2} \w+ \d{4} voor u deden\?<\/h1>/);
    expect(page.body).toMatch(/<h1>How did you like what we did for you on \d{1,2} \w+ \d{4}\?<\/h1>/);
  });

  it('gives a friendly page for a link that does not exist or bad input, and stores nothing', async () => {
    for (const url of ['/r/AAAAAAAAAAAAAAAAAAAAAA', '/r/kort', `/r/${tokenOf(link)}x`]) {
      const res = await t.app.inject({ method: 'GET', url: `${url}?lang=nl` });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('Deze link werkt niet (meer)');
    }
    const noScore = await react(tokenOf(link), { comment: 'Leuk' });
    expect(noScore.statusCode).toBe(400);
    expect(noScore.body).toContain('Kies een score.');
    expect(noScore.body).toContain('Leuk'); // what the customer typed stays in the form
    expect((await react(tokenOf(link), { score: '9' })).statusCode).toBe(400);
    expect((await react(tokenOf(link), { score: '<b>1</b>' })).statusCode).toBe(400);
    const badMail = await react(tokenOf(link), { score: '4', contact: 'yes', email: 'niet-een-adres' });
    expect(badMail.statusCode).toBe(400);
    expect(badMail.body).toContain('Dit e-mailadres lijkt niet te kloppen.');
    const { rows } = await t.database.db.execute(sql`select 1 from customer_reactions where link_id = ${link.id}`);
    expect(rows).toEqual([]);
  });

  it('takes one very negative reaction: it reaches the member, becomes the extra’s reaction, and opens a follow-up for the manager', async () => {
    const res = await react(tokenOf(link), {
      score: '1',
      comment: 'Taart was oud',
      name: 'Niet bewaren',
      email: 'niet@bewaren.example',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/r/${tokenOf(link)}?done=1&lang=nl`);
    const thanks = await t.app.inject({ method: 'GET', url: res.headers.location as string });
    expect(thanks.body).toContain('Dank u wel!');

    const extra = (await call('member', 'GET', `/extras/${extraId}`)).json();
    expect(extra).toMatchObject({ reactionScore: 1, reactionText: 'Taart was oud' });
    const bell = (await call('member', 'GET', '/notifications')).json().items;
    expect(bell.some((n: { kind: string }) => n.kind === 'customer_reaction')).toBe(true);
    // Contact details were not asked to be used: they are not kept.
    const { rows } = await t.database.db.execute<{ contact_name: string | null; contact_email: string | null }>(sql`
      select contact_name, contact_email from customer_reactions where link_id = ${link.id}`);
    expect(rows).toEqual([{ contact_name: null, contact_email: null }]);

    const managerBell = (await call('manager', 'GET', '/notifications')).json().items;
    expect(managerBell.some((n: { kind: string }) => n.kind === 'voice_followup')).toBe(true);
    const open = (await call('manager', 'GET', '/voice-followups')).json().items as Followup[];
    expect(open).toHaveLength(1);
    expect(open[0]!.reaction).toMatchObject({
      score: 1,
      comment: 'Taart was oud',
      about: OCCASION,
      veryNegative: true,
    });
    expect((await call('manager', 'GET', '/customer-reactions?scope=team')).json().summary).toMatchObject({
      count: 1,
      veryNegative: 1,
    });
  });

  it('can be changed for 24 hours through the same link, then no more; it stays one reaction', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/r/${tokenOf(link)}?lang=nl` });
    expect(page.body).toContain('Tot ');
    expect(page.body).toContain('Taart was oud');
    expect((await react(tokenOf(link), { score: '2', comment: 'Toch niet zo erg' })).statusCode).toBe(303);
    const { rows } = await t.database.db.execute<{ score: number }>(
      sql`select score from customer_reactions where link_id = ${link.id}`,
    );
    expect(rows).toEqual([{ score: 2 }]);
    expect((await call('member', 'GET', `/extras/${extraId}`)).json().reactionScore).toBe(2);

    await t.database.db.execute(
      sql`update customer_reactions set created_at = now() - interval '25 hours' where link_id = ${link.id}`,
    );
    const late = await react(tokenOf(link), { score: '5' });
    expect(late.statusCode).toBe(200);
    expect(late.body).toContain('U heeft al gereageerd');
    expect((await t.app.inject({ method: 'GET', url: `/r/${tokenOf(link)}?lang=nl` })).body).toContain(
      'Wijzigen kan niet meer.',
    );
    const { rows: after } = await t.database.db.execute<{ score: number }>(
      sql`select score from customer_reactions where link_id = ${link.id}`,
    );
    expect(after).toEqual([{ score: 2 }]);
  });

  it('is followed up by the team’s manager: "not our customer" needs a reason; members and other teams cannot', async () => {
    const [open] = (await call('manager', 'GET', '/voice-followups')).json().items as Followup[];
    const notice = async () =>
      (
        (await call('manager', 'GET', '/notifications')).json().items as {
          kind: string;
          data: { followupId?: string };
          readAt: string | null;
        }[]
      ).find((n) => n.kind === 'voice_followup' && n.data.followupId === open!.id);
    expect((await notice())?.readAt).toBeNull();
    // A member of the team to whom it was not given does not see it.
    expect(
      (await call('member', 'POST', `/voice-followups/${open!.id}/close`, { outcome: 'resolved' })).statusCode,
    ).toBe(404);
    expect(
      (await call('otherOrg', 'POST', `/voice-followups/${open!.id}/close`, { outcome: 'resolved' })).statusCode,
    ).toBe(404);
    expect(
      (await call('manager', 'POST', `/voice-followups/${open!.id}/close`, { outcome: 'not_our_customer' })).statusCode,
    ).toBe(400);
    const closed = await call('manager', 'POST', `/voice-followups/${open!.id}/close`, {
      outcome: 'not_our_customer',
      note: 'Vroeg om een taart die we niet maken',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'not_our_customer',
      note: 'Vroeg om een taart die we niet maken',
      closedByName: f.people.manager.name,
    });
    expect((await call('manager', 'GET', '/voice-followups')).json().items).toEqual([]);
    // The notice that asked for it is settled with it: no longer unread in the bell.
    expect((await notice())?.readAt).not.toBeNull();
    expect(
      (await call('manager', 'POST', `/voice-followups/${open!.id}/close`, { outcome: 'resolved' })).statusCode,
    ).toBe(409);
  });
});

describe('a reaction link for a promise', () => {
  it('asks the customer about what was promised and its offering, not about the hand-offs behind it', async () => {
    const [offering] = await t.database.db
      .insert(offerings)
      .values({ orgId: f.orgId, name: 'Kamerwissel', leadTimeDays: null, conditions: [] })
      .returning();
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(
      new Date(Date.now() + 5 * 86_400_000),
    );
    const made = await call('member', 'POST', '/promises', {
      customer: { name: 'Familie Smit' },
      what: 'Kamer met uitzicht op zee',
      ownerTeamId: f.teamId,
      offeringId: offering!.id,
      dueDate: day,
      steps: [{ teamId: f.teamId, what: 'Kamer klaarzetten', dueDate: day }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const promiseLink = (await call('member', 'POST', `/promises/${made.json().id}/voice-link`)).json() as VoiceLink;
    const page = await t.app.inject({ method: 'GET', url: `/r/${tokenOf(promiseLink)}?lang=nl` });
    expect(page.body).toContain('<h1>Hoe zijn we onze afspraak met u nagekomen?</h1>');
    expect(page.body).toContain('<p class="about">Kamer met uitzicht op zee · Kamerwissel</p>');
    expect(page.body).not.toContain('Kamer klaarzetten');
  });
});

describe('a touchpoint', () => {
  let point: Touchpoint;

  it('is added by a director with a link that takes many reactions on 0–10, with contact details only when asked', async () => {
    const res = await call('director', 'POST', '/touchpoints', {
      name: 'Restaurant tafel 4',
      scale: 'scale10',
      teamId: f.teamId,
    });
    expect(res.statusCode, res.body).toBe(201);
    point = res.json();
    expect(point.link).not.toBeNull();
    expect((await call('member', 'POST', '/touchpoints', { name: 'Bar' })).statusCode).toBe(403);
    const page = await t.app.inject({ method: 'GET', url: `/r/${tokenOf(point.link!)}?lang=nl` });
    expect(page.body).toContain('Hoe waarschijnlijk is het dat u ons aanraadt bij anderen?');
    // The customer is asked about the place they were.
    expect(page.body).toContain('<h1>Hoe was het bij Restaurant tafel 4?</h1>');
    expect((await react(tokenOf(point.link!), { score: '9' }, '198.51.100.1')).statusCode).toBe(303);
    expect((await react(tokenOf(point.link!), { score: '10' }, '198.51.100.2')).statusCode).toBe(303);
    expect(
      (
        await react(
          tokenOf(point.link!),
          { score: '2', contact: 'yes', name: 'Mevr. Jansen', phone: '0612345678' },
          '198.51.100.3',
        )
      ).statusCode,
    ).toBe(303);
    const reactions = (await call('director', 'GET', `/customer-reactions?scope=all&touchpointId=${point.id}`)).json();
    expect(reactions.summary.count).toBe(3);
    expect(reactions.items.find((r: { score: number }) => r.score === 2).contact).toEqual({
      name: 'Mevr. Jansen',
      email: null,
      phone: '0612345678',
      erasable: true,
    });
    // A member of the team sees what customers said, not who they are.
    const asMember = (await call('member', 'GET', '/customer-reactions?scope=team')).json().items;
    expect(asMember.find((r: { score: number }) => r.score === 2).contact).toBeNull();
    expect((await call('member', 'GET', '/customer-reactions?scope=all')).statusCode).toBe(403);
  });

  it('limits how often one address reacts, and a new link retires the old one', async () => {
    const token = tokenOf(point.link!);
    for (let i = 0; i < 3; i++) expect((await react(token, { score: '7' }, '192.0.2.44')).statusCode).toBe(303);
    const blocked = await react(token, { score: '7' }, '192.0.2.44');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Even geduld');
    expect((await react(token, { score: '7' }, '192.0.2.45')).statusCode).toBe(303);

    const patched = await call('director', 'PATCH', `/touchpoints/${point.id}`, { newLink: true });
    expect(patched.statusCode, patched.body).toBe(200);
    const renewed = patched.json() as Touchpoint;
    expect(renewed.link!.id).not.toBe(point.link!.id);
    expect((await t.app.inject({ method: 'GET', url: `/r/${token}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/r/${tokenOf(renewed.link!)}` })).statusCode).toBe(200);
  });
});

describe('a customer’s contact details', () => {
  it('are erased on request by whoever follows up, and by the sweep after the days the organisation keeps them, unless the follow-up is still open', async () => {
    expect((await call('admin', 'PATCH', '/organization', { contactKeepDays: 6 })).statusCode).toBe(400);
    expect((await call('director', 'PATCH', '/organization', { contactKeepDays: 30 })).statusCode).toBe(403);
    const kept = await call('admin', 'PATCH', '/organization', { contactKeepDays: 30 });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().contactKeepDays).toBe(30);
    const made = await call('director', 'POST', '/touchpoints', { name: 'Balie', teamId: f.teamId });
    expect(made.statusCode, made.body).toBe(201);
    const desk = made.json() as Touchpoint;
    // The customer is told how long their details are kept before they leave them.
    expect((await t.app.inject({ method: 'GET', url: `/r/${tokenOf(desk.link!)}?lang=nl` })).body).toContain(
      'hooguit 30 dagen',
    );
    const contact = { contact: 'yes', name: 'Dhr. De Vries', email: 'devries@example.test' };
    for (const [score, address] of [
      ['1', '198.51.100.21'],
      ['4', '198.51.100.22'],
      ['5', '198.51.100.23'],
    ] as const) {
      const reacted = await react(tokenOf(desk.link!), { score, ...contact }, address);
      expect(reacted.statusCode).toBe(303);
      // After a very negative reaction with a request for contact, the thank-you page says by when they hear back.
      const thanks = (await t.app.inject({ method: 'GET', url: reacted.headers.location as string })).body;
      if (score === '1') expect(thanks).toMatch(/U vroeg om contact: u hoort uiterlijk \d{1,2} \w+ \d{4} van ons\./);
      else expect(thanks).not.toContain('U vroeg om contact');
    }
    // A made-up day in the address says nothing.
    const madeUp = await t.app.inject({
      method: 'GET',
      url: `/r/${tokenOf(desk.link!)}?done=1&lang=nl&back=2099-01-01`,
    });
    expect(madeUp.body).toContain('Dank u wel!');
    expect(madeUp.body).not.toContain('U vroeg om contact');
    const since = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
    const byScore = async () => {
      const items = (
        await call('director', 'GET', `/customer-reactions?scope=all&touchpointId=${desk.id}&from=${since}`)
      ).json().items as CustomerReaction[];
      expect(items).toHaveLength(3);
      return Object.fromEntries(items.map((r) => [r.score, r])) as Record<1 | 4 | 5, CustomerReaction>;
    };
    const before = await byScore();
    expect(before[5].contact).toEqual({
      name: 'Dhr. De Vries',
      email: 'devries@example.test',
      phone: null,
      erasable: true,
    });

    // The customer who was delighted asks to be forgotten: the manager erases the details, the reaction stays.
    const erase = (who: Who, id: string) =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/v1/customer-reactions/${id}/contact`,
        headers: { cookie: cookie[who] },
      });
    expect((await erase('member', before[5].id)).statusCode).toBe(403);
    expect((await erase('otherOrg', before[5].id)).statusCode).toBe(404);
    expect((await erase('manager', before[5].id)).statusCode).toBe(204);
    const afterRequest = await byScore();
    expect(afterRequest[5]).toMatchObject({ contact: null, score: 5 });
    expect(afterRequest[4].contact).not.toBeNull();
    const { rows: audit } = await t.database.pool.query(`select action, data from audit_log where subject_id = $1`, [
      before[5].id,
    ]);
    expect(audit).toEqual([{ action: 'customer_reaction.contact_erased', data: {} }]);

    // Twenty-nine days on, everything is kept; thirty-one days on, the sweep erases what is no longer
    // needed, but not while the follow-up is open.
    await t.database.pool.query(
      `update customer_reactions set created_at = now() - interval '29 days' where touchpoint_id = $1`,
      [desk.id],
    );
    expect(await eraseOldContacts(t.database.db)).toBe(0);
    await t.database.pool.query(
      `update customer_reactions set created_at = now() - interval '31 days' where touchpoint_id = $1`,
      [desk.id],
    );
    expect(await eraseOldContacts(t.database.db)).toBe(1);
    const afterSweep = await byScore();
    expect(afterSweep[4]).toMatchObject({ contact: null, score: 4 });
    expect(afterSweep[1].contact).toEqual({
      name: 'Dhr. De Vries',
      email: 'devries@example.test',
      phone: null,
      erasable: true,
    });
    const followup = ((await call('manager', 'GET', '/voice-followups')).json().items as Followup[]).find(
      (x) => x.reaction.id === before[1].id,
    )!;
    expect(
      (await call('manager', 'POST', `/voice-followups/${followup.id}/close`, { outcome: 'resolved', note: 'Gebeld' }))
        .statusCode,
    ).toBe(200);
    expect(await eraseOldContacts(t.database.db)).toBe(1);
    expect((await byScore())[1].contact).toBeNull();
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n from customer_reactions where contact_email is not null or contact_name is not null`,
    );
    expect(rows[0].n).toBe(1); // only the touchpoint reaction of today above keeps its details
  });
});

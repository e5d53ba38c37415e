import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';

// Thanks between colleagues and teams: who may thank whom, who sees them, and the count in the chain.
// The fixture's team is sales (member, manager); its other team is production (outsider, and a manager
// added here); production hands work to sales, so sales is production's internal customer.

let t: TestApp;
let f: OrgFixture;
let g: OrgFixture;
type Who = 'member' | 'manager' | 'director' | 'advisor' | 'admin' | 'outsider' | 'prodManager' | 'otherOrg';
const cookies = {} as Record<Who, string>;
const call = apiCaller(() => t.app, cookies);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'thanks');
  g = await createOrgFixture(t.database.db, 'elsewhere');
  const prodManager = await addFixturePerson(t.database.db, f, 'prodmanager', ['manager'], f.otherTeamId, true);
  for (const role of ['member', 'manager', 'director', 'advisor', 'admin'] as const)
    cookies[role] = await signIn(t.app, f.people[role].email);
  cookies.outsider = await signIn(t.app, f.outsider.email);
  cookies.prodManager = await signIn(t.app, prodManager.email);
  cookies.otherOrg = await signIn(t.app, g.people.member.email);
});
afterAll(() => t.close());

const notices = async (who: Who) =>
  (await call(who, 'GET', '/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'thanks_received');

describe('thanking', () => {
  it('a member thanks a colleague in words with a value; the colleague is told and sees it', async () => {
    const value = await call('director', 'POST', '/values', { name: 'Samen', behaviours: ['helpt', 'deelt'] });
    const given = await call('member', 'POST', '/thanks', {
      toMemberId: f.outsider.memberId,
      words: '  Dank voor het snel omzetten van de kamer!  ',
      valueId: value.json().id,
    });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({
      from: { id: f.people.member.memberId, name: f.people.member.name },
      fromTeam: { id: f.teamId },
      toMember: { id: f.outsider.memberId, name: f.outsider.name },
      toTeam: null,
      words: 'Dank voor het snel omzetten van de kamer!',
      value: { id: value.json().id, name: 'Samen' },
      mine: true,
    });
    const told = await notices('outsider');
    expect(told).toHaveLength(1);
    expect(told[0].data).toMatchObject({ thanksId: given.json().id, fromName: f.people.member.name });
    const received = (await call('outsider', 'GET', '/thanks/received')).json();
    expect(received.items.map((i: { id: string }) => i.id)).toEqual([given.json().id]);
    expect(received.items[0].mine).toBe(false);
    // The thanker does not find their own words among what they received.
    expect((await call('member', 'GET', '/thanks/received')).json().items).toEqual([]);
  });

  it('a team is thanked as a whole: each of its active members is told, and its feed shows it', async () => {
    const given = await call('member', 'POST', '/thanks', { toTeamId: f.otherTeamId, words: 'Top geregeld' });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ toTeam: { id: f.otherTeamId }, toMember: null, value: null });
    expect((await notices('prodManager')).map((n: { data: { thanksId: string } }) => n.data.thanksId)).toContain(
      given.json().id,
    );
    expect((await notices('member')).length).toBe(0);
    for (const who of ['outsider', 'prodManager', 'director'] as const) {
      const feed = (await call(who, 'GET', `/teams/${f.otherTeamId}/thanks`)).json();
      expect(feed.items.map((i: { words: string }) => i.words)).toContain('Top geregeld');
    }
    // The thanking team's feed shows what it gave, too.
    const sales = (await call('manager', 'GET', `/teams/${f.teamId}/thanks`)).json();
    expect(sales.items.map((i: { id: string }) => i.id)).toContain(given.json().id);
  });

  it('a feed of a team one is not in is refused; pages follow the cursor', async () => {
    expect((await call('member', 'GET', `/teams/${f.otherTeamId}/thanks`)).statusCode).toBe(403);
    const first = (await call('outsider', 'GET', `/teams/${f.otherTeamId}/thanks?limit=1`)).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await call('outsider', 'GET', `/teams/${f.otherTeamId}/thanks?limit=1&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
  });

  it('pages hold every thanks once, also thanks given in the same instant (one transaction)', async () => {
    const ids: string[] = [];
    for (const words of ['Eén', 'Twee', 'Drie']) {
      const given = await call('member', 'POST', '/thanks', { toMemberId: f.outsider.memberId, words });
      expect(given.statusCode, given.body).toBe(201);
      ids.push(given.json().id);
    }
    // As an import or one transaction writes them: the same moment, to the microsecond.
    await t.database.pool.query(
      `update colleague_thanks set created_at = now() + interval '1 hour 123457 microseconds' where id = any($1::uuid[])`,
      [ids],
    );
    const all = (await call('outsider', 'GET', '/thanks/received?limit=50'))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(all).toEqual(expect.arrayContaining(ids));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await call('outsider', 'GET', `/thanks/received?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor && paged.length <= all.length);
    expect(paged).toEqual(all);
  });

  it('refuses thanking oneself, someone who left, and bad input', async () => {
    const self = await call('member', 'POST', '/thanks', { toMemberId: f.people.member.memberId, words: 'Ik' });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('thanks_to_self');

    const leaver = await addFixturePerson(t.database.db, f, 'leaver', ['member'], f.otherTeamId, false);
    expect((await call('admin', 'POST', `/members/${leaver.memberId}/deactivate`)).statusCode).toBeLessThan(300);
    const gone = await call('member', 'POST', '/thanks', { toMemberId: leaver.memberId, words: 'Bedankt' });
    expect(gone.statusCode).toBe(409);
    expect(gone.json().code).toBe('member_inactive');

    for (const body of [
      { toMemberId: f.outsider.memberId },
      { toMemberId: f.outsider.memberId, words: '   ' },
      { toMemberId: f.outsider.memberId, words: 'x'.repeat(281) },
      { words: 'Aan niemand' },
      { toMemberId: f.outsider.memberId, toTeamId: f.otherTeamId, words: 'Aan twee' },
      { toTeamId: f.otherTeamId, words: 'Van een ander team', fromTeamId: f.otherTeamId },
      { toTeamId: f.otherTeamId, words: 'Onbekende waarde', valueId: g.teamId },
    ]) {
      const response = await call('member', 'POST', '/thanks', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
  });

  it('any active member of staff may thank; an outside advisor may not', async () => {
    for (const who of ['manager', 'director', 'admin'] as const) {
      const response = await call(who, 'POST', '/thanks', { toMemberId: f.outsider.memberId, words: `Van ${who}` });
      expect(response.statusCode, `${who}: ${response.body}`).toBe(201);
    }
    // The director and the administrator are in no team: their thanks come from no team.
    const admin = await call('admin', 'POST', '/thanks', { toTeamId: f.teamId, words: 'Van de beheerder' });
    expect(admin.json().fromTeam).toBeNull();
    expect((await call('advisor', 'POST', '/thanks', { toTeamId: f.teamId, words: 'Advies' })).statusCode).toBe(403);
    expect((await call('advisor', 'GET', '/thanks/received')).statusCode).toBe(403);
  });

  it('only the thanker takes thanks back', async () => {
    const given = (await call('member', 'POST', '/thanks', { toMemberId: f.outsider.memberId, words: 'Oeps' })).json();
    expect((await call('outsider', 'DELETE', `/thanks/${given.id}`)).statusCode).toBe(403);
    expect((await call('member', 'DELETE', `/thanks/${given.id}`)).statusCode).toBe(204);
    expect((await call('member', 'DELETE', `/thanks/${given.id}`)).statusCode).toBe(404);
    const received = (await call('outsider', 'GET', '/thanks/received?limit=50')).json();
    expect(received.items.map((i: { id: string }) => i.id)).not.toContain(given.id);
  });

  it('a retry with the same Idempotency-Key thanks once', async () => {
    const headers = { 'idempotency-key': 'thanks-retry-0001' };
    const body = { toMemberId: f.outsider.memberId, words: 'Twee keer verstuurd' };
    const first = await call('member', 'POST', '/thanks', body, headers);
    const again = await call('member', 'POST', '/thanks', body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const received = (await call('outsider', 'GET', '/thanks/received?limit=50')).json();
    expect(received.items.filter((i: { words: string }) => i.words === 'Twee keer verstuurd')).toHaveLength(1);
  });
});

describe('my data', () => {
  it('the data file holds the thanks I wrote and those written to me', async () => {
    const mine = (await call('outsider', 'GET', '/me/export')).json();
    expect(mine.colleagueThanksReceived.map((r: { words: string }) => r.words)).toContain(
      'Dank voor het snel omzetten van de kamer!',
    );
    const given = (await call('member', 'GET', '/me/export')).json();
    expect(given.colleagueThanksGiven.map((r: { words: string }) => r.words)).toContain('Top geregeld');
  });
});

describe('organisations apart', () => {
  it('nobody of another organisation can thank, or read the thanks of, a person or team of this one', async () => {
    for (const body of [
      { toMemberId: f.outsider.memberId, words: 'Van buiten' },
      { toTeamId: f.otherTeamId, words: 'Van buiten' },
    ]) {
      expect((await call('otherOrg', 'POST', '/thanks', body)).statusCode).toBe(404);
    }
    expect((await call('otherOrg', 'GET', `/teams/${f.otherTeamId}/thanks`)).statusCode).toBe(404);
    const ours = (await call('outsider', 'GET', '/thanks/received?limit=50')).json().items[0];
    expect((await call('otherOrg', 'DELETE', `/thanks/${ours.id}`)).statusCode).toBe(404);
    const theirs = (await call('otherOrg', 'GET', '/thanks/received')).json();
    expect(theirs.items).toEqual([]);
  });
});

describe('in the chain', () => {
  it('counts beside the arrow how often the serving team was thanked by the team it serves', async () => {
    const offering = await call('director', 'POST', '/offerings', { name: 'Kamer' });
    const made = await call('member', 'POST', '/promises', {
      customer: { name: 'Familie de Vries' },
      what: 'Kamer met uitzicht klaar bij aankomst',
      offeringId: offering.json().id,
      dueDate: day(3),
      ownerTeamId: f.teamId,
      steps: [
        { teamId: f.otherTeamId, what: 'Kamer klaarmaken', dueDate: day(2) },
        { teamId: f.teamId, what: 'Ontvangen', dueDate: day(3) },
      ],
    });
    expect(made.statusCode, made.body).toBe(201);
    const chain = async () => (await call('member', 'GET', `/chain?from=${day(-1)}&to=${day(10)}`)).json();
    const before = await chain();
    const arrow = (c: { arrows: { from: { id: string }; to: { id: string }; thanks: number }[] }) =>
      c.arrows.find((a) => a.from.id === f.otherTeamId && a.to.id === f.teamId);
    expect(arrow(before)).toBeDefined();
    const counted = arrow(before)!.thanks;
    // Earlier in this file: sales' member thanked production's outsider and production itself (several times).
    expect(counted).toBeGreaterThan(0);

    await call('member', 'POST', '/thanks', { toTeamId: f.otherTeamId, words: 'Kamer was perfect' });
    // Thanks the other way (production thanking sales) do not count for production.
    await call('outsider', 'POST', '/thanks', { toTeamId: f.teamId, words: 'Fijne overdracht' });
    const after = await chain();
    expect(arrow(after)!.thanks).toBe(counted + 1);
    const node = after.nodes.find((n: { id: string }) => n.id === f.otherTeamId);
    expect(node.thanks).toBe(counted + 1);
  });
});

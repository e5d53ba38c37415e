import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import { foldDayDeltas, foldDaySums } from '../../lib/sweep';

let t: TestApp;
let f: OrgFixture;
let other: OrgFixture;
type Who =
  | 'member'
  | 'colleague'
  | 'manager'
  | 'otherManager'
  | 'director'
  | 'admin'
  | 'advisor'
  | 'outsider'
  | 'otherOrg';
const cookie = {} as Record<Who, string>;
const ids = {} as Record<'colleague' | 'otherManager', string>;

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'learning');
  other = await createOrgFixture(t.database.db, 'elsewhere');
  for (const role of ['member', 'manager', 'director', 'admin', 'advisor'] as const)
    cookie[role] = await signIn(t.app, f.people[role].email);
  cookie.outsider = await signIn(t.app, f.outsider.email);
  cookie.otherOrg = await signIn(t.app, other.people.member.email);
  const colleague = await addFixturePerson(t.database.db, f, 'colleague', ['member'], f.teamId, false);
  const otherManager = await addFixturePerson(t.database.db, f, 'othermanager', ['manager'], f.otherTeamId, true);
  ids.colleague = colleague.memberId;
  ids.otherManager = otherManager.memberId;
  cookie.colleague = await signIn(t.app, colleague.email);
  cookie.otherManager = await signIn(t.app, otherManager.email);
});
afterAll(async () => {
  if (process.env.SHOW_ERRORS) console.log(t.logs.filter((l) => l.includes('"level":50')).join('\n'));
  await t.close();
});

const call = apiCaller(() => t.app, cookie);

async function logExtra(who: Who, over: Record<string, unknown> = {}) {
  const response = await call(who, 'POST', '/extras', {
    occasion: 'Gast was jarig en alleen op reis',
    action: 'Taartje met een kaart op de kamer gezet',
    kind: 'gift',
    costCents: 0,
    minutes: 10,
    reactionScore: 5,
    aboveMandateReason: 'test',
    ...over,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const feedIds = async (who: Who, teamId = f.teamId) =>
  ((await call(who, 'GET', `/feed?teamId=${teamId}&limit=50`)).json().items as { id: string }[]).map((s) => s.id);

describe('the team feed', () => {
  it('shows the team its stories, lets colleagues thank and comment, never the author thank himself', async () => {
    const id = await logExtra('member', { occasion: 'Gast verloor zijn sleutel in de regen' });
    expect(await feedIds('colleague')).toContain(id);
    expect(await feedIds('manager')).toContain(id);
    expect(await feedIds('director')).toContain(id);
    // another team's member reads neither the feed nor the story
    expect((await call('outsider', 'GET', `/feed?teamId=${f.teamId}`)).statusCode).toBe(403);
    expect((await call('outsider', 'PUT', `/feed/${id}/thanks`)).statusCode).toBe(404);

    const thanked = await call('colleague', 'PUT', `/feed/${id}/thanks`);
    expect(thanked.statusCode).toBe(200);
    expect(thanked.json()).toMatchObject({ thanks: 1, thankedByMe: true });
    expect((await call('colleague', 'PUT', `/feed/${id}/thanks`)).json().thanks).toBe(1);
    const own = await call('member', 'PUT', `/feed/${id}/thanks`);
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('own_story');

    const commented = await call('colleague', 'POST', `/feed/${id}/comments`, { body: 'Mooi gedaan!' });
    expect(commented.statusCode).toBe(201);
    const comment = commented.json().comments[0];
    expect(comment).toMatchObject({ body: 'Mooi gedaan!', removable: true });
    // the author of the story may not remove a colleague's comment; the team's manager may
    expect((await call('member', 'DELETE', `/feed/${id}/comments/${comment.id}`)).statusCode).toBe(403);
    expect((await call('manager', 'DELETE', `/feed/${id}/comments/${comment.id}`)).statusCode).toBe(204);
    const story = (await call('member', 'GET', `/feed?teamId=${f.teamId}`))
      .json()
      .items.find((s: { id: string }) => s.id === id);
    expect(story.comments).toEqual([]);
    expect(story.mine).toBe(true);
    expect(story).not.toHaveProperty('costCents');
  });

  it('pages newest first without gaps or repeats, also through stories of the same instant', async () => {
    const logged: string[] = [];
    for (let i = 0; i < 5; i++)
      logged.push(await logExtra('colleague', { occasion: `Gast ${i} vroeg om een late check-out` }));
    // Three of them at one moment to the microsecond, as an import writes them: a page ends among them.
    await t.database.pool.query(
      `update extras set occurred_at = date_trunc('second', now()) - interval '2 minutes' + interval '123457 microseconds'
        where id = any($1::uuid[])`,
      [logged.slice(1, 4)],
    );
    const all = await feedIds('member');
    expect(all).toEqual(expect.arrayContaining(logged));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await call('member', 'GET', `/feed?teamId=${f.teamId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((s: { id: string }) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect((await call('member', 'GET', '/feed?cursor=nonsense')).statusCode).toBe(400);
  });
});

describe('an extra kept out of the feed', () => {
  it('never shows: not in the feed, search, best practices, the weekly pick or similar occasions', async () => {
    const hiddenWords = 'Gast vergat zijn paraplu bij de kapstok';
    const kept = await logExtra('member', { occasion: hiddenWords, inFeed: false });
    const shared = await logExtra('colleague', { occasion: 'Gast vergat zijn oplader bij de kapstok' });
    expect((await call('member', 'GET', `/extras/${kept}`)).json().inFeed).toBe(false);

    expect(await feedIds('colleague')).not.toContain(kept);
    expect(await feedIds('manager')).not.toContain(kept);
    expect((await call('colleague', 'PUT', `/feed/${kept}/thanks`)).statusCode).toBe(404);
    expect((await call('colleague', 'POST', `/feed/${kept}/comments`, { body: 'hoi' })).statusCode).toBe(404);

    const promote = await call('manager', 'POST', '/best-practices', { extraId: kept, why: 'mooi' });
    expect(promote.statusCode).toBe(409);
    expect(promote.json().code).toBe('not_in_feed');

    const similar = (
      await call('colleague', 'GET', `/extras/similar?occasion=${encodeURIComponent('paraplu vergeten')}`)
    ).json();
    expect(similar.items.map((s: { extraId: string }) => s.extraId)).not.toContain(kept);

    const pick = (await call('manager', 'GET', `/teams/${f.teamId}/weekly-pick`)).json();
    const pickIds = [...pick.picks, ...pick.candidates].map((s: { id: string }) => s.id);
    expect(pickIds).toContain(shared);
    expect(pickIds).not.toContain(kept);
    const choose = await call('manager', 'PUT', `/teams/${f.teamId}/weekly-pick`, {
      week: pick.weekStart,
      extraIds: [kept],
    });
    expect(choose.statusCode).toBe(400);

    // Once promoted, a story the author later keeps out leaves the best practices and the chosen pick too.
    expect(
      (await call('manager', 'POST', '/best-practices', { extraId: shared, why: 'Slim opgelost' })).statusCode,
    ).toBe(200);
    expect(
      (await call('manager', 'PUT', `/teams/${f.teamId}/weekly-pick`, { week: pick.weekStart, extraIds: [shared] }))
        .statusCode,
    ).toBe(200);
    expect((await call('colleague', 'PUT', `/extras/${shared}/feed`, { inFeed: false })).statusCode).toBe(204);
    const practices = (await call('outsider', 'GET', '/best-practices?limit=50'))
      .json()
      .items.map((s: { id: string }) => s.id);
    expect(practices).not.toContain(shared);
    const searched = (await call('outsider', 'GET', `/best-practices?q=${encodeURIComponent('oplader')}`)).json().items;
    expect(searched).toEqual([]);
    const after = (await call('member', 'GET', `/teams/${f.teamId}/weekly-pick`)).json();
    expect(after.picks.map((s: { id: string }) => s.id)).not.toContain(shared);
    // only its author can take it out or put it back
    expect((await call('member', 'PUT', `/extras/${shared}/feed`, { inFeed: true })).statusCode).toBe(404);
    expect((await call('colleague', 'PUT', `/extras/${shared}/feed`, { inFeed: true })).statusCode).toBe(204);
    expect(
      (await call('outsider', 'GET', '/best-practices?limit=50')).json().items.map((s: { id: string }) => s.id),
    ).toContain(shared);
  });

  it('a story a manager hid is out of the feed and cannot be put forward', async () => {
    const id = await logExtra('colleague', { occasion: 'Gast klaagde over lawaai' });
    expect((await call('manager', 'POST', `/extras/${id}/hide`, { reason: 'Persoonlijke details' })).statusCode).toBe(
      200,
    );
    expect(await feedIds('member')).not.toContain(id);
    expect((await call('manager', 'POST', '/best-practices', { extraId: id, why: 'x' })).json().code).toBe(
      'not_in_feed',
    );
  });
});

describe('best practices', () => {
  it('a manager puts a story forward; the whole organisation finds it by value, kind and words, crediting the author', async () => {
    const value = await call('director', 'POST', '/values', {
      name: 'Verrassend',
      behaviours: ['doet iets onverwachts', 'let op details'],
    });
    const valueId = value.json().id;
    const id = await logExtra('member', {
      occasion: 'Bruidspaar kwam aan in de stromende regen',
      kind: 'upgrade',
      valueIds: [valueId],
    });
    // a manager of another team may not, nor a member
    expect((await call('otherManager', 'POST', '/best-practices', { extraId: id, why: 'x' })).statusCode).toBe(404);
    expect((await call('member', 'POST', '/best-practices', { extraId: id, why: 'x' })).statusCode).toBe(403);
    const promoted = await call('manager', 'POST', '/best-practices', {
      extraId: id,
      why: 'Zo maak je van pech een verhaal',
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().bestPractice).toMatchObject({
      why: 'Zo maak je van pech een verhaal',
      by: { id: f.people.manager.memberId },
    });

    for (const query of [
      `valueId=${valueId}`,
      'kind=upgrade',
      `q=${encodeURIComponent('regen')}`,
      `q=${encodeURIComponent('stromend')}`,
    ]) {
      const found = (await call('outsider', 'GET', `/best-practices?${query}`)).json().items;
      expect(
        found.map((s: { id: string }) => s.id),
        query,
      ).toContain(id);
      expect(found.find((s: { id: string }) => s.id === id).author).toEqual({
        id: f.people.member.memberId,
        name: f.people.member.name,
      });
    }
    // A guest advisor sees only counsel.
    expect((await call('advisor', 'GET', '/best-practices')).statusCode).toBe(403);
    expect((await call('otherOrg', 'GET', '/best-practices')).json().items).toEqual([]);
    expect(
      (await call('outsider', 'GET', '/best-practices?kind=time')).json().items.map((s: { id: string }) => s.id),
    ).not.toContain(id);

    expect((await call('manager', 'DELETE', `/best-practices/${id}`)).statusCode).toBe(204);
    expect((await call('outsider', 'GET', `/best-practices?valueId=${valueId}`)).json().items).toEqual([]);
  });
});

describe('the weekly pick', () => {
  it('proposes the strongest two, lets the team manager choose others, and no one else', async () => {
    const team = await call('admin', 'POST', '/teams', { name: `Pick ${randomBytes(3).toString('hex')}` });
    const teamId = team.json().id;
    expect(
      (await call('admin', 'PUT', `/teams/${teamId}/members/${ids.colleague}`, { isManager: false })).statusCode,
    ).toBe(200);
    expect(
      (await call('admin', 'PUT', `/teams/${teamId}/members/${f.people.manager.memberId}`, { isManager: true }))
        .statusCode,
    ).toBe(200);
    const colleague = await signIn(
      t.app,
      (
        await t.database.pool.query(
          'select email from auth_user u join members m on m.user_id = u.id where m.id = $1',
          [ids.colleague],
        )
      ).rows[0].email,
    );
    const manager = await signIn(t.app, f.people.manager.email);
    const log = async (occasion: string, reactionScore: number | null) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/extras',
        payload: { occasion, action: 'Geholpen', kind: 'time', costCents: 0, minutes: 5, reactionScore },
        headers: { cookie: colleague },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const low = await log('Gast zocht de lift', 2);
    const high = await log('Gast vierde een jubileum met familie', 5);
    const mid = await log('Gast wilde een wandelroute langs de grachten', 4);
    const none = await log('Gast vroeg om extra handdoeken', null);
    const get = (cookieOf: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/weekly-pick`, headers: { cookie: cookieOf } });

    const proposal = (await get(manager)).json();
    expect(proposal.chosenBy).toBeNull();
    expect(proposal.picks.map((s: { id: string }) => s.id)).toEqual([high, mid]);
    expect(proposal.candidates.map((s: { id: string }) => s.id)).toEqual([none, low]);
    // a member of the team sees the pick, not the candidates
    const asMember = (await get(colleague)).json();
    expect(asMember.picks.map((s: { id: string }) => s.id)).toEqual([high, mid]);
    expect(asMember.candidates).toEqual([]);

    const refused = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/teams/${teamId}/weekly-pick`,
      payload: { week: proposal.weekStart, extraIds: [low] },
      headers: { cookie: colleague },
    });
    expect(refused.statusCode).toBe(403);
    const chosen = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/teams/${teamId}/weekly-pick`,
      payload: { week: proposal.weekStart, extraIds: [low, high] },
      headers: { cookie: manager },
    });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().chosenBy).toMatchObject({ id: f.people.manager.memberId });
    expect((await get(colleague)).json().picks.map((s: { id: string }) => s.id)).toEqual([low, high]);
    // last week is another week: nothing chosen there
    const lastWeek = new Date(Date.parse(proposal.weekStart) - 3 * 86_400_000).toISOString().slice(0, 10);
    const before = await t.app.inject({
      method: 'GET',
      url: `/api/v1/teams/${teamId}/weekly-pick?week=${lastWeek}`,
      headers: { cookie: manager },
    });
    expect(before.json()).toMatchObject({ chosenBy: null, picks: [] });
  });
});

describe('the conversation view', () => {
  const period = () => {
    // up to tomorrow in UTC: just after midnight in Amsterdam, today's extras are on a date UTC has not reached
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    return `from=${from}&to=${to}`;
  };

  it('is for the managers of the team only', async () => {
    expect((await call('manager', 'GET', `/teams/${f.teamId}/conversation?${period()}`)).statusCode).toBe(200);
    expect((await call('otherManager', 'GET', `/teams/${f.teamId}/conversation?${period()}`)).statusCode).toBe(403);
    for (const who of ['member', 'colleague', 'director', 'admin', 'advisor'] as const) {
      expect((await call(who, 'GET', `/teams/${f.teamId}/conversation?${period()}`)).statusCode, who).toBe(403);
    }
    expect((await call('manager', 'GET', `/teams/${other.teamId}/conversation?${period()}`)).statusCode).toBe(404);
    expect(
      (await call('manager', 'GET', `/teams/${f.teamId}/conversation?from=2026-02-01&to=2026-01-01`)).statusCode,
    ).toBe(400);
  });

  it('shows per-member figures only once an admin records the works council agreed', async () => {
    const off = (await call('manager', 'GET', `/teams/${f.teamId}/conversation?${period()}`)).json();
    expect(off.memberComparison).toBe(false);
    expect(off.members).toBeNull();
    expect(off.team.extras).toBeGreaterThan(0);
    expect(off.team.members).toBe(2);
    expect(JSON.stringify(off)).not.toContain(f.people.member.name);

    expect((await call('director', 'PUT', '/learning/settings', { memberComparison: false })).statusCode).toBe(403);
    const noConsent = await call('admin', 'PUT', '/learning/settings', { memberComparison: true });
    expect(noConsent.statusCode).toBe(400);
    const future = await call('admin', 'PUT', '/learning/settings', {
      memberComparison: true,
      worksCouncilAgreed: true,
      worksCouncilAgreedOn: '2999-01-01',
      worksCouncilNote: 'OR-vergadering',
    });
    expect(future.statusCode).toBe(400);
    const on = await call('admin', 'PUT', '/learning/settings', {
      memberComparison: true,
      worksCouncilAgreed: true,
      worksCouncilAgreedOn: '2026-09-15',
      worksCouncilNote: 'Instemming OR, verslag 15 september',
    });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({
      memberComparison: true,
      worksCouncilAgreedOn: '2026-09-15',
      by: { id: f.people.admin.memberId },
    });
    const audit = await t.database.pool.query(
      `select data from audit_log where org_id = $1 and action = 'member_comparison.on'`,
      [f.orgId],
    );
    expect(audit.rows[0].data).toMatchObject({ worksCouncilAgreedOn: '2026-09-15' });

    const view = (await call('manager', 'GET', `/teams/${f.teamId}/conversation?${period()}`)).json();
    expect(view.memberComparison).toBe(true);
    const names = view.members.map((m: { member: { name: string } }) => m.member.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'nl')));
    const lisa = view.members.find((m: { member: { id: string } }) => m.member.id === f.people.member.memberId);
    expect(lisa.extras).toBeGreaterThan(0);
    expect(lisa.stories[0]).toHaveProperty('reactionScore');

    expect((await call('admin', 'PUT', '/learning/settings', { memberComparison: false })).statusCode).toBe(200);
    expect((await call('manager', 'GET', `/teams/${f.teamId}/conversation?${period()}`)).json().members).toBeNull();
  });

  it('keeps notes between the manager and the member', async () => {
    const note = await call('manager', 'POST', `/teams/${f.teamId}/conversation/notes`, {
      memberId: f.people.member.memberId,
      body: 'Gesproken over de gast met de sleutel: wat raakte hem?',
    });
    expect(note.statusCode).toBe(201);
    expect(
      (
        await call('manager', 'GET', `/teams/${f.teamId}/conversation/notes?memberId=${f.people.member.memberId}`)
      ).json().items,
    ).toHaveLength(1);
    expect((await call('member', 'GET', '/conversation-notes/me')).json().items[0].body).toContain('sleutel');
    expect((await call('colleague', 'GET', '/conversation-notes/me')).json().items).toEqual([]);
    // another manager sees no notes of this team, and cannot write about someone outside their team
    expect(
      (await call('otherManager', 'GET', `/teams/${f.teamId}/conversation/notes?memberId=${f.people.member.memberId}`))
        .statusCode,
    ).toBe(403);
    const outside = await call('manager', 'POST', `/teams/${f.teamId}/conversation/notes`, {
      memberId: f.outsider.memberId,
      body: 'x',
    });
    expect(outside.statusCode).toBe(404);
  });
});

describe('what works', () => {
  it('gives known intervals for known reactions and withholds small groups', async () => {
    const team = await call('admin', 'POST', '/teams', { name: `Stats ${randomBytes(3).toString('hex')}` });
    const teamId = team.json().id;
    await call('admin', 'PUT', `/teams/${teamId}/members/${f.people.manager.memberId}`, { isManager: true });
    const manager = await signIn(t.app, f.people.manager.email);
    const log = async (kind: string, costCents: number, reactionScore: number | null, occasion: string) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/extras',
        payload: {
          occasion,
          action: 'Iets extra gedaan',
          kind,
          costCents,
          minutes: 5,
          reactionScore,
          aboveMandateReason: 'test',
        },
        headers: { cookie: manager },
      });
      expect(r.statusCode, r.body).toBe(201);
    };
    // six gifts of 2 euro scored 4,5,3,4,5,4 about birthdays; three upgrades (too few to say anything);
    // four bored children without a reaction
    for (const score of [4, 5, 3, 4, 5, 4]) await log('gift', 200, score, 'Gast was jarig vandaag');
    for (const score of [1, 5, 3]) await log('upgrade', 2500, score, 'Gast kwam doorweekt binnen');
    for (let i = 0; i < 4; i++) await log('time', 0, null, 'Kind had zich verveeld');
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/what-works?teamId=${teamId}`,
      headers: { cookie: manager },
    });
    expect(response.statusCode, response.body).toBe(200);
    const works = response.json();
    const gift = works.byKind.find((g: { key: string }) => g.key === 'gift');
    expect(gift).toMatchObject({
      extras: 6,
      reactions: 6,
      withheld: false,
      average: 4.17,
      averageLow: 3.38,
      averageHigh: 4.96,
      positiveShare: 0.833,
    });
    const upgrade = works.byKind.find((g: { key: string }) => g.key === 'upgrade');
    expect(upgrade).toMatchObject({ extras: 3, withheld: true, average: null, positiveShare: null });
    expect(works.byCostBand.map((g: { key: string; extras: number }) => [g.key, g.extras])).toEqual([
      ['0', 4],
      ['0-5', 6],
      ['20+', 3],
    ]);
    expect(works.overall).toMatchObject({ extras: 13, reactions: 9 });
    const birthday = works.byTheme.find((g: { examples: string[] }) => g.examples.includes('Gast was jarig vandaag'));
    expect(birthday).toMatchObject({ extras: 6, withheld: false });
    expect(['jarig', 'vandag', 'vandaag']).toContain(birthday.key);
    // members of other teams cannot look at this team
    expect((await call('outsider', 'GET', `/what-works?teamId=${teamId}`)).statusCode).toBe(403);
    expect((await call('otherOrg', 'GET', `/what-works?teamId=${teamId}`)).statusCode).toBe(403);
  });
});

describe('organisation-wide figures from the day sums', () => {
  it('stay equal to the extras themselves through edits, reactions, deletes and a time zone change', async () => {
    const o = await createOrgFixture(t.database.db, 'sums');
    const member = await signIn(t.app, o.people.member.email);
    const manager = await signIn(t.app, o.people.manager.email);
    const admin = await signIn(t.app, o.people.admin.email);
    const director = await signIn(t.app, o.people.director.email);
    const as = (c: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { cookie: c } });
    const value = (
      await as(director, 'POST', '/values', { name: 'Attent', behaviours: ['ziet het', 'doet het'] })
    ).json().id;
    const ids: string[] = [];
    const occasions = [
      'Gast was jarig',
      'Gast was jarig en moe',
      'Kind was ziek',
      'Kind verloor knuffel',
      'Regen bij aankomst',
      'Regen en geen paraplu',
    ];
    for (const [i, occasion] of occasions.entries()) {
      for (const who of [member, manager]) {
        const r = await as(who, 'POST', '/extras', {
          occasion,
          action: 'Iets gedaan',
          kind: i % 2 ? 'gift' : 'time',
          costCents: [0, 300, 1500, 2500][i % 4],
          minutes: 5,
          valueIds: i % 3 ? [value] : [],
          reactionScore: i === 5 ? null : 1 + ((i * 3) % 5),
          aboveMandateReason: 'test',
        });
        expect(r.statusCode, r.body).toBe(201);
        ids.push(r.json().id);
      }
    }
    const patched = await as(member, 'PATCH', `/extras/${ids[0]}`, {
      kind: 'upgrade',
      costCents: 4000,
      occasion: 'Bruiloft in het hotel',
      aboveMandateReason: 'test',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(
      (await as(member, 'PUT', `/extras/${ids[2]}/reaction`, { reactionText: 'Toch blij', reactionScore: 5 }))
        .statusCode,
    ).toBe(200);
    expect((await as(member, 'DELETE', `/extras/${ids[4]}`)).statusCode).toBe(204);
    expect((await as(manager, 'POST', `/extras/${ids[6]}/hide`, { reason: 'privé' })).statusCode).toBe(200);

    const sections = (w: Record<string, unknown>) => ({
      overall: w.overall,
      byKind: w.byKind,
      byValue: w.byValue,
      byCostBand: w.byCostBand,
      byTheme: w.byTheme,
    });
    const compare = async (period = '') => {
      // every extra is in the one team, so the team's figures (counted from the extras) must equal the organisation's (from the day sums)
      const orgWide = await as(director, 'GET', `/what-works?${period}`);
      const team = await as(manager, 'GET', `/what-works?teamId=${o.teamId}&${period}`);
      expect(orgWide.statusCode, orgWide.body).toBe(200);
      expect(sections(orgWide.json())).toEqual(sections(team.json()));
      return orgWide.json();
    };
    const works = await compare();
    expect(works.overall.extras).toBe(11);
    expect(works.byKind.find((g: { key: string }) => g.key === 'upgrade').extras).toBe(1);

    const snapshot = async () =>
      (
        await t.database.pool.query(
          // a day's figure is the sum over its rows, with the deltas not yet folded (what the readers read)
          `select day::text, kind, band, sum(extras)::int as extras, sum(n)::int as n, sum(sum)::int as sum, sum(sum_sq)::int as sum_sq,
                  sum(positives)::int as positives
             from extra_day_sums_live where org_id = $1 group by 1, 2, 3 having sum(extras) <> 0 order by 1, 2, 3`,
          [o.orgId],
        )
      ).rows;
    const before = await snapshot();
    // the logging above left its deltas, and folding them into the sums changes no figure
    const deltas = async () =>
      (await t.database.pool.query('select count(*)::int as n from extra_day_deltas where org_id = $1', [o.orgId]))
        .rows[0].n;
    expect(await deltas()).toBeGreaterThan(0);
    expect(await foldDayDeltas(t.database.db)).toBeGreaterThan(0);
    expect(await deltas()).toBe(0);
    expect(await snapshot()).toEqual(before);
    // folding the slots of days gone by into one row changes no figure
    // four days on: past every local day of these extras, whatever the organisation's offset from UTC
    await foldDaySums(t.database.db, new Date(Date.now() + 4 * 86_400_000));
    expect(
      (
        await t.database.pool.query('select count(*)::int as n from extra_day_sums where org_id = $1 and slot <> 0', [
          o.orgId,
        ])
      ).rows[0].n,
    ).toBe(0);
    expect(await snapshot()).toEqual(before);
    await t.database.pool.query('select klantwerk_rebuild_day_sums($1)', [o.orgId]);
    expect(await snapshot()).toEqual(before);

    // Fourteen hours ahead of UTC: extras of this morning may fall on tomorrow's date there.
    expect((await as(admin, 'PATCH', '/organization', { timeZone: 'Pacific/Kiritimati' })).statusCode).toBe(200);
    const local = (days: number) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Pacific/Kiritimati' }).format(
        new Date(Date.now() + days * 86_400_000),
      );
    await compare();
    for (const day of [local(-1), local(0)]) await compare(`from=${day}&to=${day}`);
  });
});

describe('day sums under concurrent writers', () => {
  it('let two connections log extras of one organisation-day at the same moment without waiting on each other', async () => {
    const o = await createOrgFixture(t.database.db, 'slots');
    const pool = new pg.Pool({ connectionString: t.url, max: 2 });
    const first = await pool.connect();
    const second = await pool.connect();
    try {
      const insert = (c: pg.PoolClient) =>
        c.query(
          `insert into extras (org_id, member_id, team_ids, occurred_at, occasion, action, kind, cost_cents, minutes, value_ids, reaction_score)
           values ($1, $2, '{}', now(), 'Gast was jarig', 'Taart', 'time', 0, 5, '{}', 5)`,
          [o.orgId, o.people.member.memberId],
        );
      await first.query('begin');
      await insert(first);
      // With one row per organisation-day the second writer would wait for the first to commit.
      await second.query("begin; set local lock_timeout = '2s'");
      await insert(second);
      await second.query('commit');
      await first.query('commit');
      const { rows } = await first.query(
        `select (select count(*) from extras where org_id = $1)::int as extras, (select sum(extras) from extra_day_sums_live where org_id = $1)::int as summed`,
        [o.orgId],
      );
      expect(rows[0]).toEqual({ extras: 2, summed: 2 });
    } finally {
      first.release();
      second.release();
      await pool.end();
    }
  });
});

describe('similar occasions', () => {
  it('offers what colleagues of my team did on a similar occasion, stemmed in Dutch', async () => {
    const id = await logExtra('colleague', {
      occasion: 'Kinderen verveelden zich in de lobby',
      action: 'Kleurplaten en potloden gebracht',
    });
    const found = (
      await call(
        'member',
        'GET',
        `/extras/similar?occasion=${encodeURIComponent('Kinderen waren verveeld bij het ontbijt')}`,
      )
    ).json().items;
    expect(found.map((s: { extraId: string }) => s.extraId)).toContain(id);
    // not for another team, unless it is a best practice
    const outsider = (
      await call('outsider', 'GET', `/extras/similar?occasion=${encodeURIComponent('kinderen vervelen zich')}`)
    ).json().items;
    expect(outsider.map((s: { extraId: string }) => s.extraId)).not.toContain(id);
  });
});

describe('the digest preference', () => {
  it('is on by default and can be turned off by the person', async () => {
    expect((await call('advisor', 'GET', '/digest/preference')).json()).toEqual({ digest: true });
    expect((await call('advisor', 'PUT', '/digest/preference', { digest: false })).json()).toEqual({ digest: false });
    expect((await call('advisor', 'GET', '/digest/preference')).json()).toEqual({ digest: false });
    expect((await call('member', 'GET', '/digest/preference')).json()).toEqual({ digest: true });
  });
});

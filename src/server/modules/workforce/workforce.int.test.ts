import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { cookieFrom, createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';

// Sign-in for the whole workforce: personal codes, counter devices with PINs, bulk import. The default
// throttle limits are used on purpose: the figures in the README are the ones measured here.

let t: TestApp;
let f: OrgFixture;
let admin: string;
let manager: string;
beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'workforce');
  admin = await signIn(t.app, f.people.admin.email);
  manager = await signIn(t.app, f.people.manager.email);
});
afterAll(() => t.close());

const post = (url: string, cookie: string | undefined, payload?: object, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url, payload, remoteAddress, headers: cookie ? { cookie } : {} });
const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const codeSignIn = (code: string, remoteAddress = '127.0.0.1') =>
  post('/api/v1/auth/code-sign-in', undefined, { code }, remoteAddress);

async function addCodePerson(name: string, by = manager, teamId = f.teamId) {
  const response = await post('/api/v1/sign-in-codes', by, { name, teamId });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { memberId: string; code: string; url: string; qrSvg: string };
}

/** Another code of the same length: the same selector (first 6 characters), a wrong verifier. */
const wrongVerifier = (code: string, i: number) => {
  const plain = code.replace(/-/g, '');
  const tail =
    (i.toString(32).toUpperCase().padStart(10, '0') === plain.slice(6) ? 'Z' : '0').repeat(1) +
    i.toString(32).toUpperCase().padStart(9, '0');
  return plain.slice(0, 6) + tail.replace(/[ILOU]/g, 'X');
};
/** A code no card has: its own selector each time, so only the per-address limit applies. */
const randomCode = (i: number) => `${i.toString(32).toUpperCase().padStart(6, '0')}ZZZZZZZZZZ`.replace(/[ILOU]/g, 'X');

describe('a person without an e-mail address', () => {
  it('is added by the manager of their team with a name and gets a code card, which signs them in on their phone for a year', async () => {
    const card = await addCodePerson('Ayse Kok');
    expect(card.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(card.url).toBe(`http://localhost:3000/code#code=${card.code}`);
    expect(card.qrSvg).toContain('<svg');

    // Only a hash is kept: the code is nowhere in the database.
    const stored = await t.database.pool.query(
      `select selector, verifier_hash from sign_in_codes where member_id = $1`,
      [card.memberId],
    );
    expect(stored.rows[0].selector).toBe(card.code.replace(/-/g, '').slice(0, 6));
    expect(stored.rows[0].verifier_hash).not.toContain(card.code.replace(/-/g, '').slice(6));

    // Typed on the phone in lower case, with spaces, an O for a 0: still the code.
    const typed = card.code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const phone = await codeSignIn(typed);
    expect(phone.statusCode, phone.body).toBe(200);
    expect(phone.json().user.name).toBe('Ayse Kok');
    expect(phone.json().member.teams.map((team: { id: string }) => team.id)).toEqual([f.teamId]);
    const cookie = phone.cookies.find((c) => c.name === 'klantwerk.session_token')!;
    expect(cookie.maxAge).toBe(365 * 86_400);
    const session = await t.database.pool.query(
      `select expires_at from auth_session s join members m on m.user_id = s.user_id where m.id = $1`,
      [card.memberId],
    );
    expect(new Date(session.rows[0].expires_at).getTime()).toBeGreaterThan(Date.now() + 360 * 86_400_000);
    expect((await get('/api/v1/me', cookieFrom(phone))).statusCode).toBe(200);
  });

  it('cannot be added by a manager to a team they do not manage, nor by a member', async () => {
    expect((await post('/api/v1/sign-in-codes', manager, { name: 'Elders', teamId: f.otherTeamId })).statusCode).toBe(
      403,
    );
    const member = await signIn(t.app, f.people.member.email);
    expect((await post('/api/v1/sign-in-codes', member, { name: 'Niemand', teamId: f.teamId })).statusCode).toBe(403);
    expect(
      (await post('/api/v1/sign-in-codes', admin, { name: 'Door beheer', teamId: f.otherTeamId })).statusCode,
    ).toBe(201);
  });

  it('gets a new card for a lost one: the old code stops working at once, and so does the phone that used it', async () => {
    const card = await addCodePerson('Bram Lost');
    const finder = await codeSignIn(card.code, '203.0.113.7');
    expect(finder.statusCode).toBe(200);
    const replaced = await post(`/api/v1/sign-in-codes/${card.memberId}/replace`, manager);
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().code).not.toBe(card.code);

    expect((await get('/api/v1/me', cookieFrom(finder))).statusCode).toBe(401);
    const old = await codeSignIn(card.code, '203.0.113.7');
    expect(old.statusCode).toBe(401);
    expect(old.json().code).toBe('invalid_code');
    expect((await codeSignIn(replaced.json().code)).statusCode).toBe(200);
    // A person with an e-mail address has no card to replace.
    expect((await post(`/api/v1/sign-in-codes/${f.people.member.memberId}/replace`, admin)).statusCode).toBe(409);
  });

  it('lists the people with a code for their managers and the administrator', async () => {
    const list = (await get('/api/v1/sign-in-codes', manager)).json().items.map((h: { name: string }) => h.name);
    expect(list).toContain('Ayse Kok');
    expect(list).not.toContain('Door beheer');
    expect((await get('/api/v1/sign-in-codes', admin)).json().items.map((h: { name: string }) => h.name)).toContain(
      'Door beheer',
    );
  });

  it('cannot sign in once deactivated', async () => {
    const card = await addCodePerson('Cor Weg');
    expect((await post(`/api/v1/members/${card.memberId}/deactivate`, admin)).statusCode).toBe(200);
    const response = await codeSignIn(card.code);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('account_deactivated');
  });
});

describe('guessing codes (default limits: SIGNIN_MAX_PER_EMAIL=10 per code, SIGNIN_MAX_PER_IP=100 per address, 15 minutes)', () => {
  it('locks one code after 10 wrong tries, also for its right code, until the window ends; other codes are not stopped', async () => {
    const card = await addCodePerson('Dirk Doel');
    const other = await addCodePerson('Els Ander');
    let tries = 0;
    for (; tries < 50; tries++) {
      const response = await codeSignIn(wrongVerifier(card.code, tries), `198.51.100.${tries + 1}`);
      if (response.statusCode === 429) break;
      expect(response.statusCode).toBe(401);
    }
    expect(tries).toBe(10);
    const right = await codeSignIn(card.code, '198.51.100.200');
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect((await codeSignIn(other.code, '198.51.100.1')).statusCode).toBe(200);
  });

  it('stops one address after 100 wrong codes, for any code, while other addresses sign in', async () => {
    const card = await addCodePerson('Fenna Veilig');
    let tries = 0;
    for (; tries < 150; tries++) {
      const response = await codeSignIn(randomCode(tries), '192.0.2.66');
      if (response.statusCode === 429) break;
      expect(response.statusCode).toBe(401);
    }
    expect(tries).toBe(100);
    expect((await codeSignIn(card.code, '192.0.2.66')).statusCode).toBe(429);
    expect((await codeSignIn(card.code, '192.0.2.67')).statusCode).toBe(200);
  }, 240_000);

  it('does not count right codes: a whole team signs in from one address', async () => {
    const cards = [];
    for (let i = 0; i < 4; i++) cards.push(await addCodePerson(`Teamlid ${i}`));
    for (let round = 0; round < 12; round++)
      expect((await codeSignIn(cards[round % 4]!.code, '192.0.2.80')).statusCode).toBe(200);
  });
});

describe('a counter device', () => {
  let device: string;
  let deviceId: string;
  let member: string;

  it('is set up once from the administrator’s link, and only then opens', async () => {
    const created = await post('/api/v1/counter-devices', admin, { name: 'Tablet balie', teamId: f.teamId });
    expect(created.statusCode, created.body).toBe(201);
    deviceId = created.json().device.id;
    expect(created.json().device.status).toBe('waiting');
    const token = created.json().setupUrl.split('#setup=')[1];
    expect((await get('/api/v1/counter')).json().code).toBe('counter_device_required');
    // A person's session is not a counter device.
    expect((await get('/api/v1/counter', admin)).statusCode).toBe(401);
    const activated = await post('/api/v1/counter/activate', undefined, { token });
    expect(activated.statusCode).toBe(204);
    expect(activated.cookies[0]).toMatchObject({
      name: 'klantwerk.counter',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/v1/counter',
    });
    device = cookieFrom(activated);
    expect((await post('/api/v1/counter/activate', undefined, { token })).statusCode).toBe(400);
    const state = await get('/api/v1/counter', device);
    expect(state.statusCode).toBe(200);
    expect(state.json()).toMatchObject({ device: { name: 'Tablet balie' }, people: [], current: null });
  });

  it('shows the team’s people who set a PIN; a PIN that is too simple is refused', async () => {
    member = await signIn(t.app, f.people.member.email);
    const simple = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/counter-pin',
      payload: { pin: '1234' },
      headers: { cookie: member },
    });
    expect(simple.statusCode).toBe(400);
    expect(simple.json().errors[0].code).toBe('pin_too_simple');
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/counter-pin',
      payload: { pin: '2580' },
      headers: { cookie: member },
    });
    expect(set.json()).toEqual({ hasPin: true });
    // The outsider (another team) sets one too, but is not on this team's counter.
    const outsider = await signIn(t.app, f.outsider.email);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/counter-pin',
      payload: { pin: '7391' },
      headers: { cookie: outsider },
    });
    const people = (await get('/api/v1/counter', device)).json().people;
    expect(people).toEqual([{ id: f.people.member.memberId, name: f.people.member.name }]);
    expect(
      (await post('/api/v1/counter/unlock', device, { memberId: f.outsider.memberId, pin: '7391' })).statusCode,
    ).toBe(404);
  });

  it('lets the person log an extra and take up a step with their PIN, and nothing else', async () => {
    const wrong = await post('/api/v1/counter/unlock', device, { memberId: f.people.member.memberId, pin: '0000' });
    expect(wrong.json().code).toBe('invalid_pin');
    const unlocked = await post('/api/v1/counter/unlock', device, { memberId: f.people.member.memberId, pin: '2580' });
    expect(unlocked.statusCode, unlocked.body).toBe(204);
    const at = `${device}; ${cookieFrom(unlocked)}`;
    expect((await get('/api/v1/counter', at)).json().current).toMatchObject({ id: f.people.member.memberId });

    const extra = await post('/api/v1/counter/extras', at, {
      occasion: 'Jarig aan de balie',
      action: 'Bloemetje',
      kind: 'gift',
      costCents: 0,
      minutes: 2,
    });
    expect(extra.statusCode, extra.body).toBe(201);
    expect(extra.json().member.id).toBe(f.people.member.memberId);
    const mine = (await get('/api/v1/extras', member)).json().items.map((e: { occasion: string }) => e.occasion);
    expect(mine).toContain('Jarig aan de balie');

    const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const director = await signIn(t.app, f.people.director.email);
    const offering = await post('/api/v1/offerings', director, { name: 'Taart' });
    const promise = await post('/api/v1/promises', member, {
      customer: { name: 'Mevrouw Baliegast' },
      what: 'Taart bezorgen',
      dueDate: inTenDays,
      offeringId: offering.json().id,
      ownerTeamId: f.teamId,
      steps: [{ teamId: f.teamId, what: 'Taart bestellen', dueDate: inTenDays }],
    });
    expect(promise.statusCode, promise.body).toBe(201);
    const steps = (await get('/api/v1/counter/steps', at)).json().items;
    const step = steps.find((s: { what: string }) => s.what === 'Taart bestellen');
    expect(step).toBeTruthy();
    expect((await post(`/api/v1/counter/promises/${step.promiseId}/steps/${step.stepId}/take-up`, at)).statusCode).toBe(
      204,
    );
    expect(
      (await get('/api/v1/counter/steps', at)).json().items.find((s: { stepId: string }) => s.stepId === step.stepId)
        .acceptedBy,
    ).toBe(f.people.member.name);

    // The counter's cookies open nothing outside the counter: no profile, no export, no notes.
    for (const url of ['/api/v1/me', '/api/v1/extras/export.csv', '/api/v1/me/export', '/api/v1/organization']) {
      expect((await get(url, at)).statusCode, url).toBe(401);
    }
  });

  it('offers the organisation’s values on the counter’s form, as the member’s own log screen does', async () => {
    const director = await signIn(t.app, f.people.director.email);
    const value = await post('/api/v1/values', director, {
      name: 'Gastvrij',
      description: 'Welkom',
      behaviours: ['Groeten', 'Helpen'],
    });
    expect(value.statusCode, value.body).toBe(201);
    // Nobody at the counter: no values shown either.
    expect((await get('/api/v1/counter', device)).json().values).toEqual([]);
    const unlocked = await post('/api/v1/counter/unlock', device, { memberId: f.people.member.memberId, pin: '2580' });
    const at = `${device}; ${cookieFrom(unlocked)}`;
    expect((await get('/api/v1/counter', at)).json().values).toContainEqual({ id: value.json().id, name: 'Gastvrij' });
    const body = { occasion: 'Regen', action: 'Paraplu geleend', kind: 'time', costCents: 0, minutes: 1 };
    const extra = await post('/api/v1/counter/extras', at, { ...body, valueIds: [value.json().id] });
    expect(extra.statusCode, extra.body).toBe(201);
    expect(extra.json().valueIds).toEqual([value.json().id]);
    const unknown = await post('/api/v1/counter/extras', at, { ...body, valueIds: [crypto.randomUUID()] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.valueIds');
  });

  it('gives a person a PIN from their manager, shown once; a new one stops the old PIN and its session at once', async () => {
    const card = await addCodePerson('Fenna Zonder');
    const pinUrl = `/api/v1/members/${card.memberId}/counter-pin`;
    const member = await signIn(t.app, f.people.member.email);
    expect((await post(pinUrl, member)).statusCode).toBe(403);
    // A manager only for the teams they manage; an administrator for anyone.
    expect((await post(`/api/v1/members/${f.outsider.memberId}/counter-pin`, manager)).statusCode).toBe(404);
    expect((await post(`/api/v1/members/${f.outsider.memberId}/counter-pin`, admin)).statusCode).toBe(200);

    const first = await post(pinUrl, manager);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ memberId: card.memberId, name: 'Fenna Zonder' });
    const pin = first.json().pin as string;
    expect(pin).toMatch(/^\d{6}$/);
    expect((await get('/api/v1/counter', device)).json().people.map((p: { name: string }) => p.name)).toContain(
      'Fenna Zonder',
    );
    const unlocked = await post('/api/v1/counter/unlock', device, { memberId: card.memberId, pin });
    expect(unlocked.statusCode, unlocked.body).toBe(204);
    const at = `${device}; ${cookieFrom(unlocked)}`;
    expect((await get('/api/v1/counter/steps', at)).statusCode).toBe(200);
    expect(
      (await get('/api/v1/sign-in-codes', manager))
        .json()
        .items.find((h: { memberId: string }) => h.memberId === card.memberId).hasCounterPin,
    ).toBe(true);

    const second = await post(pinUrl, manager);
    const newPin = second.json().pin as string;
    expect(newPin).toMatch(/^\d{6}$/);
    // The old PIN's session ends at once, and the old PIN opens nothing (unless drawn again by chance).
    expect((await get('/api/v1/counter/steps', at)).statusCode).toBe(401);
    if (newPin !== pin) {
      const old = await post('/api/v1/counter/unlock', device, { memberId: card.memberId, pin });
      expect(old.json().code).toBe('invalid_pin');
    }
    expect((await post('/api/v1/counter/unlock', device, { memberId: card.memberId, pin: newPin })).statusCode).toBe(
      204,
    );
    // Audited, without the PIN; the PIN is kept only as a hash and never logged.
    const audit = await t.database.pool.query(
      `select action, data from audit_log where subject_id = $1 and action = 'member.counter_pin_issued' order by at`,
      [card.memberId],
    );
    expect(audit.rows).toEqual([
      { action: 'member.counter_pin_issued', data: { replaced: false } },
      { action: 'member.counter_pin_issued', data: { replaced: true } },
    ]);
    const stored = await t.database.pool.query(`select pin_hash from counter_pins where member_id = $1`, [
      card.memberId,
    ]);
    expect(stored.rows[0].pin_hash).not.toContain(newPin);
    expect(t.logs.join('')).not.toContain(`"pin":"${newPin}"`);
  });

  it('signs the person out when they are idle, when they are done, and when the next person starts', async () => {
    const start = async () =>
      `${device}; ${cookieFrom(await post('/api/v1/counter/unlock', device, { memberId: f.people.member.memberId, pin: '2580' }))}`;
    const log = (cookie: string) =>
      post('/api/v1/counter/extras', cookie, { occasion: 'x', action: 'y', kind: 'time', costCents: 0, minutes: 1 });
    let at = await start();
    await t.database.pool.query(
      `update counter_sessions set expires_at = now() - interval '1 second' where device_id = $1`,
      [deviceId],
    );
    expect((await log(at)).statusCode).toBe(401);

    at = await start();
    expect((await post('/api/v1/counter/lock', at)).statusCode).toBe(204);
    expect((await log(at)).statusCode).toBe(401);

    at = await start();
    const manager2 = await addFixturePerson(t.database.db, f, 'collega', ['member'], f.teamId, false);
    const colleague = await signIn(t.app, manager2.email);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/counter-pin',
      payload: { pin: '4826' },
      headers: { cookie: colleague },
    });
    const next = await post('/api/v1/counter/unlock', device, { memberId: manager2.memberId, pin: '4826' });
    expect(next.statusCode).toBe(204);
    expect((await log(at)).statusCode).toBe(401);
    expect((await log(`${device}; ${cookieFrom(next)}`)).statusCode).toBe(201);
  });

  it('throttles PINs per person (PIN_MAX_PER_MEMBER=5) and per device (PIN_MAX_PER_DEVICE=20)', async () => {
    const created = await post('/api/v1/counter-devices', admin, { name: 'Tablet keuken', teamId: f.teamId });
    const second = cookieFrom(
      await post('/api/v1/counter/activate', undefined, { token: created.json().setupUrl.split('#setup=')[1] }),
    );
    const people = [];
    for (let i = 0; i < 5; i++) {
      const person = await addFixturePerson(t.database.db, f, `kok${i}`, ['member'], f.teamId, false);
      const cookie = await signIn(t.app, person.email);
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/me/counter-pin',
        payload: { pin: '3719' },
        headers: { cookie },
      });
      people.push(person);
    }
    const tryPin = (memberId: string, pin: string, on = second) =>
      post('/api/v1/counter/unlock', on, { memberId, pin });
    let tries = 0;
    for (; tries < 20; tries++) if ((await tryPin(people[0]!.memberId, `90${tries}1`)).statusCode === 429) break;
    expect(tries).toBe(5);
    expect((await tryPin(people[0]!.memberId, '3719')).statusCode).toBe(429);
    // Per person on any device: the first tablet refuses them too.
    expect((await tryPin(people[0]!.memberId, '3719', device)).statusCode).toBe(429);

    // Per device: 5 + 5 + 5 + 5 wrong PINs of four people; the 21st of anyone is refused on this device only.
    for (const person of people.slice(1, 4))
      for (let i = 0; i < 5; i++) expect((await tryPin(person.memberId, `80${i}2`)).statusCode).toBe(401);
    expect((await tryPin(people[4]!.memberId, '3719')).statusCode).toBe(429);
    expect((await tryPin(people[4]!.memberId, '3719', device)).statusCode).toBe(204);
  }, 120_000);

  it('is revoked from the administrator’s screen and stops at once', async () => {
    const list = (await get('/api/v1/counter-devices', admin)).json().items;
    expect(list.find((d: { id: string }) => d.id === deviceId).status).toBe('active');
    const revoked = await post(`/api/v1/counter-devices/${deviceId}/revoke`, admin);
    expect(revoked.json().status).toBe('revoked');
    expect((await get('/api/v1/counter', device)).statusCode).toBe(401);
  });
});

describe('bulk import', () => {
  const count = async () =>
    Number((await t.database.pool.query(`select count(*) from members where org_id = $1`, [f.orgId])).rows[0].count);

  it('previews each row’s problems and saves nothing', async () => {
    const before = await count();
    const text = [
      'naam;e-mail;team;rol;taal',
      'Goed Mens;goed@example.test;Team workforce;medewerker;nl',
      ';leeg@example.test;Team workforce;;',
      'Fout Adres;niet-een-adres;Keuken;;',
      'Dubbel Een;dubbel@example.test;;;',
      'Dubbel Twee;DUBBEL@example.test;;;',
      `Al Lid;${f.people.member.email};;;`,
      'Geen Team;;;;',
      'Rare Rol;;Keuken;koning;xx',
    ].join('\n');
    const response = await post('/api/v1/members/import/preview', admin, { text });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview.header).toBe(true);
    const problems = Object.fromEntries(
      preview.rows.map((r: { line: number; problems: { code: string }[] }) => [r.line, r.problems.map((p) => p.code)]),
    );
    expect(problems).toEqual({
      2: [],
      3: ['name_missing'],
      4: ['email_invalid'],
      5: ['email_twice'],
      6: ['email_twice'],
      7: ['already_member'],
      8: ['team_missing'],
      9: ['role_unknown', 'language_unknown'],
    });
    expect(preview.rows.find((r: { line: number }) => r.line === 4).newTeam).toBe(true);
    expect(preview.problemRows).toBe(7);
    const refused = await post('/api/v1/members/import', admin, { text });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('import_has_problems');
    expect(await count()).toBe(before);
  });

  it('imports clean rows: invitations for e-mail addresses, sign-in codes for the others, missing teams made', async () => {
    const text =
      'Piet Post,piet@example.test,Bediening,manager,en\nKees Kamer,,Housekeeping,,\n"Lisa, de Vries",,Team workforce,member,nl\n';
    const preview = (await post('/api/v1/members/import/preview', admin, { text })).json();
    expect(preview.header).toBe(false);
    expect(preview.problemRows).toBe(0);
    const response = await post('/api/v1/members/import', admin, { text });
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json();
    expect(result.invited).toBe(1);
    expect(result.mailed).toBe(1);
    expect(result.teamsMade.sort()).toEqual(['Bediening', 'Housekeeping']);
    expect(result.codes.map((c: { name: string }) => c.name)).toEqual(['Kees Kamer', 'Lisa, de Vries']);
    const mail = t.mailer.outbox.find((m) => m.to === 'piet@example.test');
    expect(mail?.subject).toBeTruthy();
    const kees = await codeSignIn(result.codes[0].code);
    expect(kees.statusCode).toBe(200);
    expect(kees.json().member.teams[0].name).toBe('Housekeeping');
    const invitation = (await get('/api/v1/invitations', admin))
      .json()
      .items.find((i: { email: string }) => i.email === 'piet@example.test');
    expect(invitation.roles).toEqual(['manager']);
  });

  it('a mail that fails leaves its invitation saved and marked unsent, to send again without a second one', async () => {
    const send = t.mailer.send;
    t.mailer.send = async (mail) => {
      if (mail.to === 'twee@example.test') throw new Error('mail server said no');
      return send.call(t.mailer, mail);
    };
    const text =
      'Een Mens,een@example.test,Bediening,,\nTwee Mens,twee@example.test,Bediening,,\nDrie Mens,drie@example.test,Bediening,,\n';
    let result: Record<string, unknown> & { invitations: { line: number; email: string; mailed: boolean }[] };
    try {
      const response = await post('/api/v1/members/import', admin, { text });
      expect(response.statusCode, response.body).toBe(201);
      result = response.json();
    } finally {
      t.mailer.send = send;
    }
    expect(result.invited).toBe(3);
    expect(result.mailed).toBe(2);
    expect(
      result.invitations.map((i: { line: number; email: string; mailed: boolean }) => [i.line, i.email, i.mailed]),
    ).toEqual([
      [1, 'een@example.test', true],
      [2, 'twee@example.test', false],
      [3, 'drie@example.test', true],
    ]);
    // The list says which one waits, with its link to copy.
    const waiting = (await get('/api/v1/invitations', admin))
      .json()
      .items.find((i: { email: string }) => i.email === 'twee@example.test');
    expect(waiting.mailedAt).toBeNull();
    expect(waiting.link).toContain('/invite#token=');
    // Importing the same file again makes no second invitation: the rows say they are invited already.
    const again = (await post('/api/v1/members/import/preview', admin, { text })).json();
    expect(again.rows.map((r: { problems: { code: string }[] }) => r.problems.map((p) => p.code))).toEqual([
      ['already_invited'],
      ['already_invited'],
      ['already_invited'],
    ]);
    expect((await post('/api/v1/members/import', admin, { text })).statusCode).toBe(400);
    // Sent again from the list: the same invitation, now mailed.
    const resent = await post(`/api/v1/invitations/${waiting.id}/resend`, admin);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json().mailedAt).not.toBeNull();
    const rows = await t.database.pool.query(
      `select count(*)::int as n from invitations where email = 'twee@example.test'`,
    );
    expect(rows.rows[0].n).toBe(1);
    expect(t.mailer.outbox.filter((m) => m.to === 'twee@example.test')).toHaveLength(1);
  });
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { addFixturePerson, createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import { mandateStatusAt } from './mandates.service';

let t: TestApp;
let f: OrgFixture;
const cookie = {} as Record<'member' | 'manager' | 'director' | 'admin' | 'outsider' | 'advisor', string>;

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'extras');
  for (const role of ['member', 'manager', 'director', 'admin', 'advisor'] as const)
    cookie[role] = await signIn(t.app, f.people[role].email);
  cookie.outsider = await signIn(t.app, f.outsider.email);
  // The front desk rule of the demo: 25 euro a week, at most 10 per extra, gifts and time.
  await setMandate({ type: 'team', teamId: f.teamId }, 2500, 1000, ['gift', 'time']);
});
afterAll(() => t.close());

type Who = keyof typeof cookie;
const call = apiCaller<Who>(() => t.app, cookie, '');

function setMandate(
  scope: object,
  budgetCents: number,
  maxPerExtraCents: number,
  allowedKinds: string[],
  period = 'week',
) {
  return call('admin', 'PUT', '/api/v1/mandates', { scope, period, budgetCents, maxPerExtraCents, allowedKinds });
}

const extraBody = (over: object = {}) => ({
  occasion: 'Gast was jarig',
  action: 'Taartje op de kamer gezet',
  kind: 'gift',
  costCents: 500,
  minutes: 10,
  ...over,
});

async function countExtras(memberId: string) {
  const { rows } = await t.database.pool.query(
    'select count(*)::int as n from extras where member_id = $1 and deleted_at is null',
    [memberId],
  );
  return rows[0].n as number;
}

describe('mandate resolution', () => {
  it('a person gets their team mandate, then their own over it, and a role mandate when nothing else applies', async () => {
    const mine = await call('member', 'GET', '/api/v1/mandates/me');
    expect(mine.json().mandate).toMatchObject({
      scope: { type: 'team', teamId: f.teamId },
      budgetCents: 2500,
      maxPerExtraCents: 1000,
    });

    await setMandate({ type: 'role', role: 'member' }, 900, 300, ['gift']);
    const outsider = await call('outsider', 'GET', '/api/v1/mandates/me');
    expect(outsider.json().mandate).toMatchObject({ scope: { type: 'role', role: 'member' }, budgetCents: 900 });
    expect((await call('member', 'GET', '/api/v1/mandates/me')).json().mandate.scope.type).toBe('team');

    const own = await setMandate(
      { type: 'member', memberId: f.outsider.memberId },
      5000,
      2000,
      ['gift', 'upgrade'],
      'month',
    );
    expect(own.statusCode).toBe(200);
    const personal = (await call('outsider', 'GET', '/api/v1/mandates/me')).json();
    expect(personal.mandate).toMatchObject({
      scope: { type: 'member' },
      period: 'month',
      budgetCents: 5000,
      scopeName: f.outsider.name,
    });
    expect(new Date(personal.periodStart).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(personal.periodEnd).getTime()).toBeGreaterThan(Date.now());

    const again = await setMandate({ type: 'member', memberId: f.outsider.memberId }, 6000, 2000, ['gift']);
    expect(again.json().id).toBe(own.json().id);
    const list = (await call('manager', 'GET', '/api/v1/mandates')).json().items;
    expect(list.filter((m: { scope: { type: string } }) => m.scope.type === 'member')).toHaveLength(1);
  });

  it('refuses a maximum per extra above the whole budget, saying why, and keeps the mandate as it was', async () => {
    // € 5 a week with at most € 10 per extra: such an extra could never fit.
    const refused = await setMandate({ type: 'team', teamId: f.teamId }, 500, 1000, ['gift']);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'mandate_max_above_budget',
      errors: [{ path: 'body.maxPerExtraCents', code: 'mandate_max_above_budget' }],
    });
    expect((await call('member', 'GET', '/api/v1/mandates/me')).json().mandate).toMatchObject({
      budgetCents: 2500,
      maxPerExtraCents: 1000,
    });
    expect((await setMandate({ type: 'team', teamId: f.teamId }, 1000, 1000, ['gift', 'time'])).statusCode).toBe(200);
    expect((await setMandate({ type: 'team', teamId: f.teamId }, 2500, 1000, ['gift', 'time'])).statusCode).toBe(200);
  });

  it('refuses a mandate for a team or person of another organisation', async () => {
    const other = await createOrgFixture(t.database.db, 'elsewhere');
    expect((await setMandate({ type: 'team', teamId: other.teamId }, 100, 100, ['gift'])).statusCode).toBe(404);
    expect(
      (await setMandate({ type: 'member', memberId: other.people.member.memberId }, 100, 100, ['gift'])).statusCode,
    ).toBe(404);
  });
});

describe('logging an extra', () => {
  it('within the mandate it is saved at once and the mandate left shrinks; edits and deletes give room back', async () => {
    const before = (await call('member', 'GET', '/api/v1/mandates/me')).json();
    const logged = await call(
      'member',
      'POST',
      '/api/v1/extras',
      extraBody({ costCents: 800, reactionScore: 5, reactionText: 'Ze straalde' }),
    );
    expect(logged.statusCode).toBe(201);
    expect(logged.json()).toMatchObject({
      aboveMandate: false,
      costCents: 800,
      reactionScore: 5,
      member: { name: f.people.member.name },
    });
    expect(logged.json().teamIds).toEqual([f.teamId]);
    const after = (await call('member', 'GET', '/api/v1/mandates/me')).json();
    expect(after.leftCents).toBe(before.leftCents - 800);

    const edited = await call('member', 'PATCH', `/api/v1/extras/${logged.json().id}`, { costCents: 300 });
    expect(edited.statusCode).toBe(200);
    expect((await call('member', 'GET', '/api/v1/mandates/me')).json().leftCents).toBe(before.leftCents - 300);

    expect((await call('member', 'DELETE', `/api/v1/extras/${logged.json().id}`)).statusCode).toBe(204);
    expect((await call('member', 'GET', '/api/v1/mandates/me')).json().leftCents).toBe(before.leftCents);
    // The bare record stays for the audit trail; nothing it said does.
    const { rows } = await t.database.pool.query(
      'select deleted_at, occasion, action, cost_cents from extras where id = $1',
      [logged.json().id],
    );
    expect(rows[0]).toMatchObject({ occasion: '', action: '', cost_cents: 300 });
    expect(rows[0].deleted_at).not.toBeNull();
    const history = await t.database.pool.query('select count(*)::int as n from extra_reactions where extra_id = $1', [
      logged.json().id,
    ]);
    expect(history.rows[0].n).toBe(0);
    const audit = await t.database.pool.query(`select action from audit_log where subject_id = $1`, [logged.json().id]);
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['extra.deleted', 'extra.updated']);
  });

  it('above the mandate a reason is required; with one it is saved, marked, and the managers are told', async () => {
    const count = await countExtras(f.people.member.memberId);
    const refused = await call('member', 'POST', '/api/v1/extras', extraBody({ costCents: 1500 }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('mandate_reason_required');
    expect(refused.json().errors.map((e: { code: string }) => e.code)).toContain('over_max_per_extra');
    expect(await countExtras(f.people.member.memberId)).toBe(count);

    const kind = await call('member', 'POST', '/api/v1/extras', extraBody({ kind: 'discount', costCents: 100 }));
    expect(kind.json().errors.map((e: { code: string }) => e.code)).toEqual(['kind_not_allowed']);

    const saved = await call(
      'member',
      'POST',
      '/api/v1/extras',
      extraBody({ costCents: 1500, aboveMandateReason: 'Bruiloft in het hotel' }),
    );
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({ aboveMandate: true, aboveMandateReason: 'Bruiloft in het hotel' });

    const managerNews = (await call('manager', 'GET', '/api/v1/notifications')).json();
    expect(managerNews.unread).toBeGreaterThan(0);
    expect(managerNews.items[0]).toMatchObject({
      kind: 'extra_above_mandate',
      // The team's mandate allows € 10 per extra: € 5 of the € 15 is above it.
      data: {
        extraId: saved.json().id,
        costCents: 1500,
        aboveCents: 500,
        reason: 'Bruiloft in het hotel',
        memberName: f.people.member.name,
      },
    });
    expect((await call('member', 'GET', '/api/v1/notifications')).json().unread).toBe(0);
    expect((await call('outsider', 'GET', '/api/v1/notifications')).json().unread).toBe(0);

    expect((await call('manager', 'POST', '/api/v1/notifications/read-all')).statusCode).toBe(204);
    expect((await call('manager', 'GET', '/api/v1/notifications')).json().unread).toBe(0);
  });

  it('the budget of the period counts: a small extra that passes the budget left needs a reason too', async () => {
    await setMandate({ type: 'member', memberId: f.people.director.memberId }, 1000, 800, ['gift']);
    expect((await call('director', 'POST', '/api/v1/extras', extraBody({ costCents: 600 }))).json().aboveMandate).toBe(
      false,
    );
    expect((await call('director', 'GET', '/api/v1/mandates/me')).json()).toMatchObject({
      usedCents: 600,
      leftCents: 400,
    });
    const overBudget = await call('director', 'POST', '/api/v1/extras', extraBody({ costCents: 500 }));
    expect(overBudget.json().errors.map((e: { code: string }) => e.code)).toEqual(['over_budget']);
    expect((await call('director', 'POST', '/api/v1/extras', extraBody({ costCents: 400 }))).json().aboveMandate).toBe(
      false,
    );
    expect((await call('director', 'GET', '/api/v1/mandates/me')).json().leftCents).toBe(0);
    // time costs nothing: with the budget used up it is still within the mandate
    const time = await call('director', 'POST', '/api/v1/extras', extraBody({ costCents: 0 }));
    expect(time.json().aboveMandate).toBe(false);
  });

  it('a retried request with the same Idempotency-Key makes one extra, also 20 at once', async () => {
    const count = await countExtras(f.people.member.memberId);
    const key = randomUUID();
    const body = extraBody({ costCents: 0, kind: 'time', occasion: 'Koffer naar boven' });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call('member', 'POST', '/api/v1/extras', body, { 'idempotency-key': key })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await countExtras(f.people.member.memberId)).toBe(count + 1);

    const otherBody = await call(
      'member',
      'POST',
      '/api/v1/extras',
      extraBody({ costCents: 0, kind: 'time', occasion: 'iets anders' }),
      {
        'idempotency-key': key,
      },
    );
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json().code).toBe('idempotency_key_reused');
  });

  it('a retry gets the first answer even when the same request would now be refused', async () => {
    await setMandate({ type: 'member', memberId: f.outsider.memberId }, 6000, 2000, ['gift']);
    const key = randomUUID();
    const body = extraBody({ costCents: 2000, occasion: 'Eerste poging' });
    const first = await call('outsider', 'POST', '/api/v1/extras', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    await call('outsider', 'POST', '/api/v1/extras', extraBody({ costCents: 2000 }));
    await call('outsider', 'POST', '/api/v1/extras', extraBody({ costCents: 2000 }));
    const count = await countExtras(f.outsider.memberId);
    const retry = await call('outsider', 'POST', '/api/v1/extras', body, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await countExtras(f.outsider.memberId)).toBe(count);
  });

  it('a retry gets the first answer after the extra was changed, hidden or deleted', async () => {
    const body = extraBody({ costCents: 0, kind: 'time', occasion: 'Paraplu uitgeleend', reactionScore: 4 });
    const log = (key: string) => call('member', 'POST', '/api/v1/extras', body, { 'idempotency-key': key });
    const changes: [string, (id: string) => Promise<unknown>][] = [
      ['edited', (id) => call('member', 'PATCH', `/api/v1/extras/${id}`, { occasion: 'Anders', minutes: 20 })],
      [
        'reaction',
        (id) => call('member', 'PUT', `/api/v1/extras/${id}/reaction`, { reactionText: 'x', reactionScore: 2 }),
      ],
      ['hidden', (id) => call('manager', 'POST', `/api/v1/extras/${id}/hide`, { reason: 'Dubbel' })],
      ['deleted', (id) => call('member', 'DELETE', `/api/v1/extras/${id}`)],
    ];
    for (const [what, change] of changes) {
      const key = randomUUID();
      const first = await log(key);
      expect(first.statusCode, what).toBe(201);
      expect(((await change(first.json().id)) as { statusCode: number }).statusCode, what).toBeLessThan(300);
      const count = await countExtras(f.people.member.memberId);
      const retry = await log(key);
      expect(retry.statusCode, what).toBe(201);
      expect(retry.json(), what).toEqual(first.json());
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await countExtras(f.people.member.memberId), what).toBe(count);
    }
  });

  it('a retry that now takes the full path (a value retired since) still gets the first answer', async () => {
    const made = await call('director', 'POST', '/api/v1/values', {
      name: 'Tijdelijk',
      behaviours: ['Even helpen', 'Even luisteren'],
    });
    expect(made.statusCode, made.body).toBe(201);
    const value = made.json();
    const key = randomUUID();
    const body = extraBody({ costCents: 0, kind: 'time', valueIds: [value.id] });
    const first = await call('member', 'POST', '/api/v1/extras', body, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    const count = await countExtras(f.people.member.memberId);
    await t.database.pool.query('update core_values set retired_at = now() where id = $1', [value.id]);
    const retry = await call('member', 'POST', '/api/v1/extras', body, { 'idempotency-key': key });
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(await countExtras(f.people.member.memberId)).toBe(count);
  });

  it('refuses bad input with a clear field error and writes nothing', async () => {
    const count = await countExtras(f.people.member.memberId);
    const future = new Date(Date.now() + 3600_000).toISOString();
    const cases: [object, string][] = [
      [{ costCents: -100 }, 'body.costCents'],
      [{ costCents: 100_000_000 }, 'body.costCents'],
      [{ costCents: 2.5 }, 'body.costCents'],
      [{ minutes: 5000 }, 'body.minutes'],
      [{ reactionScore: 0 }, 'body.reactionScore'],
      [{ reactionScore: 6 }, 'body.reactionScore'],
      [{ occurredAt: future }, 'body.occurredAt'],
      [{ occurredAt: '2001-01-01T00:00:00Z' }, 'body.occurredAt'],
      [{ kind: 'bribe' }, 'body.kind'],
      [{ valueIds: [randomUUID()] }, 'body.valueIds'],
      [{ occasion: 'x'.repeat(100_000) }, 'body.occasion'],
      [{ occasion: '   ' }, 'body.occasion'],
    ];
    for (const [over, path] of cases) {
      const response = await call('member', 'POST', '/api/v1/extras', extraBody(over));
      expect(response.statusCode, JSON.stringify(over).slice(0, 60)).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const badKey = await call('member', 'POST', '/api/v1/extras', extraBody({ costCents: 0 }), {
      'idempotency-key': 'x',
    });
    expect(badKey.statusCode).toBe(400);
    expect(await countExtras(f.people.member.memberId)).toBe(count);
  });
});

describe('reactions, edits and hiding', () => {
  it('the author adds the reaction later and every version is kept', async () => {
    const logged = (await call('member', 'POST', '/api/v1/extras', extraBody({ costCents: 0, kind: 'time' }))).json();
    await call('member', 'PUT', `/api/v1/extras/${logged.id}/reaction`, { reactionText: 'Bedankt!', reactionScore: 4 });
    await call('member', 'PUT', `/api/v1/extras/${logged.id}/reaction`, {
      reactionText: 'Kwam terug met een kaartje',
      reactionScore: 5,
    });
    const detail = (await call('member', 'GET', `/api/v1/extras/${logged.id}`)).json();
    expect(detail).toMatchObject({ reactionText: 'Kwam terug met een kaartje', reactionScore: 5 });
    expect(detail.reactionHistory.map((r: { reactionScore: number }) => r.reactionScore)).toEqual([4, 5]);
    expect(
      (await call('manager', 'PUT', `/api/v1/extras/${logged.id}/reaction`, { reactionText: 'x', reactionScore: 1 }))
        .statusCode,
    ).toBe(403);
  });

  it('the reaction given when logging stays first in the history when it is changed (free and paid extras)', async () => {
    for (const costCents of [0, 500]) {
      const logged = (
        await call(
          'member',
          'POST',
          '/api/v1/extras',
          extraBody({ costCents, kind: costCents ? 'gift' : 'time', reactionText: 'Blij', reactionScore: 4 }),
        )
      ).json();
      const history = async () =>
        (await call('member', 'GET', `/api/v1/extras/${logged.id}`))
          .json()
          .reactionHistory.map((r: { reactionText: string; reactionScore: number; changedBy: { id: string } }) => [
            r.reactionText,
            r.reactionScore,
            r.changedBy.id,
          ]);
      const member = f.people.member.memberId;
      expect(await history()).toEqual([['Blij', 4, member]]);
      await call('member', 'PUT', `/api/v1/extras/${logged.id}/reaction`, {
        reactionText: 'Heel blij',
        reactionScore: 5,
      });
      await call('member', 'PUT', `/api/v1/extras/${logged.id}/reaction`, { reactionText: 'Toch', reactionScore: 3 });
      expect(await history()).toEqual([
        ['Blij', 4, member],
        ['Heel blij', 5, member],
        ['Toch', 3, member],
      ]);
    }
  });

  it('after 24 hours the author can no longer edit or delete, but can still record the reaction', async () => {
    const logged = (await call('member', 'POST', '/api/v1/extras', extraBody({ costCents: 0, kind: 'time' }))).json();
    await t.database.pool.query(`update extras set created_at = now() - interval '25 hours' where id = $1`, [
      logged.id,
    ]);
    const edit = await call('member', 'PATCH', `/api/v1/extras/${logged.id}`, { minutes: 20 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('edit_window_closed');
    expect((await call('member', 'DELETE', `/api/v1/extras/${logged.id}`)).json().code).toBe('edit_window_closed');
    expect(
      (await call('member', 'PUT', `/api/v1/extras/${logged.id}/reaction`, { reactionText: 'Later', reactionScore: 3 }))
        .statusCode,
    ).toBe(200);
  });

  it('the team manager hides an extra with a reason; members cannot, and nothing is lost', async () => {
    const logged = (await call('member', 'POST', '/api/v1/extras', extraBody({ costCents: 0, kind: 'time' }))).json();
    expect((await call('outsider', 'POST', `/api/v1/extras/${logged.id}/hide`, { reason: 'nee' })).statusCode).toBe(
      403,
    );
    const hidden = await call('manager', 'POST', `/api/v1/extras/${logged.id}/hide`, {
      reason: 'Bevat de naam van de gast',
    });
    expect(hidden.json().hidden.reason).toBe('Bevat de naam van de gast');
    expect((await call('member', 'GET', `/api/v1/extras/${logged.id}`)).json().hidden).not.toBeNull();
    expect((await call('manager', 'POST', `/api/v1/extras/${logged.id}/unhide`)).json().hidden).toBeNull();
  });
});

describe('who sees which extras', () => {
  it('members see their own, managers their teams, directors all; other teams and organisations see nothing', async () => {
    const mine = (
      await call(
        'member',
        'POST',
        '/api/v1/extras',
        extraBody({ costCents: 0, kind: 'time', occasion: 'Zichtbaarheid' }),
      )
    ).json();
    expect((await call('outsider', 'GET', `/api/v1/extras/${mine.id}`)).statusCode).toBe(404);
    expect((await call('manager', 'GET', `/api/v1/extras/${mine.id}`)).statusCode).toBe(200);
    expect((await call('director', 'GET', `/api/v1/extras/${mine.id}`)).statusCode).toBe(200);

    const own = (await call('outsider', 'GET', '/api/v1/extras')).json().items.map((e: { id: string }) => e.id);
    expect(own).not.toContain(mine.id);
    const team = (await call('manager', 'GET', '/api/v1/extras?scope=team'))
      .json()
      .items.map((e: { id: string }) => e.id);
    expect(team).toContain(mine.id);
    expect((await call('member', 'GET', '/api/v1/extras?scope=team')).statusCode).toBe(403);
    expect((await call('manager', 'GET', '/api/v1/extras?scope=all')).statusCode).toBe(403);
    expect((await call('manager', 'GET', `/api/v1/extras?scope=team&teamId=${f.otherTeamId}`)).statusCode).toBe(403);
    const all = (await call('director', 'GET', '/api/v1/extras?scope=all&limit=200'))
      .json()
      .items.map((e: { id: string }) => e.id);
    expect(all).toContain(mine.id);
    expect((await call('advisor', 'GET', '/api/v1/extras')).statusCode).toBe(403);

    const other = await createOrgFixture(t.database.db, 'stranger');
    const stranger = await signIn(t.app, other.people.director.email);
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/v1/extras/${mine.id}`,
      headers: { cookie: stranger },
    });
    expect(foreign.statusCode).toBe(404);
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/v1/extras?scope=all',
      headers: { cookie: stranger },
    });
    expect(theirs.json().items).toEqual([]);
  });

  it('pages through a list with a cursor and filters by kind and period', async () => {
    for (let i = 0; i < 3; i++) {
      expect(
        (await call('outsider', 'POST', '/api/v1/extras', extraBody({ costCents: 0, occasion: `Pagina ${i}` })))
          .statusCode,
      ).toBe(201);
    }
    const first = (await call('outsider', 'GET', '/api/v1/extras?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await call('outsider', 'GET', `/api/v1/extras?limit=2&cursor=${first.nextCursor}`)).json();
    const ids = [...first.items, ...second.items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Every extra once, also where a page ends among extras of one moment to the microsecond (an import).
    const all: string[] = (await call('outsider', 'GET', '/api/v1/extras?limit=200'))
      .json()
      .items.map((e: { id: string }) => e.id);
    await t.database.pool.query(
      `update extras set occurred_at = date_trunc('second', now()) - interval '3 minutes' + interval '123457 microseconds'
        where id = any($1::uuid[])`,
      [all],
    );
    const inOrder: string[] = (await call('outsider', 'GET', '/api/v1/extras?limit=200'))
      .json()
      .items.map((e: { id: string }) => e.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await call('outsider', 'GET', `/api/v1/extras?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor && paged.length <= inOrder.length);
    expect(paged).toEqual(inOrder);
    expect((await call('outsider', 'GET', '/api/v1/extras?kind=discount')).json().items).toEqual([]);
    expect((await call('outsider', 'GET', '/api/v1/extras?kind=gift')).json().items.length).toBeGreaterThanOrEqual(3);
    expect((await call('outsider', 'GET', '/api/v1/extras?to=2020-01-01')).json().items).toEqual([]);
    expect((await call('outsider', 'GET', '/api/v1/extras?cursor=garbage')).statusCode).toBe(400);
  });

  it('exports what the list shows as CSV for a Dutch spreadsheet, with formulas defused', async () => {
    await call(
      'outsider',
      'POST',
      '/api/v1/extras',
      extraBody({ costCents: 250, occasion: '=HYPERLINK("x")', aboveMandateReason: 'test' }),
    );
    const csv = await call('outsider', 'GET', '/api/v1/extras/export.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('"Klantaanleiding"');
    expect(lines[0]!.split(';').length).toBe(13);
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.body).toContain('"2,50"');
    expect(lines.length - 1).toBe((await call('outsider', 'GET', '/api/v1/extras?limit=200')).json().items.length);
  });

  it('suggests recent occasions and actions', async () => {
    const suggestions = (await call('member', 'GET', '/api/v1/extras/suggestions')).json();
    expect(suggestions.occasions).toContain('Gast was jarig');
    expect(suggestions.actions).toContain('Taartje op de kamer gezet');
  });
});

describe('periods in the organisation time zone', () => {
  it('a week that loses an hour to daylight saving still runs Monday to Monday in Amsterdam', async () => {
    const person = await createOrgFixture(t.database.db, 'dst');
    await t.database.pool.query(`update organizations set time_zone = 'Europe/Amsterdam' where id = $1`, [
      person.orgId,
    ]);
    await t.database.pool.query(
      `insert into mandates (org_id, scope_type, scope_key, period, budget_cents, max_per_extra_cents, allowed_kinds)
       values ($1, 'role', 'member', 'week', 2000, 2000, '{gift}')`,
      [person.orgId],
    );
    // Summer time ends on Sunday 25 October 2026 at 03:00. Sunday 23:30 local is 22:30 UTC; Monday 00:30 is 23:30 UTC.
    const insert = (occurredAt: string, cost: number) =>
      t.database.pool.query(
        `insert into extras (org_id, member_id, team_ids, occurred_at, occasion, action, kind, cost_cents, minutes, value_ids)
         values ($1, $2, '{}', $3, 'o', 'a', 'gift', $4, 0, '{}')`,
        [person.orgId, person.people.member.memberId, occurredAt, cost],
      );
    await insert('2026-10-19T00:30:00+02:00', 300); // Monday of that week, summer time
    await insert('2026-10-25T22:30:00Z', 500); // Sunday 23:30 winter time: same week
    await insert('2026-10-25T23:30:00Z', 700); // Monday 00:30: the next week
    const who = {
      orgId: person.orgId,
      memberId: person.people.member.memberId,
      roles: ['member' as const],
      teamIds: [],
      timeZone: 'Europe/Amsterdam',
    };

    const sunday = await mandateStatusAt(t.database.db, who, new Date('2026-10-25T12:00:00Z'));
    expect(sunday.bounds.start.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(sunday.bounds.end.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(sunday.usedCents).toBe(800);
    expect(sunday.leftCents).toBe(1200);

    const monday = await mandateStatusAt(t.database.db, who, new Date('2026-10-26T08:00:00Z'));
    expect(monday.bounds.start.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(monday.usedCents).toBe(700);
  });
});

describe('a free extra on a session and rules this process remembers', () => {
  let q: OrgFixture;
  let n = 0;
  let valueId: string;
  beforeAll(async () => {
    q = await createOrgFixture(t.database.db, 'quick');
    // Before any extra, so that the process remembers it among the organisation's active values.
    const { rows } = await t.database.pool.query(
      `insert into core_values (org_id, name, behaviours, position) values ($1, 'Gastvrij', '{Even helpen}', 1) returning id`,
      [q.orgId],
    );
    valueId = rows[0].id;
  });
  const sql = (text: string, values: unknown[] = []) => t.database.pool.query(text, values);
  const freeBody = (over: object = {}) => ({
    occasion: 'Gast vroeg de weg',
    action: 'Meegelopen tot de hoek',
    kind: 'time',
    costCents: 0,
    minutes: 5,
    ...over,
  });
  const post = (cookie: string, body: object = freeBody()) =>
    t.app.inject({ method: 'POST', url: '/api/v1/extras', payload: body, headers: { cookie } });
  /** A new member of the quick organisation's team, signed in, who has logged one free extra (warm). */
  async function warm() {
    const p = await addFixturePerson(t.database.db, q, `quick${n++}`, ['member'], q.teamId, false);
    const cookie = await signIn(t.app, p.email);
    const first = await post(cookie);
    expect(first.statusCode, first.body).toBe(201);
    return { ...p, cookie };
  }
  const saved = async (memberId: string) => (await countExtras(memberId)) - 1;

  it('a warm free extra is one statement; a read still checks the session on every request', async () => {
    const p = await warm();
    const sent: string[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      sent.push(typeof config === 'string' ? config : (config.text ?? ''));
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      const logged = await post(p.cookie);
      expect(logged.statusCode, logged.body).toBe(201);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatch(/insert into "extras"/);
      sent.length = 0;
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/extras', headers: { cookie: p.cookie } })).statusCode,
      ).toBe(200);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/extras', headers: { cookie: p.cookie } })).statusCode,
      ).toBe(200);
      expect(sent.filter((text) => /"auth_session"/.test(text))).toHaveLength(2);
    } finally {
      pg.Client.prototype.query = query;
    }
    await sql('update auth_session set expires_at = now() - interval $$1 minute$$ where user_id = $1', [p.userId]);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/extras', headers: { cookie: p.cookie } })).statusCode,
    ).toBe(401);
  });

  it('after signing out, or with the session expired or gone, the next free extra is 401 and nothing is saved', async () => {
    const out = await warm();
    const signedOut = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie: out.cookie },
    });
    expect(signedOut.statusCode, signedOut.body).toBeLessThan(300);
    const afterOut = await post(out.cookie);
    expect(afterOut.statusCode, afterOut.body).toBe(401);
    expect(afterOut.json().code).toBe('unauthenticated');
    expect(await saved(out.memberId)).toBe(0);

    const expired = await warm();
    await sql('update auth_session set expires_at = now() - interval $$1 minute$$ where user_id = $1', [
      expired.userId,
    ]);
    expect((await post(expired.cookie)).statusCode).toBe(401);
    expect(await saved(expired.memberId)).toBe(0);

    // Bad input from a session that is gone: 401 first, as on every route. Each from a session this
    // process still remembers: a body that parses but is invalid, one that does not parse, one too large
    // and one that is not JSON.
    const cases: [string, string][] = [
      [JSON.stringify(freeBody({ minutes: -1 })), 'application/json'],
      ['{"occasion": ', 'application/json'],
      [JSON.stringify(freeBody({ occasion: 'x'.repeat(2_000_000) })), 'application/json'],
      ['occasion=x', 'application/x-www-form-urlencoded'],
    ];
    for (const [payload, contentType] of cases) {
      const gone = await warm();
      await sql('delete from auth_session where user_id = $1', [gone.userId]);
      const answer = await t.app.inject({
        method: 'POST',
        url: '/api/v1/extras',
        payload,
        headers: { cookie: gone.cookie, 'content-type': contentType },
      });
      expect(answer.statusCode, `${contentType} ${payload.slice(0, 20)}: ${answer.body}`).toBe(401);
      expect(answer.json().code).toBe('unauthenticated');
      expect((await post(gone.cookie)).statusCode).toBe(401);
      expect(await saved(gone.memberId)).toBe(0);
    }
  });

  it('a member deactivated, or whose session moved to another organisation, is refused and nothing is saved', async () => {
    const deactivated = await warm();
    await sql(`update members set status = 'deactivated', deactivated_at = now() where org_id = $1 and id = $2`, [
      q.orgId,
      deactivated.memberId,
    ]);
    const refused = await post(deactivated.cookie);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().code).toBe('no_active_organization');
    expect(await saved(deactivated.memberId)).toBe(0);

    const moved = await warm();
    // Another process switched the session to an organisation the person is no member of.
    await sql('update auth_session set active_org_id = $1 where user_id = $2', [f.orgId, moved.userId]);
    const elsewhere = await post(moved.cookie);
    expect(elsewhere.statusCode, elsewhere.body).toBe(403);
    expect(await saved(moved.memberId)).toBe(0);
    const { rows } = await sql('select count(*)::int as n from extras where org_id = $1 and member_id = $2', [
      f.orgId,
      moved.memberId,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('a member moved to another team logs the next extra in the new team', async () => {
    const p = await warm();
    await sql('update team_members set team_id = $1 where org_id = $2 and member_id = $3', [
      q.otherTeamId,
      q.orgId,
      p.memberId,
    ]);
    const moved = await post(p.cookie);
    expect(moved.statusCode, moved.body).toBe(201);
    expect(moved.json().teamIds).toEqual([q.otherTeamId]);
  });

  it('a mandate set or changed for the member judges the next free extra as the full path does', async () => {
    const p = await warm();
    // A mandate of their own that does not allow time: judged as the full path judges it.
    const admin = await signIn(t.app, q.people.admin.email);
    const mandate = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/mandates',
      headers: { cookie: admin },
      payload: {
        scope: { type: 'member', memberId: p.memberId },
        period: 'week',
        budgetCents: 1000,
        maxPerExtraCents: 500,
        allowedKinds: ['gift'],
      },
    });
    expect(mandate.statusCode, mandate.body).toBe(200);
    const notAllowed = await post(p.cookie);
    expect(notAllowed.statusCode, notAllowed.body).toBe(400);
    expect(notAllowed.json().code).toBe('mandate_reason_required');
    const withReason = await post(p.cookie, freeBody({ aboveMandateReason: 'Gast bleef wachten' }));
    expect(withReason.statusCode, withReason.body).toBe(201);
    expect(withReason.json().aboveMandate).toBe(true);
    // Changed straight in the database (another process): time allowed again.
    await sql(`update mandates set allowed_kinds = '{gift,time}' where org_id = $1 and scope_key = $2`, [
      q.orgId,
      p.memberId,
    ]);
    const allowed = await post(p.cookie);
    expect(allowed.statusCode, allowed.body).toBe(201);
    expect(allowed.json().aboveMandate).toBe(false);
    const { rows: withMandate } = await sql('select mandate_id from extras where org_id = $1 and id = $2', [
      q.orgId,
      allowed.json().id,
    ]);
    expect(withMandate[0].mandate_id).toBe(mandate.json().id);
  });

  it('a value retired since the last extra is refused as before, and nothing is saved', async () => {
    const p = await warm();
    expect((await post(p.cookie, freeBody({ valueIds: [valueId] }))).statusCode).toBe(201);
    const before = await countExtras(p.memberId);
    await sql('update core_values set retired_at = now() where org_id = $1 and id = $2', [q.orgId, valueId]);
    const retired = await post(p.cookie, freeBody({ valueIds: [valueId] }));
    expect(retired.statusCode, retired.body).toBe(400);
    expect(retired.json().errors[0].code).toBe('unknown_value');
    expect(await countExtras(p.memberId)).toBe(before);
  });

  it("raises the organisation's version once per statement, and not for changes the quick path does not read", async () => {
    const version = async () =>
      Number((await sql('select config_version from organizations where id = $1', [q.orgId])).rows[0].config_version);
    const start = await version();
    await sql('update members set digest_opt_out = not digest_opt_out where org_id = $1', [q.orgId]);
    await sql('update members set roles = roles where org_id = $1', [q.orgId]);
    await sql('update teams set name = name || $2 where org_id = $1 and id = $3', [q.orgId, '.', q.teamId]);
    await sql(`update organizations set name = name || '.' where id = $1`, [q.orgId]);
    expect(await version()).toBe(start);
    await sql('update team_members set is_manager = not is_manager where org_id = $1', [q.orgId]);
    expect(await version()).toBe(start + 1);
    await sql(`update organizations set time_zone = 'Europe/Brussels' where id = $1`, [q.orgId]);
    expect(await version()).toBe(start + 2);
    await sql('update teams set archived_at = now() where org_id = $1 and id = $2', [q.orgId, q.otherTeamId]);
    expect(await version()).toBe(start + 3);

    // An organisation removed with everything in it: the triggers of its rows find nothing left to raise.
    const gone = await createOrgFixture(t.database.db, 'gone');
    await sql(
      `insert into mandates (org_id, scope_type, scope_key, period, budget_cents, max_per_extra_cents, allowed_kinds)
               values ($1, 'role', 'member', 'week', 100, 100, '{time}')`,
      [gone.orgId],
    );
    await sql(`insert into core_values (org_id, name, behaviours, position) values ($1, 'Weg', '{Even}', 1)`, [
      gone.orgId,
    ]);
    await sql('delete from organizations where id = $1', [gone.orgId]);
    expect((await sql('select count(*)::int as n from members where org_id = $1', [gone.orgId])).rows[0].n).toBe(0);
  });
});

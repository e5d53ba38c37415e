import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, TEST_SECRET, type TestApp } from '../../../../test/helpers/test-app';
import type { Tower } from '../../../contracts/tower.contract';
import { addDays, localDay, weekOf } from '../../lib/days';
import { seedDemoIfEmpty } from '../../seed/demo.seed';

// The tower on the demo hotel: each figure is held to the same figure counted straight from the
// module's own rows, so the overview says what the detail screens say.

const PASSWORD = 'demo-password-for-tests';
let t: TestApp;
let anna: string;
const today = () => localDay('Europe/Amsterdam');

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoIfEmpty(t.database.db, PASSWORD, TEST_SECRET);
  anna = await signIn(t.app, 'anna@dekroon.example', PASSWORD);
});
afterAll(() => t.close());

const get = (url: string, cookie = anna) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } });
const one = async <T>(text: string, values: unknown[]) => (await t.database.pool.query(text, values)).rows[0] as T;

describe('the tower', () => {
  it('is for directors and admins only', async () => {
    expect((await get('/tower', await signIn(t.app, 'pieter@dekroon.example', PASSWORD))).statusCode).toBe(403);
    expect((await get('/tower', await signIn(t.app, 'jeroen@dekroon.example', PASSWORD))).statusCode).toBe(200);
  });

  it('counts extras, reactions, mandate and promises as the rows themselves do, with twelve weeks of trend', async () => {
    const tower = (await get('/tower')).json() as Tower;
    expect(tower.period).toEqual({ from: addDays(today(), -27), to: today() });
    const { id: orgId } = await one<{ id: string }>(`select id from organizations limit 1`, []);
    const inPeriod = `(occurred_at at time zone 'Europe/Amsterdam')::date between $2::date and $3::date`;
    const extras = await one<{ n: number; scored: number; positive: number; cents: number; above: number }>(
      `select count(*)::int as n, count(reaction_score)::int as scored, count(*) filter (where reaction_score >= 4)::int as positive,
              coalesce(sum(cost_cents), 0)::int as cents, count(*) filter (where above_mandate)::int as above
         from extras where org_id = $1 and deleted_at is null and ${inPeriod}`,
      [orgId, tower.period.from, tower.period.to],
    );
    expect(extras.n).toBeGreaterThan(0);
    expect(tower.extras.count).toBe(extras.n);
    expect(tower.extras.positiveShare).toBeCloseTo(extras.positive / extras.scored, 2);
    expect(tower.mandate).toMatchObject({ spentCents: extras.cents, aboveMandate: extras.above });

    const promises = await one<{ settled: number; kept: number }>(
      `select count(*) filter (where outcome is not null or due_date < $3::date)::int as settled, count(*) filter (where outcome = 'kept')::int as kept
         from promises where org_id = $1 and due_date between $2::date and $3::date`,
      [orgId, tower.period.from, tower.period.to],
    );
    expect(tower.promises.settled).toBe(promises.settled);
    expect(tower.promises.keptShare).toBeCloseTo(promises.kept / promises.settled, 2);
    const atRisk = (await get('/promises?scope=all&status=at_risk&limit=100')).json().items.length;
    expect(tower.promises.atRisk).toBe(atRisk);

    for (const series of [tower.extras.weekly, tower.mandate.weekly, tower.voice.weekly, tower.promises.weekly]) {
      expect(series).toHaveLength(12);
      expect(series.at(-1)!.week).toBe(weekOf(today()));
    }
    const twelveWeeks = await one<{ n: number }>(
      `select count(*)::int as n from extras where org_id = $1 and deleted_at is null and ${inPeriod}`,
      [orgId, tower.extras.weekly[0]!.week, tower.period.to],
    );
    expect(tower.extras.weekly.reduce((n, w) => n + w.count, 0)).toBe(twelveWeeks.n);
    // Housekeeping is the demo's weakest link; the autumn round of core questions is the latest, against spring.
    expect([tower.weakestLink?.from.name, tower.weakestLink?.to.name]).toContain('Huishouding');
    expect(tower.coreQuestions).toMatchObject({
      title: 'Kernvragen najaar 2026',
      previousTitle: 'Kernvragen voorjaar 2026',
    });
    const mandate = tower.coreQuestions!.themes.find((th) => th.theme === 'mandate')!;
    expect(mandate.average!).toBeGreaterThan(mandate.previous!);
  });

  it('shows what customers said and what waits for the director', async () => {
    const before = (await get('/tower')).json() as Tower;
    const touchpoint = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/touchpoints',
        payload: { name: 'Receptie' },
        headers: { cookie: anna },
      })
    ).json();
    const path = new URL(touchpoint.link.url).pathname;
    for (const [score, address] of [
      ['5', '192.0.2.1'],
      ['1', '192.0.2.2'],
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: path,
        payload: `score=${score}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: address,
      });
      expect(res.statusCode).toBe(303);
    }
    const sanne = await signIn(t.app, 'sanne@dekroon.example', PASSWORD);
    const proposal = await t.app.inject({
      method: 'POST',
      url: '/api/v1/proposals',
      payload: {
        kind: 'new',
        title: 'Welkomstdrankje',
        needId: null,
        proposal: 'x',
        effectCustomers: 'x',
        effectStaff: 'x',
        costCents: null,
        risks: 'x',
        decisionWantedBy: null,
      },
      headers: { cookie: sanne },
    });
    expect(proposal.statusCode, proposal.body).toBe(201);

    const after = (await get('/tower')).json() as Tower;
    expect(after.voice.count).toBe(before.voice.count + 2);
    expect(after.voice.veryNegative).toBe(before.voice.veryNegative + 1);
    expect(after.voice.openFollowups).toBe(before.voice.openFollowups + 1);
    expect(after.voice.weekly.at(-1)!.count).toBe(before.voice.weekly.at(-1)!.count + 2);
    expect(after.counsel.queue).toBe(before.counsel.queue + 1);
    expect(after.counsel.oldestWaitingDays).not.toBeNull();
  });
});

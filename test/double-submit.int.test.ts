import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromiseDetail } from '../src/contracts/promises.contract';
import type { CampaignDetail } from '../src/contracts/questions.contract';
import { addDays, localDay } from '../src/server/lib/days';
import { apiCaller } from './helpers/api-call';
import { createOrgFixture, type OrgFixture } from './helpers/fixtures';
import { createTestApp, signIn, type TestApp } from './helpers/test-app';

// The same write sent twice at once, as a double tap or a retry after a lost answer sends it: one result,
// and no error for the save that worked.

let t: TestApp;
let f: OrgFixture;
const cookie: Record<string, string> = {};
const today = () => localDay('Europe/Amsterdam');

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'races');
  for (const role of ['member', 'manager', 'director', 'admin'] as const)
    cookie[role] = await signIn(t.app, f.people[role].email);
  cookie.outsider = await signIn(t.app, f.outsider.email);
}, 120_000);
afterAll(async () => {
  await t.close();
});
const call = apiCaller(() => t.app, cookie);

/** A campaign open today to everyone, with two questions. */
async function makeCampaign(title: string): Promise<CampaignDetail> {
  const res = await call('director', 'POST', '/campaigns', {
    title,
    opensOn: today(),
    closesOn: addDays(today(), 14),
    audience: { all: true, teamIds: [], roles: [] },
    reminderDays: [3],
    questionKeys: ['leadership.support', 'mandate.room'],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('the same write sent twice at once (a double tap, a retry)', () => {
  it('mirror: two identical PUTs at once both answer 200', async () => {
    const campaign = await makeCampaign('race');
    const q = campaign.questions.find((x) => x.key === 'leadership.support')!;
    const body = { answers: [{ questionId: q.id, value: 4 }] };
    for (let i = 0; i < 5; i++) {
      const [a, b] = await Promise.all([
        call('manager', 'PUT', `/campaigns/${campaign.id}/mirror`, body),
        call('manager', 'PUT', `/campaigns/${campaign.id}/mirror`, body),
      ]);
      expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
    }
  });

  async function makePromise(): Promise<PromiseDetail> {
    const response = await call('member', 'POST', '/promises', {
      customer: { name: 'Familie Pieters' },
      what: 'Vergaderzaal met lunch',
      dueDate: addDays(today(), 20),
      offeringId: null,
      breachReason: 'Vaste klant',
      ownerTeamId: f.otherTeamId,
      steps: [{ teamId: f.otherTeamId, what: 'Stap 1', dueDate: addDays(today(), 10) }],
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it('step accept: two identical POSTs at once leave one accepted event', async () => {
    const made = await makePromise();
    const url = `/promises/${made.id}/steps/${made.steps[0]!.id}/accept`;
    const [a, b] = await Promise.all([call('outsider', 'POST', url), call('outsider', 'POST', url)]);
    expect([a.statusCode, b.statusCode]).toContain(200);
    const detail = (await call('member', 'GET', `/promises/${made.id}`)).json() as PromiseDetail;
    expect(detail.history.filter((e) => e.kind === 'accepted')).toHaveLength(1);
  });

  it('thanks: two identical POSTs with the same Idempotency-Key at once give one thanks and no error', async () => {
    const body = { toTeamId: f.otherTeamId, words: 'Dubbel getikt' };
    const h = { 'idempotency-key': 'race-thanks-1' };
    const [a, b] = await Promise.all([
      call('member', 'POST', '/thanks', body, h),
      call('member', 'POST', '/thanks', body, h),
    ]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
  });

  it('campaign answers: two identical PUTs at once both answer 200 and leave one ballot', async () => {
    const campaign = await makeCampaign('race answers');
    const body = { answers: campaign.questions.map((q) => ({ questionId: q.id, value: 4 })) };
    for (let i = 0; i < 5; i++) {
      const [a, b] = await Promise.all([
        call('member', 'PUT', `/campaigns/${campaign.id}/answers`, body),
        call('member', 'PUT', `/campaigns/${campaign.id}/answers`, body),
      ]);
      expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
    }
    const { rows } = await t.database.pool.query(
      'select count(*)::int as n from campaign_ballots where campaign_id = $1',
      [campaign.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('promise: two identical POSTs with the same Idempotency-Key at once give one promise and no error', async () => {
    const body = {
      customer: { name: 'Familie Race' },
      what: 'Dubbel getikt',
      dueDate: addDays(today(), 20),
      offeringId: null,
      breachReason: 'Vaste klant',
      ownerTeamId: f.otherTeamId,
      steps: [{ teamId: f.otherTeamId, what: 'Stap 1', dueDate: addDays(today(), 10) }],
    };
    const h = { 'idempotency-key': 'race-promise-1' };
    const [a, b] = await Promise.all([
      call('member', 'POST', '/promises', body, h),
      call('member', 'POST', '/promises', body, h),
    ]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
  });

  it('delivery: two identical POSTs at once give one follow-up step and no 500', async () => {
    const made = await makePromise();
    expect(
      (await call('outsider', 'POST', `/promises/${made.id}/steps/${made.steps[0]!.id}/done`, {})).statusCode,
    ).toBe(200);
    const body = { followUp: { teamId: f.teamId, what: 'Bellen', dueDate: addDays(today(), 3) } };
    const [a, b] = await Promise.all([
      call('member', 'POST', `/promises/${made.id}/delivery`, body),
      call('member', 'POST', `/promises/${made.id}/delivery`, body),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
    const detail = (await call('member', 'GET', `/promises/${made.id}`)).json() as PromiseDetail;
    expect(detail.steps.filter((s) => s.kind === 'aftersales')).toHaveLength(1);
  });
});

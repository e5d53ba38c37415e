import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { Need, Proposal } from '../../../contracts/counsel.contract';

// Counsel: the needs register (anyone raises, others support, the director recognises), proposals from
// a guest advisor as a one-page brief (flagged when they serve no recognised need), the director's
// queue oldest first with approve / decline / ask for more and the time to decision; a guest advisor
// sees counsel only, and nothing of another organisation.

let t: TestApp;
let f: OrgFixture;
let other: OrgFixture;
type Who = 'member' | 'manager' | 'director' | 'advisor' | 'otherOrg';
const cookie = {} as Record<Who, string>;
let need: Need;

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'counsel');
  other = await createOrgFixture(t.database.db, 'counsel-other');
  for (const who of ['member', 'manager', 'director', 'advisor'] as const)
    cookie[who] = await signIn(t.app, f.people[who].email);
  cookie.otherOrg = await signIn(t.app, other.people.director.email);
});
afterAll(() => t.close());

const call = apiCaller(() => t.app, cookie);

const brief = (over: Record<string, unknown> = {}) => ({
  kind: 'new',
  title: 'Late check-out als vast aanbod',
  needId: need.id,
  proposal: 'Gasten kunnen tot 14:00 blijven voor een vast bedrag.',
  effectCustomers: 'Minder haast op de vertrekdag.',
  effectStaff: 'Huishouding plant de kamers later in.',
  costCents: 150_000,
  costNote: 'Vooral uren huishouding',
  risks: 'Kamers later klaar voor nieuwe gasten.',
  decisionWantedBy: null,
  ...over,
});

describe('the needs register', () => {
  it('takes a need from anyone, the guest advisor included; others support it; only a director recognises it', async () => {
    const raised = await call('member', 'POST', '/needs', {
      what: 'Rustiger vertrek voor gasten',
      forWhom: 'Gasten die laat vertrekken',
      whyNow: 'Veel klachten over haast bij het uitchecken',
    });
    expect(raised.statusCode, raised.body).toBe(201);
    need = raised.json();
    expect(need).toMatchObject({
      supporters: 1,
      supportedByMe: true,
      recognised: false,
      raisedByName: f.people.member.name,
    });
    expect(
      (
        await call('advisor', 'POST', '/needs', {
          what: 'Beter zicht op groepsboekingen',
          forWhom: 'Verkoop',
          whyNow: 'Hoogseizoen komt eraan',
        })
      ).statusCode,
    ).toBe(201);
    expect((await call('manager', 'PUT', `/needs/${need.id}/support`, { support: true })).json().supporters).toBe(2);
    expect((await call('manager', 'PUT', `/needs/${need.id}/support`, { support: true })).json().supporters).toBe(2);
    expect((await call('member', 'PUT', `/needs/${need.id}/recognition`, { recognised: true })).statusCode).toBe(403);
    const recognised = await call('director', 'PUT', `/needs/${need.id}/recognition`, { recognised: true });
    expect(recognised.json()).toMatchObject({ recognised: true, supporters: 2 });
    const list = (await call('advisor', 'GET', '/needs')).json().items as Need[];
    expect(list[0]!.id).toBe(need.id); // recognised first
    expect((await call('otherOrg', 'GET', '/needs')).json().items).toEqual([]);
    expect((await call('otherOrg', 'PUT', `/needs/${need.id}/support`, { support: true })).statusCode).toBe(404);
  });
});

describe('proposals and the decision queue', () => {
  let tied: Proposal;
  let loose: Proposal;

  it('takes a brief from a guest advisor; one that serves no recognised need is flagged; the director is told', async () => {
    const res = await call('advisor', 'POST', '/proposals', brief());
    expect(res.statusCode, res.body).toBe(201);
    tied = res.json();
    expect(tied).toMatchObject({
      status: 'submitted',
      flagged: false,
      mine: true,
      need: { id: need.id, recognised: true },
    });
    loose = (
      await call('advisor', 'POST', '/proposals', brief({ title: 'Nieuwe loungeset', needId: null, kind: 'improve' }))
    ).json();
    expect(loose.flagged).toBe(true);
    expect((await call('advisor', 'POST', '/proposals', brief({ needId: f.teamId }))).statusCode).toBe(400);
    expect((await call('advisor', 'POST', '/proposals', brief({ risks: '' }))).statusCode).toBe(400);
    const bell = (await call('director', 'GET', '/notifications')).json().items;
    expect(bell.filter((n: { kind: string }) => n.kind === 'proposal_submitted')).toHaveLength(2);
  });

  it('shows a guest advisor counsel only, and nobody another organisation’s proposal', async () => {
    for (const url of [
      '/values',
      '/purpose',
      '/offerings',
      '/extras',
      '/promises',
      '/campaigns',
      '/customer-reactions',
      '/best-practices',
      '/feed',
      '/chain',
      '/teams',
    ]) {
      expect((await call('advisor', 'GET', url)).statusCode, url).toBe(403);
    }
    expect((await call('advisor', 'GET', '/needs')).statusCode).toBe(200);
    expect((await call('advisor', 'GET', '/proposals')).json().items).toHaveLength(2);
    // A member sees their own proposals only; the director sees all.
    expect((await call('member', 'GET', '/proposals')).json().items).toEqual([]);
    expect((await call('member', 'GET', `/proposals/${tied.id}`)).statusCode).toBe(404);
    expect((await call('director', 'GET', '/proposals')).json().items).toHaveLength(2);
    expect((await call('otherOrg', 'GET', `/proposals/${tied.id}`)).statusCode).toBe(404);
    expect(
      (await call('otherOrg', 'POST', `/proposals/${tied.id}/decision`, { decision: 'approve', reason: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await call('advisor', 'GET', '/decision-queue')).statusCode).toBe(403);
  });

  it('lets the director work the queue oldest first: ask for more, the answer goes to the back, then decide with a reason', async () => {
    const queue = (await call('director', 'GET', '/decision-queue')).json();
    expect(queue.items.map((p: Proposal) => p.id)).toEqual([tied.id, loose.id]);
    expect(
      (await call('director', 'POST', `/proposals/${tied.id}/decision`, { decision: 'approve', reason: '' }))
        .statusCode,
    ).toBe(400);

    const more = await call('director', 'POST', `/proposals/${tied.id}/decision`, {
      decision: 'more',
      reason: 'Wat kost het per kamer?',
    });
    expect(more.json()).toMatchObject({
      status: 'more_asked',
      decisionReason: 'Wat kost het per kamer?',
      decidedAt: null,
    });
    expect((await call('director', 'GET', '/decision-queue')).json().items.map((p: Proposal) => p.id)).toEqual([
      loose.id,
    ]);
    const told = (await call('advisor', 'GET', '/notifications')).json().items;
    expect(
      told.some(
        (n: { kind: string; data: { status: string } }) =>
          n.kind === 'proposal_decided' && n.data.status === 'more_asked',
      ),
    ).toBe(true);

    expect(
      (await call('advisor', 'PATCH', `/proposals/${tied.id}`, { costNote: 'Ongeveer € 12 per kamer' })).statusCode,
    ).toBe(200);
    const back = await call('advisor', 'POST', `/proposals/${tied.id}/resubmit`, {
      reason: 'Kosten per kamer toegevoegd',
    });
    expect(back.json().status).toBe('submitted');
    expect((await call('director', 'GET', '/decision-queue')).json().items.map((p: Proposal) => p.id)).toEqual([
      loose.id,
      tied.id,
    ]);

    // It was first put forward three days ago: the time to decision runs from then, through the extra round.
    await t.database.db.execute(
      sql`update proposals set submitted_at = now() - interval '3 days' where id = ${tied.id}`,
    );
    const approved = (
      await call('director', 'POST', `/proposals/${tied.id}/decision`, {
        decision: 'approve',
        reason: 'Proef van drie maanden',
      })
    ).json() as Proposal;
    expect(approved).toMatchObject({
      status: 'approved',
      decisionReason: 'Proef van drie maanden',
      decidedByName: f.people.director.name,
    });
    expect(approved.daysToDecision).toBeCloseTo(3, 0);
    expect(approved.history.map((e) => e.kind)).toEqual(['submitted', 'more_asked', 'resubmitted', 'approved']);
    expect(
      (await call('director', 'POST', `/proposals/${tied.id}/decision`, { decision: 'decline', reason: 'Toch niet' }))
        .statusCode,
    ).toBe(409);
    expect((await call('advisor', 'PATCH', `/proposals/${tied.id}`, { title: 'Anders' })).statusCode).toBe(409);

    const stats = (await call('director', 'GET', '/decision-queue')).json().stats;
    expect(stats.decided).toBe(1);
    expect(stats.medianDays).toBeCloseTo(3, 0);
  });

  it('lets the author withdraw what is not decided, and nobody else', async () => {
    expect((await call('director', 'POST', `/proposals/${loose.id}/withdraw`)).statusCode).toBe(403);
    expect((await call('member', 'POST', `/proposals/${loose.id}/withdraw`)).statusCode).toBe(404);
    expect((await call('advisor', 'POST', `/proposals/${loose.id}/withdraw`)).json().status).toBe('withdrawn');
    expect((await call('director', 'GET', '/decision-queue')).json().items).toEqual([]);
  });
});

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, TEST_SECRET, type TestApp } from '../../../test/helpers/test-app';
import type { Chain, PromiseSummary } from '../../contracts/promises.contract';
import type { CampaignDetail, CampaignResults, CampaignSummary, Mirror } from '../../contracts/questions.contract';
import type { ThanksPage } from '../../contracts/thanks.contract';
import { sendDueReminders } from '../modules/promises/reminders.service';
import { seedDemoIfEmpty } from './demo.seed';

// The demo a newcomer signs in to after `npm start`: Hotel De Kroon with three months of promises.

const PASSWORD = 'demo-password-for-tests';
let t: TestApp;
let director: string;

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoIfEmpty(t.database.db, PASSWORD, TEST_SECRET)).not.toBeNull();
  director = await signIn(t.app, 'anna@dekroon.example', PASSWORD);
});
afterAll(() => t.close());

const get = async <T>(url: string) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: director } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
};
const count = async (status: string) =>
  (await get<{ items: PromiseSummary[] }>(`/promises?scope=all&status=${status}&limit=100`)).items.length;

describe('the demo hotel', () => {
  it('holds a few hundred promises: most kept, some broken, late, renegotiated, flagged, and some still to come', async () => {
    const { rows } = await t.database.pool.query(`select count(*)::int as n, min(created_at) as first from promises`);
    expect(rows[0].n).toBeGreaterThanOrEqual(200);
    expect(Date.now() - new Date(rows[0].first).getTime()).toBeGreaterThan(80 * 86_400_000);
    const kept = await count('kept');
    const broken = await count('broken');
    expect(kept).toBeGreaterThan(broken);
    expect(broken).toBeGreaterThan(0);
    expect(await count('renegotiated')).toBeGreaterThan(0);
    expect(await count('active')).toBeGreaterThan(5);
    expect(
      (await get<{ items: unknown[] }>('/promises?scope=all&flagged=true&limit=100')).items.length,
    ).toBeGreaterThan(0);
  });

  it('has told step owners and managers of late steps in the app, and sends no pile of e-mails at the first start', async () => {
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n, count(*) filter (where mail_status <> 'sent')::int as unsent from step_reminders`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
    expect(rows[0].unsent).toBe(0);
    const pending = await sendDueReminders({
      db: t.database.db,
      mailer: t.mailer,
      appUrl: 'http://localhost:3000',
      log: pino({ level: 'silent' }),
    });
    expect(pending.mailed).toBe(0);
    const fatima = await signIn(t.app, 'fatima@dekroon.example', PASSWORD);
    const notes = (
      await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: fatima } })
    ).json().items as { kind: string }[];
    expect(notes.some((n) => n.kind === 'step_late' || n.kind === 'step_due_soon')).toBe(true);
  });

  it('shows the chain between the four teams with ratings, and housekeeping as the weakest link', async () => {
    const chain = await get<Chain>('/chain');
    expect(chain.nodes.map((n) => n.name).sort()).toEqual(['Huishouding', 'Receptie', 'Restaurant', 'Verkoop']);
    expect(chain.arrows.every((a) => a.handoffs > 0)).toBe(true);
    expect(chain.arrows.some((a) => a.ratings > 0)).toBe(true);
    const weak = chain.arrows.filter((a) => a.weak);
    expect(weak.length).toBeGreaterThan(0);
    expect(weak.some((a) => a.from.name === 'Huishouding')).toBe(true);
  });

  it('has thanks between colleagues and teams: counted in the chain, and waiting for Lisa on her profile', async () => {
    const chain = await get<Chain>('/chain');
    const arrow = (from: string, to: string) => chain.arrows.find((a) => a.from.name === from && a.to.name === to);
    expect(arrow('Verkoop', 'Receptie')!.thanks).toBe(2);
    expect(arrow('Huishouding', 'Restaurant')!.thanks).toBe(1);
    const lisa = await signIn(t.app, 'lisa@dekroon.example', PASSWORD);
    const received = (
      await t.app.inject({ method: 'GET', url: '/api/v1/thanks/received', headers: { cookie: lisa } })
    ).json() as ThanksPage;
    expect(received.items.map((i) => i.from.name)).toEqual(['Noor Hendriks']);
  });

  it('has core questions: two closed campaigns with a trend and actions, the mirror for housekeeping, and a pulse open to the demo logins', async () => {
    const list = await get<{ items: CampaignSummary[] }>('/campaigns');
    expect(list.items.map((c) => [c.title, c.status])).toEqual([
      ['Pulse december', 'open'],
      ['Kernvragen najaar 2026', 'closed'],
      ['Kernvragen voorjaar 2026', 'closed'],
    ]);
    const [pulse, autumn] = list.items;
    expect(pulse!.myStatus).toBe('to_answer');
    const results = await get<CampaignResults>(`/campaigns/${autumn!.id}/results`);
    expect(results.group.status).toBe('shown');
    const mandate = results.questions.find((q) => q.key === 'mandate.room')!;
    expect(mandate.trend).toHaveLength(1);
    expect(mandate.figures.average!).toBeGreaterThan(mandate.trend[0]!.average!);
    expect(results.earlierActions.map((a) => a.doneOn !== null)).toEqual([true]);
    expect(results.groups.some((g) => g.status !== 'shown')).toBe(true);

    const fatima = await signIn(t.app, 'fatima@dekroon.example', PASSWORD);
    const mirror = (
      await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${autumn!.id}/mirror`, headers: { cookie: fatima } })
    ).json() as Mirror;
    const team = mirror.teams[0]!;
    if (process.env.SHOW_GROUPS)
      console.log(
        results.groups
          .map((g) => `${g.key} ${g.teamName} ${g.status} ${g.response?.min}-${g.response?.max}/${g.audience}`)
          .join('\n'),
      );
    expect(team.status).toBe('shown');
    const support = team.questions.find((q) => q.text.en.includes('support'))!;
    expect(support.self).toBeGreaterThan(support.team.average!);
    const lisa = await signIn(t.app, 'lisa@dekroon.example', PASSWORD);
    const mine = (
      await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${pulse!.id}`, headers: { cookie: lisa } })
    ).json() as CampaignDetail;
    expect(mine.myStatus).toBe('to_answer');
  });

  it('has the customers’ voice and counsel: touchpoints with weeks of reactions, follow-ups open and late, a queue for Anna', async () => {
    const reactions = await get<{ items: { subject: string }[]; summary: { count: number; average: number } }>(
      '/customer-reactions?scope=all',
    );
    expect(reactions.summary.count).toBeGreaterThan(100);
    expect(reactions.summary.average).toBeGreaterThan(3.5);
    expect(reactions.items.some((r) => r.subject === 'extra')).toBe(true);
    const followups = await get<{ items: { late: boolean }[] }>('/voice-followups');
    expect(followups.items.length).toBeGreaterThanOrEqual(1);
    expect(followups.items.some((f) => f.late)).toBe(true);
    const queue = await get<{
      items: { title: string; flagged: boolean }[];
      stats: { decided: number; medianDays: number };
    }>('/decision-queue');
    expect(queue.items.map((p) => [p.title, p.flagged])).toEqual([
      ['Lunch-abonnement voor bedrijven in de buurt', false],
      ['Nieuwe verlichting in de lobby', true],
    ]);
    expect(queue.stats.decided).toBe(3);
    const sanne = await signIn(t.app, 'sanne@dekroon.example', PASSWORD);
    const hers = (
      await t.app.inject({ method: 'GET', url: '/api/v1/proposals?status=more_asked', headers: { cookie: sanne } })
    ).json().items;
    expect(hers.map((p: { title: string }) => p.title)).toEqual(['Spaarprogramma voor vaste zakelijke gasten']);
  });

  it('lets every demo login download their own data, each with what they did in the demo', async () => {
    const sizes: Record<string, number> = {};
    for (const email of ['anna', 'jeroen', 'sanne', 'pieter', 'lisa', 'fatima'].map((n) => `${n}@dekroon.example`)) {
      const cookie = await signIn(t.app, email, PASSWORD);
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/me/export', headers: { cookie } });
      expect(response.statusCode, `${email}: ${response.body.slice(0, 300)}`).toBe(200);
      const file = response.json();
      expect(file.person.email).toBe(email);
      sizes[email] = Object.values(file)
        .filter(Array.isArray)
        .reduce((n: number, rows) => n + (rows as unknown[]).length, 0);
    }
    expect(Object.values(sizes).every((n) => n > 0)).toBe(true);
    const lisa = await signIn(t.app, 'lisa@dekroon.example', PASSWORD);
    const file = (await t.app.inject({ method: 'GET', url: '/api/v1/me/export', headers: { cookie: lisa } })).json();
    expect(file.extras.length).toBeGreaterThan(0);
    expect(file.coreQuestionRounds.length).toBeGreaterThan(0);
    const sanne = await signIn(t.app, 'sanne@dekroon.example', PASSWORD);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me/export', headers: { cookie: sanne } })).json().proposals
        .length,
    ).toBeGreaterThan(0);
  });
});

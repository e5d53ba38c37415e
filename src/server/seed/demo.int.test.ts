import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers/test-app';
import type { Chain, PromiseSummary } from '../../contracts/promises.contract';
import { seedDemoIfEmpty } from './demo.seed';

// The demo a newcomer signs in to after `npm start`: Hotel De Kroon with three months of promises.

const PASSWORD = 'demo-password-for-tests';
let t: TestApp;
let director: string;

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoIfEmpty(t.database.db, PASSWORD)).not.toBeNull();
  director = await signIn(t.app, 'anna@dekroon.example', PASSWORD);
});
afterAll(() => t.close());

const get = async <T>(url: string) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: director } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
};
const count = async (status: string) => (await get<{ items: PromiseSummary[] }>(`/promises?scope=all&status=${status}&limit=100`)).items.length;

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
    expect((await get<{ items: unknown[] }>('/promises?scope=all&flagged=true&limit=100')).items.length).toBeGreaterThan(0);
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
});

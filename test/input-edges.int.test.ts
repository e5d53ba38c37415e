import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, type OrgFixture } from './helpers/fixtures';
import { createTestApp, signIn, type TestApp } from './helpers/test-app';

// Input at the edges: a clear 4xx naming the field, never a 500; and what a customer may type on the
// public pages is taken.

let t: TestApp;
let f: OrgFixture;
const cookie = {} as Record<'manager' | 'director', string>;

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'edges');
  cookie.manager = await signIn(t.app, f.people.manager.email);
  cookie.director = await signIn(t.app, f.people.director.email);
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookie.manager } });
/** A day out of the years a person means (1900–2999) is refused as bad input, naming the field. */
async function refusedDay(response: { statusCode: number; body: string; json: () => unknown }, field: string) {
  expect(response.statusCode, response.body).toBe(400);
  const problem = response.json() as { code: string; errors?: { path: string }[] };
  expect(problem.code).toBe('validation_failed');
  expect(problem.errors?.map((e) => e.path)).toContain(field);
}

describe('far-off days are refused as bad input, never a 500', () => {
  it('the extras list and its CSV export', async () => {
    await refusedDay(await get('/api/v1/extras?scope=team&from=0001-01-01&to=0001-01-31'), 'querystring.from');
    await refusedDay(await get('/api/v1/extras/export.csv?scope=team&from=2026-01-01&to=9999-12-31'), 'querystring.to');
    expect((await get('/api/v1/extras?scope=team&from=1900-01-01&to=2999-12-31')).statusCode).toBe(200);
  });

  it('what works and the team conversation view', async () => {
    await refusedDay(
      await get(`/api/v1/what-works?teamId=${f.teamId}&from=0001-01-01&to=0001-01-31`),
      'querystring.from',
    );
    await refusedDay(
      await get(`/api/v1/teams/${f.teamId}/conversation?from=0001-01-01&to=0001-01-31`),
      'querystring.from',
    );
  });

  it('the weekly pick of week 9999-12-31 or 0001-01-01, read and written', async () => {
    for (const week of ['9999-12-31', '0001-01-01'])
      await refusedDay(await get(`/api/v1/teams/${f.teamId}/weekly-pick?week=${week}`), 'querystring.week');
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/teams/${f.teamId}/weekly-pick`,
      payload: { week: '9999-12-31', extraIds: ['00000000-0000-4000-8000-000000000000'] },
      headers: { cookie: cookie.manager },
    });
    await refusedDay(put, 'body.week');
  });

  it('the internal scan of quarter 0000-Q1 or 9999-Q4', async () => {
    await refusedDay(await get('/api/v1/internal-scan?quarter=0000-Q1'), 'querystring.quarter');
    await refusedDay(await get('/api/v1/internal-scan?quarter=9999-Q4'), 'querystring.quarter');
  });
});

describe('the customer reply page', () => {
  it('takes a reply of the length its form allows, in any script', async () => {
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/touchpoints',
      payload: { name: 'Receptie', teamId: f.teamId },
      headers: { cookie: cookie.director },
    });
    expect(made.statusCode, made.body).toBe(201);
    const reacted = await t.app.inject({
      method: 'POST',
      url: `${new URL(made.json().link.url).pathname}?lang=en`,
      payload: new URLSearchParams({ score: '1', contact: 'yes', email: 'smith@example.test' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '198.51.100.7',
    });
    expect(reacted.statusCode, reacted.body).toBe(303);
    const mail = t.mailer.outbox.find((m) => m.to === 'smith@example.test');
    const replyUrl = JSON.stringify(mail).match(/http:\/\/localhost:3000\/r\/answer\/[A-Za-z0-9_.-]+/)?.[0];
    expect(replyUrl).toBeDefined();
    // 4000 characters: the textarea's maxlength and the page's own limit. In Chinese each is three
    // bytes, nine once form-encoded: 36 kB.
    const text = '谢'.repeat(4000);
    const page = await t.app.inject({ method: 'GET', url: new URL(replyUrl!).pathname });
    expect(page.body).toContain('maxlength="4000"');
    const replied = await t.app.inject({
      method: 'POST',
      url: new URL(replyUrl!).pathname,
      payload: new URLSearchParams({ text }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '203.0.113.50',
    });
    expect(replied.statusCode, replied.body.slice(0, 200)).toBe(303);
  });
});

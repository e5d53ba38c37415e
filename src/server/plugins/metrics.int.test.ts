import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, type OrgFixture } from '../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers/test-app';

const TOKEN = 'metrics-token-for-the-test-0123456789';
const REMOTE = '203.0.113.9';

let t: TestApp;
let f: OrgFixture;

beforeAll(async () => {
  t = await createTestApp({ METRICS_TOKEN: TOKEN, TRUST_PROXY: 'true' });
  f = await createOrgFixture(t.database.db, 'metrics');
});
afterAll(() => t.close());

/** The value of one series in Prometheus text, or undefined when it is not there. */
function seriesValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const scrape = async () => {
  const response = await t.app.inject('/metrics');
  expect(response.statusCode).toBe(200);
  return response.body;
};

describe('GET /metrics', () => {
  it('counts requests by route pattern and status, with durations, never by raw URL', async () => {
    const cookie = await signIn(t.app, f.people.member.email);
    const before = await scrape();
    const missing = '5b1e9c3c-0000-4000-8000-00000000abcd';
    for (let i = 0; i < 3; i++) await t.app.inject({ url: `/api/v1/extras/${missing}`, headers: { cookie } });
    await t.app.inject('/api/v1/me');

    const text = await scrape();
    expect(text).not.toContain(missing);
    const series =
      'http_request_duration_seconds_count{method="GET",route="/api/v1/extras/:extraId",status_code="404"}';
    expect(seriesValue(text, series)).toBe((seriesValue(before, series) ?? 0) + 3);
    expect(
      seriesValue(text, 'http_request_duration_seconds_count{method="GET",route="/api/v1/me",status_code="401"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/v1\/extras\/:extraId",status_code="404"\} \d/,
    );
    // a path no route knows is counted under one label, not under its own
    await t.app.inject('/api/v1/no-such-thing/123');
    expect(
      seriesValue(
        await scrape(),
        'http_request_duration_seconds_count{method="GET",route="(no route)",status_code="404"}',
      ),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reports the database pool, database health, jobs, mail and the event-loop delay', async () => {
    const text = await scrape();
    expect(seriesValue(text, 'klantwerk_db_pool_max')).toBe(4);
    expect(seriesValue(text, 'klantwerk_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
    expect(seriesValue(text, 'klantwerk_db_pool_connections{state="in_use"}')).toBeGreaterThanOrEqual(0);
    expect(seriesValue(text, 'klantwerk_db_pool_waiting')).toBe(0);
    expect(seriesValue(text, 'klantwerk_db_up')).toBe(1);
    expect(text).toContain('# TYPE klantwerk_job_runs_total counter');
    expect(text).toContain('# TYPE klantwerk_db_errors_total counter');
    expect(seriesValue(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(seriesValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts mails sent and mails the mail server refused', async () => {
    const before = await scrape();
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email: f.people.member.email },
    });
    await t.app.afterResponse.idle();
    const send = t.mailer.send;
    t.mailer.send = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:587'), { code: 'ESOCKET' });
    };
    try {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/forgot',
        payload: { email: f.people.manager.email },
      });
      await t.app.afterResponse.idle();
    } finally {
      t.mailer.send = send;
    }
    const text = await scrape();
    expect(seriesValue(text, 'klantwerk_mails_total{outcome="sent"}')).toBe(
      (seriesValue(before, 'klantwerk_mails_total{outcome="sent"}') ?? 0) + 1,
    );
    expect(seriesValue(text, 'klantwerk_mails_total{outcome="failed"}')).toBe(
      (seriesValue(before, 'klantwerk_mails_total{outcome="failed"}') ?? 0) + 1,
    );
    // a mail server that is down is not a database outage
    expect(seriesValue(text, 'klantwerk_db_up')).toBe(1);
  });

  it('counts a failed query that became a 500 as a database error', async () => {
    const before = seriesValue(await scrape(), 'klantwerk_db_errors_total{kind="query"}') ?? 0;
    const admin = await signIn(t.app, f.people.admin.email);
    await t.database.pool.query('alter table teams rename to teams_gone');
    try {
      const broken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        payload: { name: 'Keuken' },
        headers: { cookie: admin },
      });
      expect(broken.statusCode).toBe(500);
    } finally {
      await t.database.pool.query('alter table teams_gone rename to teams');
    }
    expect(seriesValue(await scrape(), 'klantwerk_db_errors_total{kind="query"}')).toBe(before + 1);
  });
});

describe('who may read /metrics', () => {
  it('a client on this machine connecting directly, without a token', async () => {
    const response = await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(response.headers['cache-control']).toBe('no-store');
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
  });

  it('not another machine without the token, nor with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const response = await t.app.inject({
        url: '/metrics',
        remoteAddress: REMOTE,
        headers: authorization ? { authorization } : {},
      });
      expect(response.statusCode, authorization).toBe(403);
      expect(response.json()).toMatchObject({ code: 'forbidden' });
      expect(response.body).not.toContain('http_request_duration_seconds');
    }
  });

  it('another machine with the token as a Bearer token', async () => {
    const response = await t.app.inject({
      url: '/metrics',
      remoteAddress: REMOTE,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('http_request_duration_seconds');
  });

  it('decides on the connection, not on X-Forwarded-For, also with TRUST_PROXY', async () => {
    // A remote client claiming to be local.
    const spoofed = await t.app.inject({
      url: '/metrics',
      remoteAddress: REMOTE,
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(spoofed.statusCode).toBe(403);
    // A request through a proxy on this machine arrives from loopback, but came from elsewhere.
    for (const headers of [
      { 'x-forwarded-for': REMOTE },
      { 'x-forwarded-for': '127.0.0.1' },
      { forwarded: `for=${REMOTE}` },
      { 'x-real-ip': REMOTE },
    ]) {
      const proxied = await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1', headers });
      expect(proxied.statusCode, JSON.stringify(headers)).toBe(403);
    }
    const proxiedWithToken = await t.app.inject({
      url: '/metrics',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': REMOTE, authorization: `Bearer ${TOKEN}` },
    });
    expect(proxiedWithToken.statusCode).toBe(200);
  });

  it('without METRICS_TOKEN, only this machine: a token-looking header opens nothing', async () => {
    const plain = await createTestApp();
    try {
      expect((await plain.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
      const remote = await plain.app.inject({
        url: '/metrics',
        remoteAddress: REMOTE,
        headers: { authorization: 'Bearer ' },
      });
      expect(remote.statusCode).toBe(403);
    } finally {
      await plain.close();
    }
  });
});

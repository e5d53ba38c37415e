import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { watchDatabase } from '../src/server/db/availability';
import { startJobs } from '../src/server/lib/ticker';
import { createOrgFixture, type OrgFixture } from './helpers/fixtures';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy';
import { createTestApp, signIn, TEST_PASSWORD, type TestApp } from './helpers/test-app';

// The app reaches the test PostgreSQL through a TCP proxy this file cuts and restores: an outage and
// its end as the app sees it (refused connections, open ones reset), for this app alone.

let proxy: TcpProxy;
let t: TestApp;
let f: OrgFixture;
let member: string;
let admin: string;

beforeAll(async () => {
  proxy = await startTcpProxy(inject('pgServerUrl'));
  t = await createTestApp({}, undefined, { connectVia: (url) => proxy.via(url) });
  f = await createOrgFixture(t.database.db, 'outage');
  member = await signIn(t.app, f.people.member.email);
  admin = await signIn(t.app, f.people.admin.email);
});
afterAll(async () => {
  await proxy.restore().catch(() => {});
  await t.close();
  await proxy.close();
});

type LogLine = { level: number; msg: string; [key: string]: unknown };
const linesSince = (from: number): LogLine[] => t.logs.slice(from).map((line) => JSON.parse(line) as LogLine);

async function metric(name: string): Promise<number | undefined> {
  const text = (await t.app.inject('/metrics')).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`never happened: ${what}`);
}

describe('a PostgreSQL outage under the app', () => {
  it('answers 503 with Retry-After in the problem format, logs it once, and recovers by itself when the database returns', async () => {
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: member } })).statusCode).toBe(200);
    const outageRequestsBefore =
      (await metric('http_request_duration_seconds_count{method="GET",route="/api/v1/me",status_code="503"}')) ?? 0;

    await proxy.cut();
    const logFrom = t.logs.length;

    const answers = [];
    for (let i = 0; i < 25; i++) answers.push(await t.app.inject({ url: '/api/v1/me', headers: { cookie: member } }));
    // a write, the sign-in, and a public page that reads the database
    answers.push(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        payload: { name: 'Nachtdienst' },
        headers: { cookie: admin },
      }),
    );
    answers.push(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: f.people.manager.email, password: TEST_PASSWORD },
        headers: { 'accept-language': 'en' },
      }),
    );
    const ready = await t.app.inject('/api/ready');
    answers.push(ready);

    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.json()).toMatchObject({
        code: 'database_unavailable',
        status: 503,
        requestId: answer.headers['x-request-id'],
      });
    }
    expect(answers[0]!.json().title).toBe('Even geen verbinding met de database. Probeer het zo opnieuw.');
    expect(answers[26]!.json().title).toBe('No connection to the database just now. Please try again in a moment.');

    // The server's own sign-in page says it in a page.
    const page = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: `email=${encodeURIComponent(f.people.manager.email)}&password=x-wrong-password`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html,*/*',
        origin: 'http://localhost:3000',
      },
    });
    expect(page.statusCode).toBe(503);
    expect(page.headers['retry-after']).toBe('5');
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Even geen verbinding met de database');

    // Liveness stays 200 (a restart would not bring the database back) and says what it sees.
    const health = await t.app.inject('/api/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', database: 'down' });

    // One warning for the whole outage; not one error line, no stack per request.
    const during = linesSince(logFrom);
    expect(during.filter((l) => l.msg.startsWith('database unavailable'))).toHaveLength(1);
    expect(during.filter((l) => l.level >= 50)).toEqual([]);
    expect(during.some((l) => 'stack' in ((l.err ?? {}) as object))).toBe(false);

    expect(await metric('klantwerk_db_up')).toBe(0);
    expect(await metric('klantwerk_db_outages_total')).toBe(1);
    expect(await metric('klantwerk_db_errors_total{kind="unavailable"}')).toBeGreaterThanOrEqual(answers.length);
    expect(await metric('http_request_duration_seconds_count{method="GET",route="/api/v1/me",status_code="503"}')).toBe(
      outageRequestsBefore + 25,
    );

    await proxy.restore();

    // The same calls work again without a restart.
    const again = await t.app.inject({ url: '/api/v1/me', headers: { cookie: member } });
    expect(again.statusCode).toBe(200);
    expect(again.json().user.email).toBe(f.people.member.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'Nachtdienst' },
      headers: { cookie: admin },
    });
    expect(created.statusCode).toBe(201);
    expect((await t.app.inject('/api/ready')).statusCode).toBe(200);
    expect((await t.app.inject('/api/health')).json()).toEqual({ status: 'ok', database: 'up' });

    const all = linesSince(logFrom);
    const back = all.filter((l) => l.msg === 'database is back');
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ level: 30, failedDuringOutage: expect.any(Number) });
    expect(all.filter((l) => l.msg.startsWith('database unavailable'))).toHaveLength(1);
    expect(await metric('klantwerk_db_up')).toBe(1);
  });

  it('notices the return by itself while no request comes, and a second outage is logged again', async () => {
    const logFrom = t.logs.length;
    await proxy.cut();
    expect((await t.app.inject('/api/ready')).statusCode).toBe(503);
    await proxy.restore();
    // no request: the probe finds the database back
    await until(() => linesSince(logFrom).some((l) => l.msg === 'database is back'), 'recovery logged');
    const lines = linesSince(logFrom);
    expect(lines.filter((l) => l.msg.startsWith('database unavailable'))).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'database is back')).toHaveLength(1);
    expect(await metric('klantwerk_db_outages_total')).toBe(2);
  });

  it('survives PostgreSQL ending the idle connections (admin_shutdown, 57P01): the next request gets a fresh one', async () => {
    // Fill the pool with idle connections, then have the server end every one of them.
    await Promise.all([1, 2, 3].map(() => t.app.inject({ url: '/api/v1/me', headers: { cookie: member } })));
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    const result = await other.query<{ n: number }>(
      'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    await other.end();
    const ended = result.rows[0]!.n;
    expect(ended).toBeGreaterThan(0);
    // The pool hears of it from each connection and drops them (an 'error' event apiece, no crash).
    await until(() => t.database.pool.totalCount === 0, 'the ended connections dropped');
    const answer = await t.app.inject({ url: '/api/v1/me', headers: { cookie: member } });
    expect(answer.statusCode).toBe(200);
  });
});

describe('background jobs during an outage', () => {
  it('skip quietly while the database is away and run again when it is back', async () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write: (chunk, _enc, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const watch = watchDatabase(t.database.pool, log);
    const outcomes: string[] = [];
    const jobs = startJobs(
      [
        {
          name: 'read',
          everyMs: 20,
          firstAfterMs: 0,
          run: async () => void (await t.database.db.execute(sql`select 1`)),
        },
      ],
      log,
      {
        get databaseUp() {
          return watch.up;
        },
        databaseFailed: watch.failed,
        ran: (_job, outcome) => outcomes.push(outcome),
      },
    );
    try {
      await until(() => outcomes.includes('ok'), 'a first run');
      await proxy.cut();
      await until(() => outcomes.filter((o) => o === 'skipped').length >= 5, 'runs skipped during the outage');
      await proxy.restore();
      const okBefore = outcomes.filter((o) => o === 'ok').length;
      await until(() => outcomes.filter((o) => o === 'ok').length > okBefore, 'a run after the outage');
    } finally {
      await jobs.stop();
      watch.stop();
    }
    const parsed = lines.map((l) => JSON.parse(l) as LogLine);
    // The outage and its end, once each; the failed and skipped runs are not logged one by one.
    expect(parsed.filter((l) => l.level >= 50)).toEqual([]);
    expect(parsed.map((l) => l.msg)).toEqual([expect.stringMatching(/^database unavailable/), 'database is back']);
    // At most the run that was under way when the database went failed; the rest were skipped.
    expect(outcomes.filter((o) => o === 'failed').length).toBeLessThanOrEqual(1);
  });
});

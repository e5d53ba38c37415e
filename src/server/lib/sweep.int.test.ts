import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, type OrgFixture } from '../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers/test-app';
import { sweepExpired } from './sweep';

let t: TestApp;
let f: OrgFixture;
beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'sweep');
});
afterAll(() => t.close());

const count = async (table: string) =>
  (await t.database.pool.query(`select count(*)::int as n from ${table}`)).rows[0].n as number;

describe('sweeping expired rows', () => {
  it('removes expired sessions, old throttle windows and old idempotency keys, and keeps what still counts', async () => {
    const cookie = await signIn(t.app, f.people.member.email);
    await signIn(t.app, f.people.manager.email);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'nobody@example.test', password: 'wrong password!' },
    });
    // A thanks sent with a key keeps its answer in idempotency_keys (a free extra keeps its key on its row).
    const thanked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/thanks',
      payload: { toMemberId: f.people.manager.memberId, words: 'Dank voor het invallen' },
      headers: { cookie, 'idempotency-key': 'sweep-test-key-1' },
    });
    expect(thanked.statusCode, thanked.body).toBe(201);
    // One session expired two days ago; the throttle window and the key are three days old.
    await t.database.pool.query(`update auth_session set expires_at = now() - interval '2 days' where user_id = $1`, [
      f.people.manager.userId,
    ]);
    await t.database.pool.query(`update auth_throttle set window_start = now() - interval '3 days'`);
    await t.database.pool.query(`update idempotency_keys set created_at = now() - interval '3 days'`);
    const before = { sessions: await count('auth_session'), throttles: await count('auth_throttle') };
    expect(before.throttles).toBeGreaterThan(0);

    const swept = await sweepExpired(t.database.db);
    expect(swept).toMatchObject({ sessions: 1, throttles: before.throttles, idempotencyKeys: 1 });
    expect(await count('auth_session')).toBe(before.sessions - 1);
    expect(await count('idempotency_keys')).toBe(0);
    // The member's own session still works.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    expect(await sweepExpired(t.database.db)).toEqual({
      sessions: 0,
      verifications: 0,
      throttles: 0,
      idempotencyKeys: 0,
    });
  });
});

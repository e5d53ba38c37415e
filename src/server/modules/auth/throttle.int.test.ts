import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import {
  cookieFrom,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  tokenFromMail,
} from '../../../../test/helpers/test-app';

// The sign-in throttle stops guessing, yet nobody can lock a colleague out and an office behind one
// address never locks itself out. Small limits here, so each attack fits in a test.

let t: TestApp;
let f: OrgFixture;
beforeAll(async () => {
  t = await createTestApp({ SIGNIN_MAX_PER_EMAIL: '5', SIGNIN_MAX_PER_IP: '12', SIGNIN_MAX_PER_ACCOUNT: '8' });
  f = await createOrgFixture(t.database.db, 'throttle');
});
afterAll(() => t.close());

const OFFICE = '198.51.100.10';
const signIn = (email: string, password: string, remoteAddress: string, cookie?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
    remoteAddress,
    headers: cookie ? { cookie } : {},
  });
/** The known-device cookie a successful sign-in left in the browser. */
const deviceOf = (response: Awaited<ReturnType<typeof signIn>>) => {
  const device = response.cookies.find((c) => c.name === 'klantwerk.device');
  if (!device) throw new Error('no known-device cookie');
  expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  return `klantwerk.device=${device.value}`;
};

describe('an office behind one address', () => {
  it('signs in as often as it likes: right passwords never count against the address', async () => {
    const people = Object.values(f.people);
    for (let i = 0; i < 30; i++) {
      const response = await signIn(people[i % people.length]!.email, TEST_PASSWORD, OFFICE);
      expect(response.statusCode, `sign-in ${i + 1}`).toBe(200);
    }
  }, 120_000); // 30 password checks: slow on a loaded machine
});

describe('a colleague guessing a password', () => {
  it('is stopped after SIGNIN_MAX_PER_EMAIL wrong tries, also with the right password, but cannot lock the person out', async () => {
    const victim = f.people.director;
    const before = await signIn(victim.email, TEST_PASSWORD, OFFICE);
    const victimsBrowser = deviceOf(before);

    // The guesser sits in the same office, behind the same address, in their own browser.
    for (let i = 0; i < 5; i++) expect((await signIn(victim.email, `guess number ${i}`, OFFICE)).statusCode).toBe(401);
    const stopped = await signIn(victim.email, TEST_PASSWORD, OFFICE);
    expect(stopped.statusCode).toBe(429);
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(0);

    // The person signs in from their own browser all the same, and from home.
    expect((await signIn(victim.email, TEST_PASSWORD, OFFICE, victimsBrowser)).statusCode).toBe(200);
    expect((await signIn(victim.email, TEST_PASSWORD, '203.0.113.99')).statusCode).toBe(200);
  });

  it('gains nothing from their own known-device cookie: it is a known device of their address only', async () => {
    const guesser = deviceOf(await signIn(f.people.member.email, TEST_PASSWORD, '203.0.113.50'));
    const target = f.people.advisor.email;
    for (let i = 0; i < 5; i++)
      expect((await signIn(target, `guess ${i}`, '203.0.113.50', guesser)).statusCode).toBe(401);
    expect((await signIn(target, TEST_PASSWORD, '203.0.113.50', guesser)).statusCode).toBe(429);
  });

  it('a known device has its own limit, so a stolen cookie is no free pass', async () => {
    const device = deviceOf(await signIn(f.people.manager.email, TEST_PASSWORD, '203.0.113.60'));
    for (let i = 0; i < 5; i++)
      expect((await signIn(f.people.manager.email, `wrong ${i}`, '203.0.113.61', device)).statusCode).toBe(401);
    expect((await signIn(f.people.manager.email, TEST_PASSWORD, '203.0.113.62', device)).statusCode).toBe(429);
  });
});

describe('a guesser with many addresses', () => {
  it('is slowed to one try a minute past SIGNIN_MAX_PER_ACCOUNT; the known device and a reset pass', async () => {
    const victim = f.outsider;
    const known = deviceOf(await signIn(victim.email, TEST_PASSWORD, '192.0.2.1'));
    for (let i = 0; i < 8; i++)
      expect((await signIn(victim.email, `botnet ${i}`, `198.18.0.${i + 1}`)).statusCode).toBe(401);
    expect((await signIn(victim.email, 'botnet 8', '198.18.0.100')).statusCode).toBe(401); // the one try of this minute
    const slowed = await signIn(victim.email, TEST_PASSWORD, '198.18.0.101');
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(60);

    expect((await signIn(victim.email, TEST_PASSWORD, '192.0.2.1', known)).statusCode).toBe(200);

    // A new phone: the person proves the mailbox with a reset link, and is not slowed any more.
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email: victim.email } });
    await t.app.afterResponse.idle();
    const token = tokenFromMail(t.mailer, victim.email);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/password/reset',
          payload: { token, password: 'a fresh start for me' },
        })
      ).statusCode,
    ).toBe(204);
    const fresh = await signIn(victim.email, 'a fresh start for me', '198.18.0.102');
    expect(fresh.statusCode).toBe(200);
    expect(cookieFrom(fresh)).toContain('klantwerk.device=');
  });
});

describe('one address spraying many accounts', () => {
  it('is stopped after SIGNIN_MAX_PER_IP wrong passwords, whatever the addresses', async () => {
    const sprayer = '203.0.113.200';
    for (let i = 0; i < 12; i++)
      expect((await signIn(`nobody${i}@example.test`, 'Summer2026!', sprayer)).statusCode).toBe(401);
    expect((await signIn('nobody99@example.test', 'Summer2026!', sprayer)).statusCode).toBe(429);
  });
});

// "Today" is the organisation's day (its time zone), not the server's nor UTC's: checked just after
// midnight in Amsterdam, when UTC is still on the day before.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';

let t: TestApp;
let f: OrgFixture;
const cookie = {} as Record<'admin', string>;

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'orgday');
  cookie.admin = await signIn(t.app, f.people.admin.email);
});
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  await t.close();
});

const call = apiCaller(() => t.app, cookie);

describe('the works council agreement', () => {
  it('accepts the works council agreement dated today in Amsterdam, just after local midnight', async () => {
    // 23:30 UTC on the 8th is 00:30 on 9 December in Europe/Amsterdam (the organisation's zone).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-08T23:30:00Z'));
    const response = await call('admin', 'PUT', '/learning/settings', {
      memberComparison: true,
      worksCouncilAgreed: true,
      worksCouncilAgreedOn: '2026-12-09',
      worksCouncilNote: 'OR vanavond na middernacht',
    });
    expect(response.statusCode, response.body).toBe(200);
  });
});

describe('CSV export names', () => {
  for (const list of ['extras', 'promises'])
    it(`names the ${list} export after the day it is in the organisation (Amsterdam), not in UTC`, async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-12-08T23:30:00Z')); // 00:30 on 9 December in Amsterdam
      const response = await call('admin', 'GET', `/${list}/export.csv`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-disposition']).toContain(`klantwerk-${list}-2026-12-09.csv`);
    });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { PrivacyStatement } from '../../../contracts/privacy.contract';

// The staff privacy statement is written from the organisation's real settings at the moment it is
// asked for: change a setting and the statement says so, in Dutch and in English.

let t: TestApp;
let f: OrgFixture;
let other: OrgFixture;
const cookie = {} as Record<'member' | 'advisor' | 'admin' | 'otherAdmin', string>;

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'statement');
  other = await createOrgFixture(t.database.db, 'statement-other');
  for (const who of ['member', 'advisor', 'admin'] as const) cookie[who] = await signIn(t.app, f.people[who].email);
  cookie.otherAdmin = await signIn(t.app, other.people.admin.email);
});
afterAll(() => t.close());

const as = (who: keyof typeof cookie, method: 'GET' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { cookie: cookie[who] } });
async function statement(who: keyof typeof cookie, language?: 'nl' | 'en') {
  const response = await as(who, 'GET', `/privacy/statement${language ? `?language=${language}` : ''}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as PrivacyStatement;
}
const section = (s: PrivacyStatement, key: string) => {
  const found = s.sections.find((x) => x.key === key);
  expect(found, key).toBeDefined();
  return [...found!.paragraphs, ...found!.items.flatMap((i) => [i.term, i.text])].join('\n');
};

describe('the staff privacy statement', () => {
  it('is made for everyone from the defaults, in the person’s language, with every text filled in', async () => {
    const nl = await statement('member');
    expect(nl.language).toBe('nl');
    expect(nl.title).toBe('Privacyverklaring voor medewerkers: Org statement');
    expect(nl.sections.map((s) => s.key)).toEqual(['kept', 'who', 'comparison', 'questions', 'retention', 'rights']);
    expect(nl.settings).toEqual({
      memberComparison: false,
      memberComparisonSince: null,
      worksCouncilAgreedOn: null,
      resultsMinGroup: 5,
      resultsMinTexts: 5,
      resultsVisibility: 'own_groups',
      contactKeepDays: 90,
      customerKeepDays: 730,
      viewLogKeepDays: 365,
    });
    expect(section(nl, 'comparison')).toMatch(/^Uit\. Niemand ziet cijfers/);
    expect(section(nl, 'questions')).toContain('minstens 5 mensen');
    expect(section(nl, 'retention')).toContain('Gewist 90 dagen na de reactie');
    expect(section(nl, 'who')).toContain(`Beheerders: ${f.people.admin.name}`);
    expect(section(nl, 'who')).toContain(`Directie: ${f.people.director.name}`);

    const en = await statement('advisor', 'en');
    expect(en.title).toBe('Privacy statement for staff: Org statement');
    expect(section(en, 'comparison')).toMatch(/^Off\. Nobody sees figures/);
    for (const made of [nl, en]) {
      const text = JSON.stringify(made);
      expect(text).not.toContain('{{');
      expect(text).not.toMatch(/"statement\.[a-z]/);
    }
  });

  it('follows the settings: thresholds, retention and the works council’s consent', async () => {
    const patched = await as('admin', 'PATCH', '/organization', {
      resultsMinGroup: 7,
      resultsMinTexts: 9,
      resultsVisibility: 'none',
      contactKeepDays: 30,
      viewLogKeepDays: 90,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const on = await as('admin', 'PUT', '/learning/settings', {
      memberComparison: true,
      worksCouncilAgreed: true,
      worksCouncilAgreedOn: '2026-02-03',
      worksCouncilNote: 'OR-vergadering 3 februari, punt 4',
    });
    expect(on.statusCode, on.body).toBe(200);

    const en = await statement('member', 'en');
    expect(en.settings).toMatchObject({
      memberComparison: true,
      worksCouncilAgreedOn: '2026-02-03',
      resultsMinGroup: 7,
      resultsVisibility: 'none',
      viewLogKeepDays: 90,
    });
    const comparison = section(en, 'comparison');
    expect(comparison).toMatch(/^On since /);
    expect(comparison).toContain(`switched on by ${f.people.admin.name}`);
    expect(comparison).toContain('agreed on 3 February 2026 (OR-vergadering 3 februari, punt 4)');
    expect(comparison).toContain('kept 90 days');
    expect(section(en, 'who')).toContain('Per-member figures are on');
    expect(section(en, 'questions')).toContain('at least 7 people');
    // Whether someone answered is not to be learned either: the response only in steps of the threshold.
    expect(section(en, 'questions')).toContain('only in steps of at least 7');
    expect(section(en, 'questions')).toContain('at least 9 in the group');
    // What the figures do tell is said too: a whole group that answered, and the same answer by all.
    expect(section(en, 'questions')).toContain(
      'When everyone in that group answered, that tells that each of them answered',
    );
    expect(section(en, 'questions')).toContain('Members see no results');
    expect(section(en, 'retention')).toContain('Erased 30 days after the reaction');

    const nl = await statement('member', 'nl');
    expect(section(nl, 'comparison')).toContain('op 3 februari 2026 instemde');
  });

  it('is one organisation’s: another’s administrator gets their own, and bad input is a 400', async () => {
    const theirs = await statement('otherAdmin', 'en');
    expect(theirs.title).toBe('Privacy statement for staff: Org statement-other');
    expect(theirs.settings.memberComparison).toBe(false);
    expect(section(theirs, 'who')).toContain(`Administrators: ${other.people.admin.name}`);
    expect(JSON.stringify(theirs)).not.toMatch(new RegExp(`${f.people.admin.name}(?!-other)`));
    expect((await as('member', 'GET', '/privacy/statement?language=de')).statusCode).toBe(400);
    expect((await as('member', 'GET', '/privacy/statement?lang=en')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/privacy/statement' })).statusCode).toBe(401);
  });
});

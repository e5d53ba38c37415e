import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import {
  addFixturePerson,
  createOrgFixture,
  type FixturePerson,
  type OrgFixture,
} from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';
import type { FigureViewList, MyDataExport } from '../../../contracts/privacy.contract';
import { addDays, localDay } from '../../lib/days';
import { eraseOldFigureViews } from './figure-views.service';

// The works council's gate: one member's extras, figures and exports are off until an administrator
// records the works council's consent (member comparison). While on, every such view is written down,
// and the member reads who looked and when; the organisation's retention erases it later.

let t: TestApp;
let f: OrgFixture;
let other: OrgFixture;
let colleague: FixturePerson;
type Who = 'member' | 'colleague' | 'manager' | 'director' | 'admin' | 'otherManager';
const cookie = {} as Record<Who, string>;

const LISA = 'Gast jarig, taart op de kamer gezet';
const COLLEAGUE = 'Paraplu uitgeleend aan een gast';

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'gate');
  other = await createOrgFixture(t.database.db, 'gate-other');
  for (const who of ['member', 'manager', 'director', 'admin'] as const)
    cookie[who] = await signIn(t.app, f.people[who].email);
  colleague = await addFixturePerson(t.database.db, f, 'colleague', ['member'], f.teamId, false);
  cookie.colleague = await signIn(t.app, colleague.email);
  cookie.otherManager = await signIn(t.app, other.people.manager.email);
  const extra = (occasion: string) => ({
    occasion,
    action: 'Geregeld',
    kind: 'gift',
    costCents: 1250,
    minutes: 10,
    reactionScore: 5,
    aboveMandateReason: 'verjaardag',
  });
  expect((await call('member', 'GET', '/extras')).statusCode).toBe(200);
  expect((await call('member', 'POST', '/extras', extra(LISA))).statusCode).toBe(201);
  expect((await call('colleague', 'POST', '/extras', extra(COLLEAGUE))).statusCode).toBe(201);
});
afterAll(() => t.close());

const call = apiCaller(() => t.app, cookie);
const comparison = (on: boolean) =>
  call(
    'admin',
    'PUT',
    '/learning/settings',
    on
      ? {
          memberComparison: true,
          worksCouncilAgreed: true,
          worksCouncilAgreedOn: '2026-01-12',
          worksCouncilNote: 'OR-besluit 2026-03',
        }
      : { memberComparison: false },
  );
const viewsOf = async (who: Who) => {
  const response = await call(who, 'GET', '/me/figure-views');
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as FigureViewList;
};
const memberId = () => f.people.member.memberId;

describe('with member comparison off (no consent recorded)', () => {
  it('refuses a manager one member’s extras, in the list and as CSV, and leaves no trace', async () => {
    // The attack from the issue: the team list narrowed to one person, with costs and scores.
    const list = await call('manager', 'GET', `/extras?scope=team&memberId=${memberId()}`);
    expect(list.statusCode).toBe(403);
    expect(list.json().code).toBe('member_comparison_off');
    expect(list.body).not.toContain(LISA);
    const csv = await call('manager', 'GET', `/extras/export.csv?scope=team&memberId=${memberId()}`);
    expect(csv.statusCode).toBe(403);
    expect(csv.body).not.toContain(LISA);
    // A director narrowing the whole organisation's list, too.
    const all = await call('director', 'GET', `/extras?scope=all&memberId=${memberId()}&teamId=${f.teamId}`);
    expect(all.statusCode).toBe(403);
    expect(all.json().code).toBe('member_comparison_off');

    // The team's list as a whole stays, and everyone's own list too.
    const team = await call('manager', 'GET', '/extras?scope=team');
    expect(team.statusCode).toBe(200);
    expect(team.json().items).toHaveLength(2);
    expect(
      (await call('member', 'GET', `/extras?scope=mine&memberId=${colleague.memberId}`))
        .json()
        .items.map((e: { occasion: string }) => e.occasion),
    ).toEqual([LISA]);
    // Nobody looked, so nothing to read.
    expect(await viewsOf('member')).toEqual({ memberComparison: false, keepDays: 365, items: [] });
  });

  it('gives the team’s file without the column of who logged each extra (sorting it would be a per-member export)', async () => {
    const team = await call('manager', 'GET', '/extras/export.csv?scope=team');
    expect(team.statusCode).toBe(200);
    expect(team.body).toContain(LISA);
    expect(team.body).not.toContain('Medewerker');
    expect(team.body).not.toContain(f.people.member.name);
    expect(team.body).not.toContain(colleague.name);
    // Someone's own file still names them.
    const own = await call('member', 'GET', '/extras/export.csv?scope=mine');
    expect(own.body).toContain(f.people.member.name);
    expect((await viewsOf('member')).items).toEqual([]);
  });

  it('shows no per-member figures in the conversation view', async () => {
    const today = localDay('Europe/Amsterdam');
    const view = await call('manager', 'GET', `/teams/${f.teamId}/conversation?from=${addDays(today, -7)}&to=${today}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().members).toBeNull();
    expect((await viewsOf('member')).items).toEqual([]);
  });

  it('answers 404 for a member of another organisation, whatever the setting', async () => {
    const response = await call('otherManager', 'GET', `/extras?scope=team&memberId=${memberId()}`);
    expect(response.statusCode).toBe(404);
  });
});

describe('with member comparison on (the works council agreed)', () => {
  beforeAll(async () => {
    expect((await comparison(true)).statusCode).toBe(200);
  });

  it('shows a manager one member’s extras, and the member reads who looked, at what and when', async () => {
    const list = await call('manager', 'GET', `/extras?scope=team&memberId=${memberId()}&limit=1`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((e: { occasion: string }) => e.occasion)).toEqual([LISA]);
    const csv = await call('manager', 'GET', `/extras/export.csv?scope=team&memberId=${memberId()}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(LISA);
    expect(csv.body).not.toContain(COLLEAGUE);
    // With consent the team's file names who logged each extra.
    const team = await call('manager', 'GET', '/extras/export.csv?scope=team');
    expect(team.body).toContain('Medewerker');
    expect(team.body).toContain(colleague.name);
    const today = localDay('Europe/Amsterdam');
    const conversation = await call(
      'manager',
      'GET',
      `/teams/${f.teamId}/conversation?from=${addDays(today, -7)}&to=${today}`,
    );
    expect(conversation.json().members.map((m: { member: { id: string } }) => m.member.id)).toContain(memberId());

    const mine = await viewsOf('member');
    expect(mine.memberComparison).toBe(true);
    expect(mine.items.map((i) => i.view).sort()).toEqual(['conversation', 'extras_csv', 'extras_list']);
    for (const item of mine.items)
      expect(item.viewer).toEqual({ id: f.people.manager.memberId, name: f.people.manager.name });
    expect(mine.items.find((i) => i.view === 'conversation')?.team?.id).toBe(f.teamId);
    // The colleague was in the conversation view too; what was seen of Lisa is not theirs to read.
    const theirs = await viewsOf('colleague');
    expect(theirs.items.map((i) => i.view)).toEqual(['conversation']);
    expect(JSON.stringify(theirs)).not.toContain('extras_list');
    // The manager looking at their own list leaves nothing.
    expect((await call('manager', 'GET', `/extras?scope=team&memberId=${f.people.manager.memberId}`)).statusCode).toBe(
      200,
    );
    expect((await viewsOf('manager')).items).toEqual([]);
  });

  it('is in the member’s own file, and switching comparison off closes the gate again but keeps what they can read', async () => {
    const file = (await call('member', 'GET', '/me/export')).json() as MyDataExport;
    expect(file.figureViewsOfMe.map((v) => v.view).sort()).toEqual(['conversation', 'extras_csv', 'extras_list']);
    expect(file.figureViewsOfMe[0]).toMatchObject({ viewer: f.people.manager.name });

    expect((await comparison(false)).statusCode).toBe(200);
    expect((await call('manager', 'GET', `/extras?scope=team&memberId=${memberId()}`)).statusCode).toBe(403);
    const after = await viewsOf('member');
    expect(after.memberComparison).toBe(false);
    expect(after.items).toHaveLength(3);
    expect((await comparison(true)).statusCode).toBe(200);
  });
});

describe('how long it is kept', () => {
  it('follows the organisation’s retention: older entries are not shown and the sweep erases them', async () => {
    expect((await call('director', 'PATCH', '/organization', { viewLogKeepDays: 60 })).statusCode).toBe(403);
    expect((await call('admin', 'PATCH', '/organization', { viewLogKeepDays: 10 })).statusCode).toBe(400);
    expect((await call('admin', 'PATCH', '/organization', { viewLogKeepDays: 731 })).statusCode).toBe(400);
    const saved = await call('admin', 'PATCH', '/organization', { viewLogKeepDays: 60 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().viewLogKeepDays).toBe(60);

    expect((await call('director', 'GET', `/extras?scope=all&memberId=${colleague.memberId}`)).statusCode).toBe(200);
    const { pool } = t.database;
    const { rows: before } = await pool.query(`select count(*)::int as n from member_figure_views where org_id = $1`, [
      f.orgId,
    ]);
    // One entry about the colleague is backdated past the 60 days.
    await pool.query(
      `update member_figure_views set at = now() - interval '61 days' where id = (select id from member_figure_views where member_id = $1 and view = 'extras_list' limit 1)`,
      [colleague.memberId],
    );
    expect((await viewsOf('colleague')).items.map((i) => i.view)).toEqual(['conversation']);
    expect((await viewsOf('colleague')).keepDays).toBe(60);

    expect(await eraseOldFigureViews(t.database.db)).toBe(1);
    const { rows: after } = await pool.query(`select count(*)::int as n from member_figure_views where org_id = $1`, [
      f.orgId,
    ]);
    expect(after[0].n).toBe(before[0].n - 1);
    expect(await eraseOldFigureViews(t.database.db)).toBe(0);
  });
});

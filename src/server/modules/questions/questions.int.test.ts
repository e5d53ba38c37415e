import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import {
  addFixturePerson,
  createOrgFixture,
  type FixturePerson,
  type OrgFixture,
} from '../../../../test/helpers/fixtures';
import { ExactSpan, subsets } from '../../../../test/helpers/linear-attack';
import { createTestApp, signIn, TEST_SECRET, type TestApp } from '../../../../test/helpers/test-app';
import type { CampaignDetail, CampaignResults, Figures, Mirror } from '../../../contracts/questions.contract';
import { addMonths } from '../../../contracts/questions.contract';
import { addDays, localDay } from '../../lib/days';
import { ballotKeyer } from './ballots';
import { runCampaignJobs } from './campaign-jobs.service';

// Core questions: campaigns, anonymous answers, the threshold and the rule against revealing a group by
// difference, who sees which results, the mirror, actions, the job that opens, reminds and closes.
//
// The organisation: team A (the fixture's team) is led by the manager and holds the member, 7 more
// staff and 4 managers of elsewhere (so A's view is 8 staff + 4 middle managers: the example);
// team B holds the outsider and 5 more staff and is led by a manager of its own; the director and the
// admin are in no team. The advisor is never asked.

let t: TestApp;
let f: OrgFixture;
let other: OrgFixture;
const people: { key: string; person: FixturePerson; cookie: string }[] = [];
const cookie: Record<string, string> = {};
const today = () => localDay('Europe/Amsterdam');
const K = 5;

const QUESTIONS = ['leadership.support', 'mandate.room', 'customer.recommend', 'cooperation.improve'];

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'questions');
  other = await createOrgFixture(t.database.db, 'strangers');
  const add = async (key: string, roles: ('member' | 'manager')[], teamId: string, isManager: boolean) => {
    const person = await addFixturePerson(t.database.db, f, key, roles, teamId, isManager);
    people.push({ key, person, cookie: await signIn(t.app, person.email) });
  };
  for (const role of ['member', 'manager', 'director', 'admin', 'advisor'] as const) {
    cookie[role] = await signIn(t.app, f.people[role].email);
    if (role !== 'advisor') people.push({ key: role, person: f.people[role], cookie: cookie[role] });
  }
  people.push({ key: 'outsider', person: f.outsider, cookie: await signIn(t.app, f.outsider.email) });
  for (let i = 0; i < 7; i++) await add(`a-staff-${i}`, ['member'], f.teamId, false);
  for (let i = 0; i < 4; i++) await add(`a-middle-${i}`, ['manager'], f.teamId, false);
  for (let i = 0; i < 5; i++) await add(`b-staff-${i}`, ['member'], f.otherTeamId, false);
  await add('b-lead', ['manager'], f.otherTeamId, true);
  for (const p of people) cookie[p.key] = p.cookie;
  cookie.otherOrg = await signIn(t.app, other.people.director.email);
}, 120_000);
afterAll(async () => {
  if (process.env.SHOW_ERRORS) console.log(t.logs.filter((l) => l.includes('"level":50')).join('\n'));
  await t.close();
});

const call = apiCaller(() => t.app, cookie);

async function launch(title: string, over: Record<string, unknown> = {}): Promise<CampaignDetail> {
  const res = await call('director', 'POST', '/campaigns', {
    title,
    opensOn: today(),
    closesOn: addDays(today(), 14),
    audience: { all: true, teamIds: [], roles: [] },
    reminderDays: [3],
    questionKeys: QUESTIONS,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** What each person answers: distinct scores, some skips, texts from a few. */
function answersOf(campaign: CampaignDetail, i: number, shift = 0) {
  const q = (key: string) => campaign.questions.find((x) => x.key === key)!.id;
  const answers: { questionId: string; value?: number; text?: string }[] = [];
  answers.push({ questionId: q('leadership.support'), value: 1 + ((i + shift) % 5) });
  if (i % 4 !== 3) answers.push({ questionId: q('mandate.room'), value: 1 + ((i * 3 + shift) % 5) });
  answers.push({ questionId: q('customer.recommend'), value: (i * 7 + shift) % 11 });
  if (i % 2 === 0) answers.push({ questionId: q('cooperation.improve'), text: `Idee nummer ${i}` });
  return answers;
}

/** The groups a person counts in, as the campaign's audience fixed them (the org chart everyone knows). */
async function placement(campaignId: string) {
  const { rows } = await t.database.db.execute<{ member_id: string; level: string; team_ids: string[] }>(sql`
    select member_id, level, team_ids from campaign_audience where campaign_id = ${campaignId}`);
  return new Map(rows.map((r) => [r.member_id, r]));
}

function inGroup(p: { level: string; team_ids: string[] }, key: string) {
  if (key === 'org') return true;
  const level = /^level:(\w+)$/.exec(key);
  if (level) return p.level === level[1];
  const team = /^team:([0-9a-f-]{36})(?::level:(\w+))?$/.exec(key)!;
  return p.team_ids.includes(team[1]!) && (!team[2] || p.level === team[2]);
}

describe('a campaign, answered anonymously', () => {
  let campaign: CampaignDetail;
  const truth = new Map<string, Map<string, number | string>>(); // member → question → answer
  const openBallots: string[] = []; // the ballots' ids and keys while the round was open

  it('is launched from the bank by a director and put to the whole staff, not to the advisor', async () => {
    campaign = await launch('Najaar');
    expect(campaign.status).toBe('open');
    expect(campaign.questions.map((q) => q.key)).toEqual(QUESTIONS);
    expect(campaign.audienceSize).toBe(people.length);
    const advisor = await call('advisor', 'GET', `/campaigns/${campaign.id}`);
    expect(advisor.statusCode).toBe(403);
    // Everyone asked is told in the app.
    const bell = await call('member', 'GET', '/notifications');
    expect(
      bell
        .json()
        .items.some(
          (n: { kind: string; data: { campaignId: string } }) =>
            n.kind === 'campaign_open' && n.data.campaignId === campaign.id,
        ),
    ).toBe(true);
  });

  it('keeps one answer per member and question when a member changes them, and stores nothing that points to the member', async () => {
    for (const [i, p] of people.entries()) {
      const answers = answersOf(campaign, i);
      const res = await call(p.key, 'PUT', `/campaigns/${campaign.id}/answers`, { answers });
      expect(res.statusCode, res.body).toBe(200);
      truth.set(p.person.memberId, new Map(answers.map((a) => [a.questionId, a.value ?? a.text!])));
    }
    // The member changes their mind twice; the last answers count, once.
    const member = people.findIndex((p) => p.key === 'member');
    await call('member', 'PUT', `/campaigns/${campaign.id}/answers`, { answers: answersOf(campaign, member, 2) });
    const final = answersOf(campaign, member, 4);
    expect((await call('member', 'PUT', `/campaigns/${campaign.id}/answers`, { answers: final })).statusCode).toBe(200);
    truth.set(f.people.member.memberId, new Map(final.map((a) => [a.questionId, a.value ?? a.text!])));

    const mine = (await call('member', 'GET', `/campaigns/${campaign.id}`)).json() as CampaignDetail;
    expect(mine.myStatus).toBe('answered');
    expect(new Map(mine.myAnswers.map((a) => [a.questionId, a.value ?? a.text]))).toEqual(
      truth.get(f.people.member.memberId),
    );

    const { rows: perQuestion } = await t.database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from campaign_answers where campaign_id = ${campaign.id} group by question_id, ballot_id having count(*) > 1`);
    expect(perQuestion).toEqual([]);
    const { rows: ballots } = await t.database.db.execute<{ id: string; ballot_key: string }>(
      sql`select id, ballot_key from campaign_ballots where campaign_id = ${campaign.id}`,
    );
    expect(ballots).toHaveLength(people.length);
    openBallots.push(...ballots.flatMap((b) => [b.id, b.ballot_key]));

    // No column of an answer or a ballot is a member, and no value in them is a member's or user's id.
    const { rows: columns } = await t.database.db.execute<{ table_name: string; column_name: string }>(sql`
      select table_name, column_name from information_schema.columns where table_name in ('campaign_answers', 'campaign_ballots')`);
    expect(columns.map((c) => c.column_name).sort()).toEqual(
      [
        'ballot_id',
        'ballot_key',
        'campaign_id',
        'id',
        'org_id',
        'org_id',
        'campaign_id',
        'question_id',
        'text',
        'value',
      ].sort(),
    );
    const { rows: stored } = await t.database.db.execute(sql`
      select b.*, a.* from campaign_ballots b join campaign_answers a on a.ballot_id = b.id where b.campaign_id = ${campaign.id}`);
    const dump = JSON.stringify(stored);
    for (const p of people) {
      expect(dump).not.toContain(p.person.memberId);
      expect(dump).not.toContain(p.person.userId);
    }
  });

  it('shows no results while the campaign is open, and the response only for large enough groups, in steps, as at the start of the day', async () => {
    expect((await call('director', 'GET', `/campaigns/${campaign.id}/results`)).json().code).toBe(
      'campaign_not_closed',
    );
    const groupOf = async (key: string) =>
      (await call('director', 'GET', `/campaigns/${campaign.id}/participation`))
        .json()
        .groups.find((g: { key: string }) => g.key === key);
    // Everyone has answered today, but today's figure is as it stood when the round opened.
    expect(await groupOf('org')).toMatchObject({ status: 'too_few', audience: null, response: null });
    await runCampaignJobs({ db: t.database.db, secret: TEST_SECRET }, new Date(`${addDays(today(), 1)}T09:00:00Z`));
    // 22 asked, all answered: the last step, 15–22 (never "22 of 22").
    expect(await groupOf('org')).toMatchObject({
      status: 'shown',
      audience: people.length,
      response: { min: 15, max: people.length },
    });
    expect(await groupOf('level:top')).toMatchObject({ status: 'too_few', audience: null, response: null });
  });

  it('lets a manager keep a self-view for the mirror, apart from the ballot, and not a member', async () => {
    const q = campaign.questions.find((x) => x.key === 'leadership.support')!;
    const mirror = (await call('manager', 'GET', `/campaigns/${campaign.id}`)).json() as CampaignDetail;
    expect(mirror.mirror?.questionIds).toEqual([q.id]);
    expect(
      (await call('manager', 'PUT', `/campaigns/${campaign.id}/mirror`, { answers: [{ questionId: q.id, value: 5 }] }))
        .statusCode,
    ).toBe(200);
    expect(
      (await call('member', 'PUT', `/campaigns/${campaign.id}/mirror`, { answers: [{ questionId: q.id, value: 5 }] }))
        .statusCode,
    ).toBe(403);
  });

  it('closes: the keys are erased, results are computed per group, and the director sees withheld groups with why', async () => {
    const ballotsOf = async () =>
      (
        await t.database.db.execute<{ id: string }>(
          sql`select id from campaign_ballots where campaign_id = ${campaign.id}`,
        )
      ).rows.map((r) => r.id);
    const answerCount = async () =>
      (
        await t.database.db.execute<{ n: number }>(
          sql`select count(*)::int as n from campaign_answers where campaign_id = ${campaign.id}`,
        )
      ).rows[0]!.n;
    const before = await ballotsOf();
    const answersBefore = await answerCount();
    const res = await call('director', 'POST', `/campaigns/${campaign.id}/close`);
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from campaign_ballots where campaign_id = ${campaign.id} and ballot_key is not null`,
    );
    expect(rows[0]!.n).toBe(0);
    // Every ballot was written anew under another id (its answers with it): nothing keeps the order of answering.
    const after = await ballotsOf();
    expect(after).toHaveLength(before.length);
    expect(after.filter((id) => before.includes(id))).toEqual([]);
    expect(await answerCount()).toBe(answersBefore);
    // Even with the secret, nobody finds a member's ballot any more.
    const key = ballotKeyer(TEST_SECRET, campaign.id)(f.people.member.memberId);
    const { rows: found } = await t.database.db.execute(sql`select 1 from campaign_ballots where ballot_key = ${key}`);
    expect(found).toEqual([]);

    const results = (await call('director', 'GET', `/campaigns/${campaign.id}/results`)).json() as CampaignResults;
    const status = new Map(results.groups.map((g) => [g.key, g.status]));
    expect(status.get('org')).toBe('shown');
    expect(status.get('level:top')).toBe('too_few');
    const leadership = results.questions.find((q) => q.key === 'leadership.support')!;
    expect(leadership.figures.respondents).toBe(people.length);
    const values = [...truth.values()].map((m) => m.get(leadership.questionId) as number);
    expect(leadership.figures.average).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
    expect(leadership.figures.distribution).toEqual([1, 2, 3, 4, 5].map((v) => values.filter((x) => x === v).length));
    const recommend = results.questions.find((q) => q.key === 'customer.recommend')!;
    const scores = [...truth.values()].map((m) => m.get(recommend.questionId) as number);
    const ips = Math.round(
      ((scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length) / scores.length) * 100,
    );
    expect(recommend.figures.promoterScore).toBe(ips);
    const texts = results.questions.find((q) => q.key === 'cooperation.improve')!.texts!;
    expect([...texts].sort()).toEqual(
      [...truth.values()].flatMap((m) => [...m.values()].filter((v) => typeof v === 'string')).sort(),
    );

    // A withheld group answers with why, and no figure.
    const top = (
      await call('director', 'GET', `/campaigns/${campaign.id}/results?group=level:top`)
    ).json() as CampaignResults;
    expect(top.group.status).toBe('too_few');
    for (const q of top.questions)
      expect(q.figures).toEqual({
        status: 'too_few',
        respondents: null,
        average: null,
        distribution: null,
        promoterScore: null,
      });
    expect([...status.values()]).toContain('difference');
  });

  it('cannot be made to give away one member’s answers by any group, export, trend or mirror (an attacker who knows the org chart and who answered)', async () => {
    // A second campaign on the same questions: its page shows this one's figures again, as the trend.
    const spring = await launch('Voorjaar');
    for (const [i, p] of people.entries())
      await call(p.key, 'PUT', `/campaigns/${spring.id}/answers`, { answers: answersOf(spring, i, 3).slice(0, 3) });
    expect((await call('director', 'POST', `/campaigns/${spring.id}/close`)).statusCode).toBe(200);
    const placed = await placement(campaign.id);
    const questionIdOf = (key: string) => campaign.questions.find((q) => q.key === key)!.id;
    // Everything anyone may see: every group's results for every person, the CSV, the mirror.
    const seen = new Map<string, Map<string, Figures>>(); // group → question → figures
    const record = (group: string, questionId: string, figures: Figures) => {
      if (figures.status !== 'shown') return;
      const byQ = seen.get(group) ?? new Map<string, Figures>();
      const before = byQ.get(questionId);
      if (before) expect(figures).toEqual(before); // every view shows the same figure for the same group
      byQ.set(questionId, figures);
      seen.set(group, byQ);
    };
    const texts = new Map<string, string[]>();
    for (const who of [...people.map((p) => p.key), 'admin']) {
      const first = await call(who, 'GET', `/campaigns/${campaign.id}/results`);
      if (first.statusCode !== 200) continue;
      for (const g of (first.json() as CampaignResults).groups) {
        const res = (
          await call(who, 'GET', `/campaigns/${campaign.id}/results?group=${g.key}`)
        ).json() as CampaignResults;
        for (const q of res.questions) {
          record(g.key, q.questionId, q.figures);
          if (q.texts) texts.set(g.key, q.texts);
        }
        const later = await call(who, 'GET', `/campaigns/${spring.id}/results?group=${g.key}`);
        if (later.statusCode === 200) {
          for (const q of (later.json() as CampaignResults).questions) {
            for (const point of q.trend.filter((p) => p.campaignId === campaign.id)) {
              const { campaignId: _c, title: _t, closesOn: _d, ...figures } = point;
              record(g.key, questionIdOf(q.key), figures);
            }
          }
        }
      }
      const mirror = await call(who, 'GET', `/campaigns/${campaign.id}/mirror`);
      if (mirror.statusCode === 200)
        for (const team of (mirror.json() as Mirror).teams)
          for (const q of team.questions) record(`team:${team.teamId}`, q.questionId, q.team);
    }
    // The CSV holds exactly the figures shown, nothing more.
    const csv = (await call('director', 'GET', `/campaigns/${campaign.id}/results.csv`)).body;
    const csvRows = csv.trim().split('\r\n').length - 1;
    const shownScaleFigures = [...seen.values()].reduce(
      (n, byQ) =>
        n + [...byQ].filter(([qid]) => campaign.questions.find((q) => q.id === qid && q.kind !== 'open')).length,
      0,
    );
    expect(csvRows).toBe(shownScaleFigures);

    const respondentsOf = (questionId: string) => people.filter((p) => truth.get(p.person.memberId)!.has(questionId));
    const attack = (questionId: string, groups: string[]) => {
      const who = respondentsOf(questionId);
      const span = new ExactSpan();
      for (const g of groups) span.add(who.map((p) => (inGroup(placed.get(p.person.memberId)!, g) ? 1 : 0)));
      // Any set of 1..K-1 respondents whose total follows from the groups shown.
      const revealed: string[][] = [];
      for (const set of subsets(who.length, K - 1)) {
        if (span.holds(who.map((_, i) => (set.includes(i) ? 1 : 0)))) revealed.push(set.map((i) => who[i]!.key));
      }
      return revealed;
    };
    if (process.env.SHOW_GROUPS) console.log([...seen].map(([g, byQ]) => `${g}: ${byQ.size}`).join('\n'));
    for (const q of campaign.questions) {
      const shownGroups = [...seen].filter(([, byQ]) => byQ.has(q.id)).map(([g]) => g);
      const textGroups = q.kind === 'open' ? [...texts.keys()] : [];
      expect(attack(q.id, [...shownGroups, ...textGroups]), q.key).toEqual([]);
    }
    // The attack works: with every group of the campaign shown, it finds someone (so this test can fail).
    const allGroups = [
      ...new Set(
        [...placed.values()].flatMap((p) => [
          'org',
          `level:${p.level}`,
          ...p.team_ids.flatMap((t) => [`team:${t}`, `team:${t}:level:${p.level}`]),
        ]),
      ),
    ];
    expect(attack(campaign.questions[0]!.id, allGroups).length).toBeGreaterThan(0);
  });

  it('writes no log line that names a ballot or its key', async () => {
    const logs = t.logs.join('\n');
    expect(openBallots.length).toBe(2 * people.length);
    for (const id of openBallots) expect(logs).not.toContain(id);
  });

  it('shows members only the groups they belong to, as the organisation allows; never another organisation', async () => {
    const groupsOf = async (who: string) => {
      const res = await call(who, 'GET', `/campaigns/${campaign.id}/results`);
      return res.statusCode === 200 ? (res.json() as CampaignResults).groups.map((g) => g.key).sort() : res.statusCode;
    };
    expect(await groupsOf('member')).toEqual(
      ['level:staff', 'org', `team:${f.teamId}`, `team:${f.teamId}:level:staff`].sort(),
    );
    expect(
      (await call('member', 'GET', `/campaigns/${campaign.id}/results?group=team:${f.otherTeamId}`)).statusCode,
    ).toBe(404);
    expect((await call('member', 'GET', `/campaigns/${campaign.id}/results?group=level:middle`)).statusCode).toBe(404);
    // The manager also sees every level within the team they lead.
    expect(await groupsOf('manager')).toContain(`team:${f.teamId}:level:middle`);

    expect((await call('admin', 'PATCH', '/organization', { resultsVisibility: 'organisation' })).statusCode).toBe(200);
    expect(await groupsOf('member')).toEqual(['org']);
    expect((await call('admin', 'PATCH', '/organization', { resultsVisibility: 'none' })).statusCode).toBe(200);
    expect(await groupsOf('member')).toBe(404);
    expect(
      (await call('member', 'GET', `/campaigns/${campaign.id}/results.csv`)).body.trim().split('\r\n'),
    ).toHaveLength(1);
    expect(await groupsOf('manager')).toContain('org');
    expect((await call('admin', 'PATCH', '/organization', { resultsVisibility: 'own_groups' })).statusCode).toBe(200);

    expect((await call('otherOrg', 'GET', `/campaigns/${campaign.id}/results`)).statusCode).toBe(404);
    expect((await call('otherOrg', 'GET', `/campaigns/${campaign.id}`)).statusCode).toBe(404);
    expect((await call('advisor', 'GET', `/campaigns/${campaign.id}/results`)).statusCode).toBe(403);
  });

  it('keeps the threshold on the server: never below 3, and a closed campaign keeps the one it was computed with', async () => {
    expect((await call('admin', 'PATCH', '/organization', { resultsMinGroup: 2 })).statusCode).toBe(400);
    expect((await call('admin', 'PATCH', '/organization', { resultsMinGroup: 3 })).statusCode).toBe(200);
    const results = (
      await call('director', 'GET', `/campaigns/${campaign.id}/results?group=level:top`)
    ).json() as CampaignResults;
    expect(results.campaign.minGroup).toBe(5);
    expect(results.group.status).toBe('too_few');
    expect((await call('admin', 'PATCH', '/organization', { resultsMinGroup: 5 })).statusCode).toBe(200);
  });

  it('sets the manager’s self-view beside the team they lead, for them only', async () => {
    const mirror = (await call('manager', 'GET', `/campaigns/${campaign.id}/mirror`)).json() as Mirror;
    expect(mirror.teams.map((team) => team.teamId)).toEqual([f.teamId]);
    const [q] = mirror.teams[0]!.questions;
    expect(q!.self).toBe(5);
    const team = (
      await call('director', 'GET', `/campaigns/${campaign.id}/results?group=team:${f.teamId}`)
    ).json() as CampaignResults;
    expect(q!.team).toEqual(team.questions.find((x) => x.questionId === q!.questionId)!.figures);
    expect(((await call('director', 'GET', `/campaigns/${campaign.id}/mirror`)).json() as Mirror).teams).toEqual([]);
  });

  it('turns a result into an action the team sees, followed up in the next campaign', async () => {
    const q = campaign.questions.find((x) => x.key === 'mandate.room')!;
    const body = {
      questionId: q.id,
      groupKey: `team:${f.teamId}`,
      what: 'Mandaat in het werkoverleg bespreken',
      ownerName: '',
      dueOn: addDays(today(), 30),
    };
    expect(
      (
        await call('manager', 'POST', `/campaigns/${campaign.id}/actions`, {
          ...body,
          groupKey: `team:${f.otherTeamId}`,
        })
      ).statusCode,
    ).toBe(403);
    const created = await call('manager', 'POST', `/campaigns/${campaign.id}/actions`, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      what: body.what,
      ownerName: f.people.manager.name,
      doneOn: null,
      canEdit: true,
    });

    const memberSees = (await call('member', 'GET', '/campaign-actions')).json().items;
    expect(memberSees.map((a: { what: string }) => a.what)).toContain(body.what);
    expect((await call('outsider', 'GET', '/campaign-actions')).json().items).toEqual([]);
    expect((await call('member', 'PATCH', `/campaign-actions/${created.json().id}`, { done: true })).statusCode).toBe(
      403,
    );
    const done = await call('manager', 'PATCH', `/campaign-actions/${created.json().id}`, {
      done: true,
      doneNote: 'Besproken op 3 december',
    });
    expect(done.json()).toMatchObject({ doneOn: today(), doneNote: 'Besproken op 3 december' });

    // The next campaign on the same question: its results show the earlier action and the trend.
    const next = await launch('Winter');
    for (const [i, p] of people.entries())
      await call(p.key, 'PUT', `/campaigns/${next.id}/answers`, { answers: answersOf(next, i, 1) });
    expect((await call('director', 'POST', `/campaigns/${next.id}/close`)).statusCode).toBe(200);
    const results = (
      await call('manager', 'GET', `/campaigns/${next.id}/results?group=team:${f.teamId}`)
    ).json() as CampaignResults;
    expect(results.earlierActions.map((a) => a.what)).toEqual([body.what]);
    const trend = results.questions.find((x) => x.key === 'mandate.room')!.trend;
    expect(trend.map((p) => p.campaignId)[0]).toBe(campaign.id);
  });
});

describe('the campaign job', () => {
  it('opens a campaign on its first day, reminds everyone asked once, and closes it after its last day', async () => {
    const opensOn = addDays(today(), 1);
    const res = await call('director', 'POST', '/campaigns', {
      title: 'Volgende week',
      opensOn,
      closesOn: addDays(opensOn, 3),
      audience: { all: false, teamIds: [f.otherTeamId], roles: [] },
      reminderDays: [1],
      // A question no earlier round asked (beside those, see anonymity.int.test.ts).
      questionKeys: ['mandate.safe'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const campaign = res.json() as CampaignDetail;
    expect(campaign.status).toBe('scheduled');
    expect((await call('outsider', 'PUT', `/campaigns/${campaign.id}/answers`, { answers: [] })).statusCode).toBe(404);

    const at = (day: string) => new Date(`${day}T09:00:00Z`);
    expect((await runCampaignJobs({ db: t.database.db, secret: TEST_SECRET }, at(opensOn))).opened).toBe(1);
    const opened = (await call('outsider', 'GET', `/campaigns/${campaign.id}`)).json() as CampaignDetail;
    expect(opened.audienceSize).toBe(7); // team B: the outsider, 5 staff, its manager
    // The member of team A was not asked.
    expect((await call('member', 'PUT', `/campaigns/${campaign.id}/answers`, { answers: [] })).statusCode).toBe(404);
    // Six answer; the outsider does not.
    const q = opened.questions[0]!.id;
    for (const p of people.filter((x) => x.key.startsWith('b-'))) {
      expect(
        (await call(p.key, 'PUT', `/campaigns/${campaign.id}/answers`, { answers: [{ questionId: q, value: 4 }] }))
          .statusCode,
      ).toBe(200);
    }
    const reminderDay = addDays(opensOn, 2);
    // Everyone asked is reminded, answered or not (a reminder only to the outsider would say they had not).
    const first = await runCampaignJobs({ db: t.database.db, secret: TEST_SECRET }, at(reminderDay));
    expect(first.reminded).toBe(7);
    expect((await runCampaignJobs({ db: t.database.db, secret: TEST_SECRET }, at(reminderDay))).reminded).toBe(0);
    const reminders = async (who: string) =>
      (await call(who, 'GET', '/notifications'))
        .json()
        .items.filter(
          (n: { kind: string; data: { campaignId: string } }) =>
            n.kind === 'campaign_reminder' && n.data.campaignId === campaign.id,
        );
    expect(await reminders('outsider')).toHaveLength(1);
    expect((await reminders('b-staff-0')).map((n: { data: unknown }) => n.data)).toEqual(
      (await reminders('outsider')).map((n: { data: unknown }) => n.data),
    );

    expect((await runCampaignJobs({ db: t.database.db, secret: TEST_SECRET }, at(addDays(opensOn, 4)))).closed).toBe(1);
    const results = (await call('director', 'GET', `/campaigns/${campaign.id}/results`)).json() as CampaignResults;
    expect(results.questions[0]!.figures).toMatchObject({ status: 'shown', respondents: 6, average: 4 });
  });

  it('refuses answers that do not fit the question, and answers after the close', async () => {
    const c = await launch('Korte ronde', { questionKeys: ['mandate.room', 'cooperation.improve'] });
    const [scale, open] = c.questions;
    const put = (answers: object[]) => call('member', 'PUT', `/campaigns/${c.id}/answers`, { answers });
    expect((await put([{ questionId: scale!.id, value: 6 }])).statusCode).toBe(400);
    expect((await put([{ questionId: scale!.id, text: 'tekst' }])).statusCode).toBe(400);
    expect((await put([{ questionId: open!.id, value: 3 }])).statusCode).toBe(400);
    expect((await put([{ questionId: f.teamId, value: 3 }])).statusCode).toBe(400);
    expect(
      (
        await put([
          { questionId: scale!.id, value: 3 },
          { questionId: scale!.id, value: 4 },
        ])
      ).statusCode,
    ).toBe(400);
    expect((await put([{ questionId: scale!.id, value: 3 }])).statusCode).toBe(200);
    // Clearing every answer takes the ballot away.
    expect((await put([])).json()).toEqual({ saved: 0 });
    expect(((await call('member', 'GET', `/campaigns/${c.id}`)).json() as CampaignDetail).myStatus).toBe('to_answer');
    expect((await call('director', 'POST', `/campaigns/${c.id}/close`)).statusCode).toBe(200);
    const late = await put([{ questionId: scale!.id, value: 3 }]);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('campaign_not_open');
  });
});

describe('a recurring round', () => {
  const at = (day: string) => new Date(`${day}T09:00:00Z`);
  const job = (day: string) => runCampaignJobs({ db: t.database.db, secret: TEST_SECRET }, at(day));
  const series = async (title: string) =>
    ((await call('director', 'GET', '/campaigns')).json().items as CampaignDetail[])
      .filter((c) => c.title === title)
      .sort((a, b) => a.opensOn.localeCompare(b.opensOn));

  it('names the number of people a launch would ask, before anything is saved', async () => {
    const before = (await call('director', 'GET', '/campaigns')).json().items.length;
    const teamB = await call('director', 'POST', '/campaigns/audience-size', {
      audience: { all: false, teamIds: [f.otherTeamId], roles: [] },
    });
    expect(teamB.json()).toEqual({ size: 7 }); // the outsider, 5 staff, their manager
    const everyone = await call('director', 'POST', '/campaigns/audience-size', {
      audience: { all: true, teamIds: [], roles: [] },
    });
    expect(everyone.json().size).toBe(people.length); // all staff; the advisor is never asked
    expect((await call('director', 'GET', '/campaigns')).json().items).toHaveLength(before);
    expect((await call('member', 'POST', '/campaigns/audience-size', { audience: { all: true } })).statusCode).toBe(
      403,
    );
  });

  it('is refused when a round would still be open when the next one starts', async () => {
    const res = await call('director', 'POST', '/campaigns', {
      title: 'Te lang',
      opensOn: today(),
      closesOn: addMonths(today(), 1),
      audience: { all: true, teamIds: [], roles: [] },
      questionKeys: ['mandate.safe'],
      repeat: 'monthly',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'body.repeat', code: 'rounds_overlap' });
  });

  it('comes back every month with the same questions, each round opening and closing by itself, until the next is called off', async () => {
    const opensOn = addDays(today(), 2);
    const launched = await call('director', 'POST', '/campaigns', {
      title: 'Maandelijkse polsslag',
      opensOn,
      closesOn: addDays(opensOn, 6),
      audience: { all: false, teamIds: [f.otherTeamId], roles: [] },
      reminderDays: [1],
      questionKeys: ['mandate.safe', 'customer.recommend'],
      repeat: 'monthly',
    });
    expect(launched.statusCode, launched.body).toBe(201);
    expect(launched.json()).toMatchObject({ status: 'scheduled', repeat: 'monthly' });
    expect(await series('Maandelijkse polsslag')).toHaveLength(1);

    // The first round opens by itself; the next is scheduled a month later with the same questions.
    await job(opensOn);
    let rounds = await series('Maandelijkse polsslag');
    expect(rounds.map((r) => [r.opensOn, r.status])).toEqual([
      [opensOn, 'open'],
      [addMonths(opensOn, 1), 'scheduled'],
    ]);
    const first = (await call('director', 'GET', `/campaigns/${rounds[0]!.id}`)).json() as CampaignDetail;
    const second = (await call('director', 'GET', `/campaigns/${rounds[1]!.id}`)).json() as CampaignDetail;
    expect(second.questions.map((q) => [q.key, q.text])).toEqual(first.questions.map((q) => [q.key, q.text]));
    expect(second).toMatchObject({
      closesOn: addMonths(first.closesOn, 1),
      audience: first.audience,
      reminderDays: [1],
      repeat: 'monthly',
    });
    // Running the job again the same day makes no second copy.
    await job(opensOn);
    expect(await series('Maandelijkse polsslag')).toHaveLength(2);

    // It closes by itself after its last day; the next opens on its day, and closes too.
    await job(addDays(first.closesOn, 1));
    await job(second.opensOn);
    await job(addDays(second.closesOn, 1));
    rounds = await series('Maandelijkse polsslag');
    expect(rounds.map((r) => r.status)).toEqual(['closed', 'closed', 'scheduled']);
    expect(rounds[2]!.opensOn).toBe(addMonths(opensOn, 2));
    expect(rounds.every((r) => r.repeat === 'monthly')).toBe(true);

    // Calling off the scheduled round ends the series: nothing comes back after it.
    expect((await call('director', 'DELETE', `/campaigns/${rounds[2]!.id}`)).statusCode).toBe(204);
    await job(addMonths(opensOn, 2));
    await job(addMonths(opensOn, 3));
    expect((await series('Maandelijkse polsslag')).map((r) => r.status)).toEqual(['closed', 'closed']);
  });
});

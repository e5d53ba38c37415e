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
import type { CampaignDetail, CampaignResults, CampaignSummary, Figures } from '../../../contracts/questions.contract';
import { addDays, localDay } from '../../lib/days';
import { runCampaignJobs } from './campaign-jobs.service';

// Three attacks on the anonymity of answers (differencing across rounds, reminders, the live response),
// performed as an insider would: a director or administrator with every right, who knows the org chart
// and sees everything the app shows. The rule: nobody but the member can learn, through any screen, API,
// export, notice or timing, whether a member answered a round or what they answered.
//
// The organisation: team Receptie (7 staff), team Keuken (6 staff), the fixture's two teams and people.

let t: TestApp;
let f: OrgFixture;
const K = 5;
const cookie: Record<string, string> = {};
const receptie: FixturePerson[] = [];
const keuken: FixturePerson[] = [];
let receptieId: string;
let keukenId: string;
const today = () => localDay('Europe/Amsterdam');
const at = (day: string) => new Date(`${day}T09:00:00Z`);
const jobs = (day: string) => runCampaignJobs({ db: t.database.db, secret: TEST_SECRET }, at(day));

const call = apiCaller(() => t.app, cookie);

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'anonymity');
  for (const role of ['director', 'admin', 'manager', 'member'] as const)
    cookie[role] = await signIn(t.app, f.people[role].email);
  cookie.outsider = await signIn(t.app, f.outsider.email);
  const team = async (name: string) => {
    const res = await call('admin', 'POST', '/teams', { name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  receptieId = await team('Receptie');
  keukenId = await team('Keuken');
  for (let i = 0; i < 7; i++) {
    const p = await addFixturePerson(t.database.db, f, `receptie-${i}`, ['member'], receptieId, false);
    receptie.push(p);
    cookie[`receptie-${i}`] = await signIn(t.app, p.email);
  }
  for (let i = 0; i < 6; i++) {
    const p = await addFixturePerson(t.database.db, f, `keuken-${i}`, ['member'], keukenId, false);
    keuken.push(p);
    cookie[`keuken-${i}`] = await signIn(t.app, p.email);
  }
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function launch(
  title: string,
  audience: { all: boolean; teamIds?: string[]; roles?: string[] },
  questionKeys: string[],
  over: object = {},
): Promise<CampaignDetail> {
  const res = await call('director', 'POST', '/campaigns', {
    title,
    opensOn: today(),
    closesOn: addDays(today(), 14),
    audience: { teamIds: [], roles: [], ...audience },
    questionKeys,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function answer(who: string, campaign: CampaignDetail, value: number) {
  const res = await call(who, 'PUT', `/campaigns/${campaign.id}/answers`, {
    answers: campaign.questions.map((q) => ({ questionId: q.id, value })),
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function close(campaign: CampaignDetail) {
  const res = await call('director', 'POST', `/campaigns/${campaign.id}/close`);
  expect(res.statusCode, res.body).toBe(200);
}

/** Everything the director can see of a closed round: every group's figures per question, also as the trend of later rounds. */
async function everythingShown(campaignIds: string[]) {
  const shown = new Map<string, { campaignId: string; group: string; questionKey: string; figures: Figures }>();
  const see = (campaignId: string, group: string, questionKey: string, figures: Figures) => {
    const key = `${campaignId}|${group}|${questionKey}`;
    // Every view of a figure shows the same figure.
    if (shown.has(key)) expect(figures).toMatchObject(shown.get(key)!.figures);
    else shown.set(key, { campaignId, group, questionKey, figures });
  };
  for (const id of campaignIds) {
    const first = (await call('director', 'GET', `/campaigns/${id}/results`)).json() as CampaignResults;
    for (const g of first.groups) {
      const res = (await call('director', 'GET', `/campaigns/${id}/results?group=${g.key}`)).json() as CampaignResults;
      for (const q of res.questions) {
        if (q.figures.status === 'shown') see(id, g.key, q.key, q.figures);
        for (const { campaignId, title: _t, closesOn: _c, ...figures } of q.trend)
          if (figures.status === 'shown') see(campaignId, g.key, q.key, figures);
      }
    }
  }
  return [...shown.values()];
}

/** Who was in which group in each round, as the org chart tells (the audience fixed at the opening). */
async function placements(campaignIds: string[]) {
  const { rows } = await t.database.db.execute<{
    campaign_id: string;
    member_id: string;
    level: string;
    team_ids: string[];
  }>(sql`
    select campaign_id, member_id, level, team_ids from campaign_audience where campaign_id = any(${sql.param(campaignIds)}::uuid[])`);
  return rows;
}

const inGroup = (p: { level: string; team_ids: string[] }, key: string) => {
  if (key === 'org') return true;
  const level = /^level:(\w+)$/.exec(key);
  if (level) return p.level === level[1];
  const team = /^team:([0-9a-f-]{36})(?::level:(\w+))?$/.exec(key)!;
  return p.team_ids.includes(team[1]!) && (!team[2] || p.level === team[2]);
};

/**
 * The attacker across rounds: takes everyone to answer the same question the same way in every round
 * (which is what makes differencing work) and everyone asked to have answered, and asks which sets of
 * 1..K-1 people's answers follow from the figures shown by adding and subtracting them.
 */
async function singledOut(
  campaignIds: string[],
  figures: { campaignId: string; group: string; questionKey?: string }[],
) {
  const placed = await placements(campaignIds);
  const people = [...new Set(placed.map((p) => p.member_id))];
  const found: string[][] = [];
  // Figures of one question are set side by side (an answer to another question is another unknown).
  for (const key of new Set(figures.map((x) => x.questionKey))) {
    const span = new ExactSpan();
    for (const { campaignId, group } of figures.filter((x) => x.questionKey === key)) {
      span.add(
        people.map((m) =>
          placed.some((p) => p.campaign_id === campaignId && p.member_id === m && inGroup(p, group)) ? 1 : 0,
        ),
      );
    }
    for (const set of subsets(people.length, K - 1))
      if (span.holds(people.map((_, i) => (set.includes(i) ? 1 : 0)))) found.push(set.map((i) => people[i]!));
  }
  return found;
}

describe('differencing across rounds', () => {
  it('withholds a round whose audience is an earlier round’s plus one person (Receptie, then Receptie and the director)', async () => {
    // The attack: round A to Receptie (7), round B to Receptie and the director (8), same question.
    const a = await launch('Ronde A', { all: false, teamIds: [receptieId] }, ['leadership.support']);
    const votes = [4, 4, 4, 4, 5, 5, 5];
    for (const [i, v] of votes.entries()) await answer(`receptie-${i}`, a, v);
    await close(a);
    const b = await launch('Ronde B', { all: false, teamIds: [receptieId], roles: ['director'] }, [
      'leadership.support',
    ]);
    for (const [i, v] of votes.entries()) await answer(`receptie-${i}`, b, v);
    await answer('director', b, 1);
    await close(b);

    const orgOf = async (id: string) =>
      ((await call('director', 'GET', `/campaigns/${id}/results?group=org`)).json() as CampaignResults).questions[0]!;
    const orgA = await orgOf(a.id);
    const orgB = await orgOf(b.id);
    expect(orgA.figures.distribution).toEqual([0, 0, 0, 4, 3]);
    // Before the fix B gave [1,0,0,4,3]: B − A is the director's answer. Now B's figure is withheld, and says why.
    expect(orgB.figures).toEqual({
      status: 'earlier_round',
      respondents: null,
      average: null,
      distribution: null,
      promoterScore: null,
    });
    expect(orgB.trend.map((p) => p.distribution)).toEqual([[0, 0, 0, 4, 3]]);
    // Nothing else shown of the two rounds, nor the CSV, gives it away either.
    const shown = await everythingShown([a.id, b.id]);
    expect(await singledOut([a.id, b.id], shown)).toEqual([]);
    const csv = (await call('director', 'GET', `/campaigns/${b.id}/results.csv`)).body.trim().split('\r\n');
    expect(csv).toHaveLength(1 + shown.filter((s) => s.campaignId === b.id).length);
    // The attacker's tool does find the director when both organisation figures are shown (so this test can fail).
    expect(
      await singledOut(
        [a.id, b.id],
        [
          { campaignId: a.id, group: 'org' },
          { campaignId: b.id, group: 'org' },
        ],
      ),
    ).toEqual([[f.people.director.memberId]]);
  });

  it('withholds what changed by fewer than the threshold when someone joins a team or leaves, in any group, also beside a round with a later last day', async () => {
    const everyone = { all: true };
    const value = (who: string) => 1 + (who.length % 5);
    const answerAll = async (campaign: CampaignDetail, who: string[]) => {
      for (const w of who) await answer(w, campaign, value(w));
      await close(campaign);
    };
    const staff = ['director', 'admin', 'manager', 'member', 'outsider', ...keuken.map((_, i) => `keuken-${i}`)];
    const all = [...staff, ...receptie.map((_, i) => `receptie-${i}`)];
    const status = async (id: string, group: string) =>
      ((await call('director', 'GET', `/campaigns/${id}/results?group=${group}`)).json() as CampaignResults)
        .questions[0]!.figures.status;

    // Round C to everyone; then the outsider joins Keuken and a member of Receptie leaves; round E.
    const c = await launch('Ronde C', everyone, ['mandate.room']);
    await answerAll(c, all);
    expect(
      (await call('admin', 'PUT', `/teams/${keukenId}/members/${f.outsider.memberId}`, { isManager: false }))
        .statusCode,
    ).toBe(200);
    expect((await call('admin', 'POST', `/members/${receptie[6]!.memberId}/deactivate`)).statusCode).toBe(200);
    const now = all.filter((who) => who !== 'receptie-6');
    const e = await launch('Ronde E', everyone, ['mandate.room']);
    await answerAll(e, now);
    // Keuken grew by one and the organisation lost one: beside C, both would give that person away.
    expect(await status(c.id, `team:${keukenId}`)).toBe('shown');
    expect(await status(c.id, 'org')).toBe('shown');
    expect(await status(e.id, `team:${keukenId}`)).toBe('earlier_round');
    expect(await status(e.id, 'org')).toBe('earlier_round');

    // Round D (last day in 20 days) closes early; then the member joins Keuken, and round F (last day in
    // 14 days, so before D's) closes after it: it is checked beside D all the same.
    const d = await launch('Ronde D', everyone, ['customer.recommend'], { closesOn: addDays(today(), 20) });
    await answerAll(d, now);
    expect(
      (await call('admin', 'PUT', `/teams/${keukenId}/members/${f.people.member.memberId}`, { isManager: false }))
        .statusCode,
    ).toBe(200);
    const later = await launch('Ronde F', everyone, ['customer.recommend']);
    await answerAll(later, now);
    expect(await status(d.id, `team:${keukenId}`)).toBe('shown');
    expect(await status(later.id, `team:${keukenId}`)).toBe('earlier_round');

    // Whatever else is shown of the four rounds, no combination singles anyone out.
    const rounds = [c.id, e.id, d.id, later.id];
    const shown = await everythingShown(rounds);
    expect(shown.length).toBeGreaterThan(4);
    expect(await singledOut(rounds, shown)).toEqual([]);
  });
});

describe('reminders', () => {
  it('reminds everyone asked alike, so no notice, export or count tells who had not answered', async () => {
    const opensOn = addDays(today(), 1);
    const campaign = await launch('Herinnering', { all: false, teamIds: [keukenId] }, ['values.known'], {
      opensOn,
      closesOn: addDays(opensOn, 3),
      reminderDays: [1],
    });
    expect((await jobs(opensOn)).opened).toBe(1);
    const opened = (await call('keuken-0', 'GET', `/campaigns/${campaign.id}`)).json() as CampaignDetail;
    // Keuken answers but keuken-0 (and whoever joined Keuken in the tests above).
    for (let i = 1; i < 6; i++) await answer(`keuken-${i}`, opened, 4);
    expect((await jobs(addDays(opensOn, 2))).reminded).toBe(opened.audienceSize);

    // The administrator reads both people's data (after they leave, as the export is meant for).
    const remindersOf = async (p: FixturePerson) => {
      expect((await call('admin', 'POST', `/members/${p.memberId}/deactivate`)).statusCode).toBe(200);
      const file = await call('admin', 'GET', `/members/${p.memberId}/export`);
      expect(file.statusCode, file.body).toBe(200);
      return (file.json().notifications as { kind: string; data: { campaignId: string } }[])
        .filter((n) => n.data.campaignId === campaign.id)
        .map((n) => ({ kind: n.kind, data: n.data }));
    };
    // The stored notices themselves: before the fix only keuken-0 had a campaign_reminder.
    const stored = async (p: FixturePerson) => {
      const { rows } = await t.database.db.execute<{ kind: string; data: unknown }>(
        sql`select kind, data from notifications where member_id = ${p.memberId} and data->>'campaignId' = ${campaign.id} order by kind`,
      );
      return rows.map((n) => ({ kind: n.kind, data: n.data }));
    };
    const storedNotAnswered = await stored(keuken[0]!);
    expect(storedNotAnswered.map((n) => n.kind)).toEqual(['campaign_open', 'campaign_reminder']);
    expect(await stored(keuken[1]!)).toEqual(storedNotAnswered);
    // The file an administrator takes leaves reminders out all the same (older ones went to who had not answered).
    const notAnswered = await remindersOf(keuken[0]!);
    const answered = await remindersOf(keuken[1]!);
    expect(notAnswered.map((n) => n.kind)).toEqual(['campaign_open']);
    expect(answered).toEqual(notAnswered);
    // Nor does the database keep how many had not answered that day.
    const { rows } = await t.database.db.execute<{ sent: number }>(
      sql`select sent from campaign_reminder_runs where campaign_id = ${campaign.id}`,
    );
    expect(rows).toEqual([{ sent: opened.audienceSize }]);
  });
});

describe('the live response', () => {
  it('does not move when one person answers: steps at least the threshold wide, as they stood at the start of the day', async () => {
    // Asked: Receptie (6 since one left) and the fixture's team (its manager and member): 8.
    const campaign = await launch('Respons', { all: false, teamIds: [receptieId, f.teamId] }, [
      'communication.changes',
    ]);
    const everyone = ['manager', 'member', ...receptie.slice(0, 5).map((_, i) => `receptie-${i}`)];
    const look = async () => ({
      participation: (await call('director', 'GET', `/campaigns/${campaign.id}/participation`)).json(),
      detail: ((await call('director', 'GET', `/campaigns/${campaign.id}`)).json() as CampaignDetail).responseRate,
      list: ((await call('director', 'GET', '/campaigns')).json().items as CampaignSummary[]).find(
        (c) => c.id === campaign.id,
      )!.responseRate,
    });
    const first = await look();
    // Before the fix the organisation's count went 0 → 1 → 2 … right after each answer.
    for (const who of everyone) {
      await answer(who, campaign, 3);
      expect(await look(), who).toEqual(first);
    }
    expect(first.participation.asOf).toBe(today());
    // The next day's figure: a step that holds the count and is at least K wide, never the count itself.
    expect((await jobs(addDays(today(), 1))).responses).toBeGreaterThan(0);
    const next = await look();
    expect(next.participation.asOf).toBe(addDays(today(), 1));
    const org = next.participation.groups.find((g: { key: string }) => g.key === 'org');
    expect(org.status).toBe('shown');
    expect(org.audience).toBe(8);
    expect(org.response.min).toBeLessThanOrEqual(everyone.length);
    expect(org.response.max - org.response.min + 1).toBeGreaterThanOrEqual(K);
    expect(next.detail).toEqual(next.list);
    // Taken once a day: a later run the same day, after another answer, changes nothing.
    await answer('receptie-5', campaign, 3);
    expect((await jobs(addDays(today(), 1))).responses).toBe(0);
    expect(await look()).toEqual(next);
    // The stored figure is the step, never the count.
    const { rows } = await t.database.db.execute<{ respondents: number | null }>(sql`
      select respondents from campaign_participation where campaign_id = ${campaign.id} and group_key = 'org'`);
    expect(rows[0]!.respondents).toBe(org.response.min);
  });

  it('keeps who answered out of the request log (no address beside an answer, however the path is spelled)', async () => {
    const campaign = ((await call('member', 'GET', '/campaigns')).json().items as CampaignSummary[]).find(
      (c) => c.title === 'Respons',
    )!;
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/campaigns/${campaign.id}/%61nswers`,
      payload: { answers: [] },
      headers: { cookie: cookie.member! },
    });
    const answers = t.logs.filter((l) => /\/(answers|%61nswers)/i.test(l));
    expect(answers.some((l) => l.includes('%61nswers'))).toBe(true);
    expect(answers.length).toBeGreaterThan(0);
    for (const line of answers) expect(JSON.parse(line).req?.ip).toBeUndefined();
  });
});

// Core questions on a large organisation: 20,000 people in 60 teams answer rounds of 30 questions
// (24 from the bank and 6 of the organisation's own). Between rounds people change: 1 in 100 moves to
// another team, 1 in 200 leaves, a third of those who left come back. For each round it prints how long
// launching (fixing the audience) and closing (results per question and group under the disclosure rule,
// keys erased) take, and what the rule costs: the round's results planned in the app's own code (and
// rolled back) with the rule as it was (within the round, over those who answered) and as it is (also
// over the people asked and beside every earlier round with the same questions), with the figures each
// withholds. Then p50/p95 of the warm results views of the last round: the organisation, a level, a
// team, a team × level, the CSV, the response, the campaign list.
// Run: npx tsx bench/questions.ts [members] [requests] [earlier rounds]
import { performance } from 'node:perf_hooks';
import { ballotKeyer } from '../src/server/modules/questions/ballots';
import { planResults } from '../src/server/modules/questions/closing.service';
import { addPeople } from './data';
import { ms, startApp, timed } from './harness';

const MEMBERS = Number(process.argv[2] ?? 20_000);
const REQUESTS = Number(process.argv[3] ?? 40);
const EARLIER = Number(process.argv[4] ?? 4);
const TEAMS = 60;
// The bench knows the secret so it can write ballots the way the app does (keyed per member).
const SECRET = 'bench-secret-for-core-questions-0123456789';
process.env.AUTH_SECRET = SECRET;

const bench = await startApp(3964, 'questions');
const { q } = bench;
try {
  const started = performance.now();
  const { rows: orgRows } = await q(`select id from organizations limit 1`);
  const orgId = orgRows[0].id as string;
  // One in 50 is a manager, one in 2,000 a director; the rest are staff. Everyone in one team; the first
  // manager of each team leads it; one in 10 is also in a second team.
  await addPeople(q, orgId, { members: MEMBERS, teams: TEAMS, levels: true, secondTeams: true });
  console.log(`${MEMBERS} people in ${TEAMS} teams: ${ms(performance.now() - started)}`);

  const anna = await bench.signIn('anna@dekroon.example');
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${bench.base}${url}`, {
      method: 'POST',
      headers: { cookie: anna, 'content-type': 'application/json', origin: bench.base },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const own: string[] = [];
  for (let i = 0; i < 6; i++)
    own.push(
      (
        await post('/api/v1/questions/bank', {
          theme: 'values',
          kind: i === 5 ? 'open' : 'agree5',
          text: { nl: `Eigen vraag ${i + 1}` },
        })
      ).key,
    );
  const bank = (
    await (await fetch(`${bench.base}/api/v1/questions/bank`, { headers: { cookie: anna } })).json()
  ).items.filter((x: { own: boolean }) => !x.own);
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const closesOn = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(
    new Date(Date.now() + 14 * 86_400_000),
  );
  const [{ k, k_texts: kTexts }] = (
    await q(`select results_min_group as k, results_min_texts as k_texts from organizations where id = $1`, [orgId])
  ).rows;

  /** The round's results as the close would store them, planned and rolled back; how long it took and what it withheld. */
  const plan = async (campaignId: string, acrossRounds: boolean) => {
    const t0 = performance.now();
    const withheld = new Map<string, number>();
    await bench.database.db
      .transaction(async (tx) => {
        const planned = await planResults(tx, SECRET, orgId, campaignId, k, kTexts, acrossRounds);
        for (const r of planned.resultRows) {
          const kind =
            r.groupKey === 'org'
              ? 'org'
              : r.groupKey.startsWith('level:')
                ? 'level'
                : r.groupKey.includes(':level:')
                  ? 'team×level'
                  : 'team';
          const key = `${r.status} (${kind})`;
          withheld.set(key, (withheld.get(key) ?? 0) + 1);
        }
        tx.rollback();
      })
      .catch((err) => {
        if (!/rollback/i.test(String(err))) throw err;
      });
    return {
      ms: performance.now() - t0,
      statuses: [...withheld]
        .sort()
        .map(([status, n]) => `${status} ${n}`)
        .join(', '),
    };
  };

  let campaign: { id: string; audienceSize: number; questions: unknown[] } | undefined;
  for (let round = 0; round <= EARLIER; round++) {
    if (round > 0) {
      // Between rounds: 1 in 100 moves to another team, 1 in 200 leaves, a third of those who left come back.
      const { rowCount: moved } = await q(
        `with movers as (
           delete from team_members tm where tm.org_id = $1 and not tm.is_manager and abs(hashtext(tm.member_id::text || tm.team_id::text || $2)) % 100 = 0
           returning member_id, team_id)
         insert into team_members (org_id, team_id, member_id, is_manager)
         select $1, (select t.id from teams t where t.org_id = $1 and t.id <> m.team_id and t.name like 'Bench team %' order by md5(t.id::text || m.member_id::text || $2) limit 1), m.member_id, false
           from movers m
         on conflict do nothing`,
        [orgId, `round${round}`],
      );
      const { rowCount: back } = await q(
        `update members set status = 'active' where org_id = $1 and status = 'deactivated' and abs(hashtext(id::text || $2)) % 3 = 0`,
        [orgId, `back${round}`],
      );
      const { rowCount: left } = await q(
        `update members set status = 'deactivated' where org_id = $1 and status = 'active' and user_id like 'bench-%' and abs(hashtext(id::text || $2)) % 200 = 0`,
        [orgId, `left${round}`],
      );
      console.log(`between rounds: ${moved} moved team, ${left} left, ${back} came back`);
    }
    let t0 = performance.now();
    campaign = await post('/api/v1/campaigns', {
      title: `Bench ${round + 1}`,
      opensOn: today,
      closesOn,
      audience: { all: true },
      questionKeys: [...bank.map((x: { key: string }) => x.key), ...own],
    });
    console.log(
      `round ${round + 1}: launch (${campaign!.audienceSize} people asked, ${campaign!.questions.length} questions): ${ms(performance.now() - t0)}`,
    );

    // Everyone answers (9 in 10 answer each question, a third write an open text), written as the app writes them.
    t0 = performance.now();
    const { rows: audience } = await q(`select member_id from campaign_audience where campaign_id = $1`, [
      campaign!.id,
    ]);
    const keyOf = ballotKeyer(SECRET, campaign!.id);
    const keys = audience.map((r: { member_id: string }) => keyOf(r.member_id));
    for (let i = 0; i < keys.length; i += 5000) {
      await q(`insert into campaign_ballots (org_id, campaign_id, ballot_key) select $1, $2, unnest($3::text[])`, [
        orgId,
        campaign!.id,
        keys.slice(i, i + 5000),
      ]);
    }
    // Fresh statistics first: the foreign-key checks of the answers are planned from them.
    await q(`analyze campaign_ballots`);
    await q(
      `insert into campaign_answers (org_id, campaign_id, ballot_id, question_id, value, text)
       select b.org_id, b.campaign_id, b.id, cq.id,
              case cq.kind when 'agree5' then 1 + abs(hashtext(b.id::text || cq.id::text)) % 5 when 'scale10' then abs(hashtext(b.id::text || cq.id::text)) % 11 end,
              case when cq.kind = 'open' then 'Antwoord ' || abs(hashtext(b.id::text)) % 1000 end
         from campaign_ballots b join campaign_questions cq on cq.org_id = b.org_id and cq.campaign_id = b.campaign_id
        where b.campaign_id = $1
          and abs(hashtext(cq.id::text || b.id::text)) % 10 <> 0
          and (cq.kind <> 'open' or abs(hashtext(b.id::text || 'open')) % 3 = 0)`,
      [campaign!.id],
    );
    const { rows: answerCount } = await q(`select count(*)::int as n from campaign_answers where campaign_id = $1`, [
      campaign!.id,
    ]);
    await q(`vacuum analyze campaign_answers`);
    console.log(`  ${answerCount[0].n} answers written: ${ms(performance.now() - t0)}`);

    const before = await plan(campaign!.id, false);
    const after = await plan(campaign!.id, true);
    console.log(
      `  results planned, the rule within the round over those who answered (as before rounds were compared with each other): ${ms(before.ms)} — ${before.statuses}`,
    );
    console.log(
      `  results planned, also over the people asked and beside ${round} earlier round(s): ${ms(after.ms)} — ${after.statuses}`,
    );
    console.log(`  the no-difference check's added cost: ${ms(after.ms - before.ms)}`);

    t0 = performance.now();
    await post(`/api/v1/campaigns/${campaign!.id}/close`, {});
    console.log(
      `  close (results per question and group, disclosure rule, keys erased): ${ms(performance.now() - t0)}`,
    );
  }

  const { rows: team } = await q(`select id from teams where org_id = $1 and name = 'Bench team 1'`, [orgId]);
  const teamKey = `team:${team[0].id}`;
  const results = (group: string) =>
    bench.get(`/api/v1/campaigns/${campaign!.id}/results?group=${encodeURIComponent(group)}`, anna);
  const views: [string, () => Promise<void>][] = [
    ['results, whole organisation', results('org')],
    ['results, one level (staff)', results('level:staff')],
    ['results, one team', results(teamKey)],
    ['results, one team × level', results(`${teamKey}:level:staff`)],
    ['CSV of every group', bench.get(`/api/v1/campaigns/${campaign!.id}/results.csv`, anna)],
    ['response per group', bench.get(`/api/v1/campaigns/${campaign!.id}/participation`, anna)],
    ['campaign list', bench.get(`/api/v1/campaigns`, anna)],
  ];
  for (const [name, run] of views) {
    const t = await timed(run, REQUESTS);
    console.log(`${name}: p50 ${ms(t.p50)}, p95 ${ms(t.p95)} (goal: p95 under 200 ms)`);
  }
} finally {
  await bench.stop();
}

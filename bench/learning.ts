// The what-works and conversation views on a large organisation: 1 million extras, 5,000 members,
// 300 teams, over two years. Prints p50/p95 of the warm HTTP requests and of the plain SQL of the
// same aggregates (straight over the extras of the period, no HTTP, no app, no day sums), and their ratio.
// Run: npx tsx bench/learning.ts [extras] [requests]
import { performance } from 'node:perf_hooks';
import { selectLocalDayStart } from '../src/server/lib/days';
import * as read from '../src/server/modules/learning/extras.read-model';
import { addExtras, addPeople } from './data';
import { compareWithSql, startApp } from './harness';

const EXTRAS = Number(process.argv[2] ?? 1_000_000);
const REQUESTS = Number(process.argv[3] ?? 40);
const MEMBERS = 5000;
const TEAMS = 300;

const bench = await startApp(3961, 'learning');
const { database, q } = bench;
try {
  // ---------- the data: the demo hotel grows to 5,000 people in 300 teams with a million extras ----------
  const started = performance.now();
  const { rows: orgRows } = await q(`select id from organizations limit 1`);
  const orgId = orgRows[0].id as string;
  const people = await addPeople(q, orgId, { members: MEMBERS, teams: TEAMS });
  // Pieter manages the first bench team too.
  const { rows: pieter } = await q(
    `select m.id from members m join auth_user u on u.id = m.user_id where u.email = 'pieter@dekroon.example'`,
  );
  const { rows: firstTeam } = await q(`select id from teams where org_id = $1 and name = 'Bench team 1'`, [orgId]);
  const teamId = firstTeam[0].id as string;
  await q(`insert into team_members (org_id, team_id, member_id, is_manager) values ($1, $2, $3, true)`, [
    orgId,
    teamId,
    pieter[0].id,
  ]);
  await addExtras(q, orgId, people, EXTRAS);
  console.log(
    `\ndata ready in ${((performance.now() - started) / 1000).toFixed(0)} s: ${EXTRAS} extras, ${MEMBERS} members, ${TEAMS} teams`,
  );

  // ---------- the app, warm ----------
  const director = await bench.signIn('anna@dekroon.example');
  const manager = await bench.signIn('pieter@dekroon.example');
  const get = bench.get;
  const today = new Date().toISOString().slice(0, 10);
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const from90 = daysAgo(89);
  const from28 = daysAgo(27);

  const { rows: tz } = await q(`select time_zone from organizations where id = $1`, [orgId]);
  const timeZone = tz[0].time_zone as string;
  const db = database.db;
  const range = async (from: string) => ({
    start: await selectLocalDayStart(db, timeZone, from, 0),
    end: await selectLocalDayStart(db, timeZone, today, 1),
  });
  const r90 = await range(from90);
  const r28 = await range(from28);

  // The plain SQL of the same aggregates, straight over the extras of the period.
  const plain = (teamId: string | null, from: Date, to: Date) => {
    const where = `e.org_id = $1 and e.deleted_at is null and e.occurred_at >= $2 and e.occurred_at < $3${teamId ? ' and e.team_ids @> array[$4]::uuid[]' : ''}`;
    const params = [orgId, from, to, ...(teamId ? [teamId] : [])];
    const sums = `count(*), count(e.reaction_score), sum(e.reaction_score), sum(e.reaction_score * e.reaction_score), count(*) filter (where e.reaction_score >= 4)`;
    return Promise.all([
      q(
        `select e.kind, klantwerk_cost_band(e.cost_cents), ${sums} from extras e where ${where} group by grouping sets ((e.kind), (klantwerk_cost_band(e.cost_cents)), ())`,
        params,
      ),
      q(`select v, ${sums} from extras e, unnest(e.value_ids) v where ${where} group by v`, params),
      q(
        `select w, ${sums} from extras e, unnest(tsvector_to_array(e.occasion_tsv)) w where ${where} group by w having count(*) >= 5`,
        params,
      ),
    ]);
  };

  const cases: { name: string; http: () => Promise<void>; sql: () => Promise<unknown> }[] = [
    {
      name: 'what works, whole organisation, 90 days',
      http: get(`/api/v1/what-works?from=${from90}&to=${today}`, director),
      sql: () => plain(null, r90.start, r90.end),
    },
    {
      name: 'what works, one team, 90 days',
      http: get(`/api/v1/what-works?teamId=${teamId}&from=${from90}&to=${today}`, manager),
      sql: () => plain(teamId, r90.start, r90.end),
    },
    {
      name: 'conversation view, one team, 4 weeks',
      http: get(`/api/v1/teams/${teamId}/conversation?from=${from28}&to=${today}`, manager),
      sql: () =>
        Promise.all([
          read.selectTeamFigures(db, orgId, teamId, r28.start, r28.end),
          read.selectTeamStories(db, orgId, teamId, r28.start, r28.end, 200),
        ]),
    },
  ];
  await compareWithSql(cases, REQUESTS, 150);
} finally {
  await bench.stop();
}

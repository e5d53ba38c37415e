// The chain and the team figures on a large organisation: 200,000 promises with 1 million steps over
// two years, 60 teams, 3,000 people. Prints p50/p95 of the warm HTTP requests and of the plain SQL of
// the same aggregates (no HTTP, no app), and their ratio.
// Run: npx tsx bench/promises.ts [promises] [requests]
import { performance } from 'node:perf_hooks';
import { addPeople, addPromises, chainSql } from './data';
import { compareWithSql, startApp } from './harness';

const PROMISES = Number(process.argv[2] ?? 200_000);
const REQUESTS = Number(process.argv[3] ?? 40);
const STEPS_PER_PROMISE = 5;
const MEMBERS = 3000;
const TEAMS = 60;

const bench = await startApp(3962, 'promises');
const { q } = bench;
try {
  const started = performance.now();
  const { rows: orgRows } = await q(`select id from organizations limit 1`);
  const orgId = orgRows[0].id as string;
  const people = await addPeople(q, orgId, { members: MEMBERS, teams: TEAMS });
  await addPromises(q, orgId, people, PROMISES, STEPS_PER_PROMISE);
  const { rows: counts } = await q(
    `select (select count(*) from promises)::int as p, (select count(*) from promise_steps)::int as s, (select count(*) from step_ratings)::int as r, (select count(*) from handoff_day_sums)::int as d`,
  );
  console.log(
    `data ready in ${((performance.now() - started) / 1000).toFixed(0)} s: ${counts[0].p} promises, ${counts[0].s} steps, ${counts[0].r} ratings, ${TEAMS} bench teams, ${counts[0].d} day-sum rows`,
  );

  const director = await bench.signIn('anna@dekroon.example');
  const { rows: teamRows } = await q(`select id from bench_team where i = 0`);
  const teamId = teamRows[0].id as string;
  const today = new Date().toISOString().slice(0, 10);
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const from90 = daysAgo(89);
  const firstOfMonth = (monthsBack: number) => {
    const d = new Date();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1)).toISOString().slice(0, 10);
  };
  const from6m = firstOfMonth(5);
  const endOfMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 0))
    .toISOString()
    .slice(0, 10);

  // The plain SQL: the same aggregates as straight queries, no app.
  const chainPlain = () => chainSql(q, orgId, from90, today, today);
  const figuresSql = () =>
    Promise.all([
      q(
        `select date_trunc('month', due_date), count(*) filter (where outcome is not null or due_date < $4::date), count(*) filter (where outcome = 'kept')
           from promises where org_id = $1 and owner_team_id = $5 and due_date between $2 and $3 group by 1`,
        [orgId, from6m, endOfMonth, today, teamId],
      ),
      q(
        `select date_trunc('month', due_date), count(*) filter (where done_on is not null or due_date < $4::date), count(*) filter (where done_on <= due_date)
           from promise_steps where org_id = $1 and team_id = $5 and kind = 'handoff' and due_date between $2 and $3 group by 1`,
        [orgId, from6m, endOfMonth, today, teamId],
      ),
      q(
        `select date_trunc('month', handoff_day), count(*), avg(score) from step_ratings where org_id = $1 and giver_team_id = $4 and handoff_day between $2 and $3 group by 1`,
        [orgId, from6m, endOfMonth, teamId],
      ),
      q(
        `select date_trunc('month', handoff_day), count(*), avg(score) from step_ratings where org_id = $1 and receiver_team_id = $4 and handoff_day between $2 and $3 group by 1`,
        [orgId, from6m, endOfMonth, teamId],
      ),
    ]);

  const cases = [
    {
      name: 'the chain, whole organisation, 90 days',
      http: bench.get(`/api/v1/chain?from=${from90}&to=${today}`, director),
      sql: chainPlain,
    },
    {
      name: 'team figures, one team, 6 months',
      http: bench.get(`/api/v1/team-figures?teamId=${teamId}&months=6`, director),
      sql: figuresSql,
    },
  ];
  await compareWithSql(cases, REQUESTS, 150);
} finally {
  await bench.stop();
}

// The chain and the team figures on a large organisation: 200,000 promises with 1 million steps over
// two years, 60 teams, 3,000 people. Prints p50/p95 of the warm HTTP requests and of the plain SQL of
// the same aggregates (no HTTP, no app), and their ratio.
// Run: npx tsx bench/promises.ts [promises] [requests]
import { performance } from 'node:perf_hooks';
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
  await q(`insert into teams (org_id, name) select $1, 'Bench team ' || g from generate_series(1, ${TEAMS}) g`, [orgId]);
  await q(`insert into auth_user (id, name, email, email_verified) select 'bench-' || g, 'Collega ' || g, 'collega' || g || '@bench.example', true from generate_series(1, ${MEMBERS}) g`);
  await q(`insert into members (org_id, user_id, roles) select $1, 'bench-' || g, '{member}' from generate_series(1, ${MEMBERS}) g`, [orgId]);
  await q(
    `insert into team_members (org_id, team_id, member_id, is_manager)
     select $1, t.id, m.id, false
       from (select id, row_number() over (order by id) - 1 as i from members where org_id = $1 and user_id like 'bench-%') m
       join (select id, row_number() over (order by name) - 1 as i from teams where org_id = $1 and name like 'Bench team %') t on t.i = m.i % ${TEAMS}`,
    [orgId],
  );
  await q(`create temporary table bench_team as select id, row_number() over (order by name) - 1 as i from teams where org_id = $1 and name like 'Bench team %'`, [orgId]);
  await q(`create temporary table bench_member as
           select m.id, tm.team_id, row_number() over (order by m.id) - 1 as i
             from members m join team_members tm on tm.org_id = m.org_id and tm.member_id = m.id where m.org_id = $1 and m.user_id like 'bench-%'`, [orgId]);
  await q(`insert into customers (org_id, name) select $1, 'Klant ' || g from generate_series(1, 5000) g`, [orgId]);
  await q(`create temporary table bench_customer as select id, row_number() over (order by id) - 1 as i from customers where org_id = $1`, [orgId]);

  // Promises made over two years; each has five hand-offs along the route of the maker's team (every
  // team has its own run of five others, so each team works with a handful of teams), due days apart.
  const chunk = 50_000;
  for (let done = 0; done < PROMISES; done += chunk) {
    const n = Math.min(chunk, PROMISES - done);
    await q(
      `insert into promises (org_id, id, customer_id, what, due_date, owner_team_id, made_by, maker_team_id, breaches, delivered_on, outcome, created_at)
       select $1, gen_random_uuid(), c.id, 'Afspraak ' || g, d.due, t.id, m.id, m.team_id,
              case when g % 11 = 0 then '[{"code":"lead_time","days":3,"minimumDays":7}]'::jsonb else '[]'::jsonb end,
              case when d.due < current_date and g % 9 <> 0 then d.due - (g % 2)::int end,
              case when d.due < current_date and g % 9 <> 0 then case when g % 5 = 0 then 'broken' else 'kept' end end,
              d.due - 20
         from generate_series(${done + 1}::bigint, ${done + n}::bigint) g
         join bench_member m on m.i = g % ${MEMBERS}
         join bench_team t on t.i = (g * 7) % ${TEAMS}
         join bench_customer c on c.i = g % 5000
         cross join lateral (select (current_date + 30 - ((g * 7919) % 760)::int) as due) d`,
      [orgId],
    );
    process.stdout.write(`\rpromises: ${done + n} of ${PROMISES}`);
  }
  console.log();
  // Bulk load: the day-sum triggers are set aside and the sums rebuilt once at the end.
  await q(`alter table promise_steps disable trigger promise_steps_day_sums_insert_delete`);
  await q(`alter table step_ratings disable trigger step_ratings_day_sums`);
  await q(`create temporary table bench_promise as select id, due_date, made_by, maker_team_id, row_number() over (order by id) as g from promises where org_id = $1 and what like 'Afspraak %'`, [orgId]);
  for (let position = 0; position < STEPS_PER_PROMISE; position++) {
    await q(
      `insert into promise_steps (org_id, promise_id, position, kind, team_id, receiver_team_id, what, due_date, accepted_at, done_on, done_at)
       select $1, p.id, ${position}, 'handoff', t.id, coalesce(r.id, p.maker_team_id), 'Stap ${position + 1}', s.due,
              case when s.done is not null then s.done::timestamptz end, s.done, s.done::timestamptz
         from bench_promise p
         join bench_team mt on mt.id = p.maker_team_id
         join bench_team t on t.i = (mt.i * 7 + ${position + 1} * 11) % ${TEAMS}
         left join bench_team r on ${position} < ${STEPS_PER_PROMISE - 1} and r.i = (mt.i * 7 + ${position + 2} * 11) % ${TEAMS}
         cross join lateral (select p.due_date - ${(STEPS_PER_PROMISE - 1 - position) * 3} as due) d
         cross join lateral (select d.due as due, case when d.due < current_date then d.due + case when (p.g + ${position}) % 8 = 0 then 2 else 0 end end as done) s`,
      [orgId],
    );
    process.stdout.write(`\rsteps: ${(position + 1) * PROMISES} of ${STEPS_PER_PROMISE * PROMISES}`);
  }
  console.log();
  // The receiving team rated about a third of the hand-offs it got.
  await q(
    `insert into step_ratings (org_id, step_id, giver_team_id, receiver_team_id, handoff_day, score, by)
     select s.org_id, s.id, s.team_id, s.receiver_team_id, s.done_on, (1 + abs(hashtext(s.id::text)) % 5)::smallint, m.id
       from promise_steps s join bench_member m on m.i = abs(hashtext(s.id::text)) % ${MEMBERS}
      where s.org_id = $1 and s.what like 'Stap %' and s.done_on is not null and s.receiver_team_id is not null and abs(hashtext(s.id::text)) % 3 = 0`,
    [orgId],
  );
  await q(`alter table promise_steps enable trigger promise_steps_day_sums_insert_delete`);
  await q(`alter table step_ratings enable trigger step_ratings_day_sums`);
  await q(`select klantwerk_rebuild_handoff_sums($1)`, [orgId]);
  await q(`vacuum analyze handoff_day_sums`);
  await q(`vacuum analyze promises`);
  await q(`vacuum analyze promise_steps`);
  await q(`vacuum analyze step_ratings`);
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
  const endOfMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 0)).toISOString().slice(0, 10);

  // The plain SQL: the same aggregates as straight queries, no app.
  const chainSql = () =>
    Promise.all([
      q(
        `select team_id, receiver_team_id, count(*), count(*) filter (where done_on is not null or due_date < $4::date), count(*) filter (where done_on <= due_date)
           from promise_steps where org_id = $1 and kind = 'handoff' and receiver_team_id is not null and coalesce(done_on, due_date) between $2 and $3 group by 1, 2`,
        [orgId, from90, today, today],
      ),
      q(`select giver_team_id, receiver_team_id, count(*), avg(score) from step_ratings where org_id = $1 and handoff_day between $2 and $3 group by 1, 2`, [orgId, from90, today]),
    ]);
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
      q(`select date_trunc('month', handoff_day), count(*), avg(score) from step_ratings where org_id = $1 and giver_team_id = $4 and handoff_day between $2 and $3 group by 1`, [
        orgId,
        from6m,
        endOfMonth,
        teamId,
      ]),
      q(`select date_trunc('month', handoff_day), count(*), avg(score) from step_ratings where org_id = $1 and receiver_team_id = $4 and handoff_day between $2 and $3 group by 1`, [
        orgId,
        from6m,
        endOfMonth,
        teamId,
      ]),
    ]);

  const cases = [
    { name: 'the chain, whole organisation, 90 days', http: bench.get(`/api/v1/chain?from=${from90}&to=${today}`, director), sql: chainSql },
    { name: 'team figures, one team, 6 months', http: bench.get(`/api/v1/team-figures?teamId=${teamId}&months=6`, director), sql: figuresSql },
  ];
  await compareWithSql(cases, REQUESTS, 150);
} finally {
  await bench.stop();
}

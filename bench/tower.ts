// The director's tower on a large organisation: 5,000 people in 300 teams, a million extras over two
// years, 200,000 promises with a million steps and their ratings, 100,000 customer reactions over the
// last year with a few hundred follow-ups open, a few hundred needs and proposals, and the demo's closed
// rounds of core questions. Prints p50/p95 of the warm GET /api/v1/tower as Anna and of the plain SQL
// of the same aggregates (straight over the rows, no HTTP, no app, no day sums), their ratio, and each
// part of that SQL timed alone, to show where the time goes.
// Run: npx tsx bench/tower.ts [extras] [requests]
import { performance } from 'node:perf_hooks';
import type { Tower } from '../src/contracts/tower.contract';
import { addDays, localDay, weekOf } from '../src/server/lib/days';
import { addCounsel, addExtras, addPeople, addPromises, addReactions, chainSql } from './data';
import { compareWithSql, ms, startApp, timed } from './harness';

const EXTRAS = Number(process.argv[2] ?? 1_000_000);
const REQUESTS = Number(process.argv[3] ?? 40);
const MEMBERS = 5000;
const TEAMS = 300;
const PROMISES = 200_000;
const REACTIONS = 100_000;
const GOAL_MS = 200;

const bench = await startApp(3965, 'tower');
const { q } = bench;
try {
  const started = performance.now();
  const { rows: orgRows } = await q(`select id, time_zone from organizations limit 1`);
  const orgId = orgRows[0].id as string;
  const tz = orgRows[0].time_zone as string;
  const people = await addPeople(q, orgId, { members: MEMBERS, teams: TEAMS });
  await addExtras(q, orgId, people, EXTRAS);
  console.log();
  await addPromises(q, orgId, people, PROMISES);
  await addReactions(q, orgId, people, REACTIONS);
  await addCounsel(q, orgId, people, { needs: 200, proposals: 300 });
  await q(`analyze`);
  const { rows: counts } = await q(
    `select (select count(*) from extras)::int as extras, (select count(*) from promises)::int as promises, (select count(*) from promise_steps)::int as steps,
            (select count(*) from step_ratings)::int as ratings, (select count(*) from customer_reactions)::int as reactions,
            (select count(*) from voice_followups where status = 'open')::int as open, (select count(*) from needs)::int as needs,
            (select count(*) from proposals)::int as proposals, (select count(*) from campaigns where status = 'closed')::int as campaigns`,
  );
  const c = counts[0];
  console.log(
    `data ready in ${((performance.now() - started) / 1000).toFixed(0)} s: ${c.extras} extras, ${c.promises} promises, ${c.steps} steps, ${c.ratings} ratings, ` +
      `${c.reactions} reactions (${c.open} follow-ups open), ${c.needs} needs, ${c.proposals} proposals, ${c.campaigns} closed campaigns; ${MEMBERS} members, ${TEAMS} teams`,
  );

  const anna = await bench.signIn('anna@dekroon.example');
  const response = await fetch(`${bench.base}/api/v1/tower`, { headers: { cookie: anna } });
  if (!response.ok) throw new Error(`/api/v1/tower: ${response.status} ${await response.text()}`);
  const tower = (await response.json()) as Tower;
  console.log(
    `the tower (${tower.period.from} – ${tower.period.to}): ${tower.extras.count} extras, ${tower.voice.count} reactions, ${tower.voice.openFollowups} follow-ups open, ` +
      `${tower.promises.settled} promises settled, ${tower.promises.atRisk} at risk of ${tower.promises.open} open, weakest link ${tower.weakestLink ? `${tower.weakestLink.from.name} → ${tower.weakestLink.to.name}` : 'none'}, ` +
      `core questions ${tower.coreQuestions?.title ?? 'none'}, ${tower.counsel.queue} proposals waiting`,
  );

  // The same periods as the tower: the last 28 days and the 28 before, and twelve weeks.
  const today = localDay(tz);
  const firstWeek = addDays(weekOf(today), -7 * 11);
  const previousFrom = addDays(today, -55);
  const start = firstWeek < previousFrom ? firstWeek : previousFrom;

  // The plain SQL of the same aggregates, per part, straight over the rows.
  const parts: [string, () => Promise<unknown>][] = [
    [
      'extras and mandate per day',
      () =>
        q(
          `select (occurred_at at time zone $2)::date as day, count(*), count(reaction_score), count(*) filter (where reaction_score >= 4),
                  sum(cost_cents), count(*) filter (where above_mandate)
             from extras where org_id = $1 and deleted_at is null and occurred_at >= ($3::date::timestamp at time zone $2) group by 1`,
          [orgId, tz, start],
        ),
    ],
    [
      'reactions per day',
      () =>
        q(
          `select (created_at at time zone $2)::date as day, count(*), sum(case when scale = 'agree5' then score else 1 + score * 0.4 end),
                  count(*) filter (where (scale = 'agree5' and score <= 1) or (scale = 'scale10' and score <= 2))
             from customer_reactions where org_id = $1 and created_at >= ($3::date::timestamp at time zone $2) group by 1`,
          [orgId, tz, start],
        ),
    ],
    [
      'follow-ups open',
      () =>
        q(
          `select count(*), count(*) filter (where due_on < $2::date) from voice_followups where org_id = $1 and status = 'open'`,
          [orgId, today],
        ),
    ],
    [
      'promises per day',
      () =>
        q(
          `select due_date, count(*) filter (where outcome is not null or due_date < $3::date), count(*) filter (where outcome = 'kept')
             from promises where org_id = $1 and due_date between $2::date and $3::date group by 1`,
          [orgId, start, today],
        ),
    ],
    [
      'promises open and at risk',
      () =>
        q(
          `select count(*), count(*) filter (where exists (select 1 from promise_steps s where s.org_id = p.org_id and s.promise_id = p.id and s.kind = 'handoff'
                                                           and ((s.done_on is null and s.due_date < $2::date) or s.done_on > s.due_date)))
             from promises p where p.org_id = $1 and p.outcome is null and p.due_date >= $2::date`,
          [orgId, today],
        ),
    ],
    ['the chain, 90 days', () => chainSql(q, orgId, addDays(today, -89), today, today)],
    [
      'core questions, last two rounds',
      () =>
        q(
          `with latest as (select id from campaigns where org_id = $1 and status = 'closed' order by closes_on desc, closed_at desc limit 2)
           select r.campaign_id, cq.theme, cq.kind, r.status, r.respondents, r.value_sum, r.counts, p.audience, p.respondents as responded
             from campaign_results r join campaign_questions cq on cq.org_id = r.org_id and cq.campaign_id = r.campaign_id and cq.id = r.question_id
             left join campaign_participation p on p.org_id = r.org_id and p.campaign_id = r.campaign_id and p.group_key = 'org' and p.status = 'shown'
            where r.org_id = $1 and r.campaign_id in (select id from latest) and r.group_key = 'org' order by cq.position`,
          [orgId],
        ),
    ],
    [
      'counsel',
      () =>
        q(
          `select count(*) filter (where status = 'submitted'), min(queued_at) filter (where status = 'submitted'),
                  percentile_cont(0.5) within group (order by extract(epoch from decided_at - submitted_at)) filter (where decided_at > now() - interval '90 days'),
                  (select count(*) filter (where recognised_at is not null) from needs where org_id = $1), (select count(*) filter (where recognised_at is null) from needs where org_id = $1)
             from proposals where org_id = $1`,
          [orgId],
        ),
    ],
  ];

  await compareWithSql(
    [
      {
        name: 'the tower, whole organisation',
        http: bench.get('/api/v1/tower', anna),
        sql: () => Promise.all(parts.map(([, run]) => run())),
      },
    ],
    REQUESTS,
    GOAL_MS,
  );
  for (const [name, run] of parts) {
    const t = await timed(run, REQUESTS);
    console.log(`  plain SQL alone, ${name}: p50 ${ms(t.p50)}, p95 ${ms(t.p95)}`);
  }
} finally {
  await bench.stop();
}

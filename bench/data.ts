// The data the benches build on top of the demo hotel, straight with SQL: people in teams, extras,
// promises with their steps and ratings, customer reactions, needs and proposals. Bulk loads set the
// modules' day-sum triggers aside and rebuild the sums once at the end, as the app would have kept them.
// Each builder works through temporary tables (<prefix>_member, <prefix>_team, …), so run them one
// after another on the bench's connection, not side by side.
import { STORIES } from '../src/server/seed/demo-extras.seed';
import type { BenchApp } from './harness';

type Query = BenchApp['q'];

/** The bench people of one organisation: `members` members spread round robin over `teams` teams. */
export interface People {
  members: number;
  teams: number;
  /** Their user ids are `<prefix>-<n>`; teams `<Prefix> team <n>`; temporary tables `<prefix>_member` and `<prefix>_team`. */
  prefix: string;
}

const tables = (people: People) => ({ member: `${people.prefix}_member`, team: `${people.prefix}_team` });

/**
 * Adds `teams` teams and `members` members (signed up as `collega<n>@<prefix>.example`), each in one
 * team, round robin. With `levels`, one in 50 is a manager (the first manager of each team leads it)
 * and one in 2,000 a director; with `secondTeams`, one in ten is also in a second team.
 * Leaves <prefix>_team (id, i) and <prefix>_member (id, team_id of the first team, i), i from 0.
 */
export async function addPeople(
  q: Query,
  orgId: string,
  options: { members: number; teams: number; prefix?: string; levels?: boolean; secondTeams?: boolean },
): Promise<People> {
  const people: People = { members: options.members, teams: options.teams, prefix: options.prefix ?? 'bench' };
  const { member, team } = tables(people);
  const { prefix, members, teams } = people;
  const teamName = `${prefix[0]!.toUpperCase()}${prefix.slice(1)} team `;
  await q(`insert into teams (org_id, name) select $1, '${teamName}' || g from generate_series(1, ${teams}) g`, [
    orgId,
  ]);
  await q(
    `insert into auth_user (id, name, email, email_verified)
     select '${prefix}-' || g, 'Collega ' || g, 'collega' || g || '@${prefix}.example', true from generate_series(1, ${members}) g`,
  );
  const roles = options.levels
    ? `case when g % 2000 = 0 then '{director}' when g % 50 = 0 then '{manager}' else '{member}' end::text[]`
    : `'{member}'`;
  await q(
    `insert into members (org_id, user_id, roles) select $1, '${prefix}-' || g, ${roles} from generate_series(1, ${members}) g`,
    [orgId],
  );
  await q(
    `create temporary table ${team} as select id, row_number() over (order by name) - 1 as i from teams where org_id = $1 and name like '${teamName}%'`,
    [orgId],
  );
  await q(
    `create temporary table ${member} as
     select m.id, m.roles, t.id as team_id, m.i
       from (select id, roles, row_number() over (order by user_id) - 1 as i from members where org_id = $1 and user_id like '${prefix}-%') m
       join ${team} t on t.i = m.i % ${teams}`,
    [orgId],
  );
  const leads = options.levels ? `m.roles = '{manager}' and m.i / 50 < ${teams}` : 'false';
  await q(
    `insert into team_members (org_id, team_id, member_id, is_manager) select $1, m.team_id, m.id, ${leads} from ${member} m`,
    [orgId],
  );
  if (options.secondTeams) {
    await q(
      `insert into team_members (org_id, team_id, member_id, is_manager)
       select $1, t.id, m.id, false from ${member} m join ${team} t on t.i = (m.i * 7 + 3) % ${teams}
        where m.i % 10 = 0 and (m.i * 7 + 3) % ${teams} <> m.i % ${teams}`,
      [orgId],
    );
  }
  return people;
}

/**
 * Adds `n` extras over the last two years, spread over the people, with occasions and actions from
 * the demo's stories in random combinations, costs, minutes, a value each and six in seven with a
 * reaction. The occasion index and the day-sum trigger are set aside and the sums rebuilt once.
 */
export async function addExtras(q: Query, orgId: string, people: People, n: number) {
  const { member } = tables(people);
  const { rows: values } = await q(`select id from core_values where org_id = $1`, [orgId]);
  // Occasion words computed once per text.
  const stories = Object.values(STORIES).flat();
  await q(
    `create temporary table ${people.prefix}_story (i int, occasion text, action text, kind text, words tsvector)`,
  );
  for (const [i, s] of stories.entries()) {
    await q(`insert into ${people.prefix}_story values ($1, $2, $3, $4, to_tsvector('dutch', $2))`, [
      i,
      s.occasion,
      s.action,
      s.kind,
    ]);
  }
  await q(`drop index if exists extras_occasion_tsv_gin`);
  await q(`alter table extras disable trigger extras_day_sums_insert_delete`);
  const chunk = 200_000;
  for (let done = 0; done < n; done += chunk) {
    const size = Math.min(chunk, n - done);
    await q(
      `insert into extras (org_id, member_id, team_ids, occurred_at, occasion, occasion_tsv, action, kind, cost_cents, minutes, value_ids, reaction_score, created_at)
       select $1, m.id, array[m.team_id], t.at, s.occasion, s.words, s.action, s.kind,
              (array[0, 0, 250, 500, 1000, 1500, 2500, 4000])[(1 + g % 8)::int], (5 + g % 30)::int,
              array[($2::uuid[])[(1 + g % array_length($2::uuid[], 1))::int]],
              case when g % 7 = 0 then null else (1 + ((g * 7919) % 97) % 5)::smallint end, t.at
         from generate_series(${done + 1}::bigint, ${done + size}::bigint) g
         join ${member} m on m.i = g % ${people.members}
         join ${people.prefix}_story s on s.i = (g * 31) % ${stories.length}
         cross join lateral (select now() - ((g * 104729) % (730 * 24 * 60)) * interval '1 minute' as at) t`,
      [orgId, values.map((v) => v.id)],
    );
    process.stdout.write(`\rextras: ${done + size} of ${n}`);
  }
  await q(`create index extras_occasion_tsv_gin on extras using gin (occasion_tsv)`);
  await q(`alter table extras enable trigger extras_day_sums_insert_delete`);
  await q(`select klantwerk_rebuild_day_sums($1)`, [orgId]);
  await q(`vacuum analyze extras`);
  await q(`analyze`);
}

/**
 * Adds 5,000 customers and `n` promises made over two years, each with `steps` hand-offs along the
 * route of the maker's team (every team has its own run of others, so each team works with a handful
 * of teams), due days apart; the receiving team rated about a third of the hand-offs it got. The
 * day-sum triggers are set aside and the hand-off sums rebuilt once.
 */
export async function addPromises(q: Query, orgId: string, people: People, n: number, steps = 5) {
  const { member, team } = tables(people);
  const { prefix, members, teams } = people;
  await q(`insert into customers (org_id, name) select $1, 'Klant ' || g from generate_series(1, 5000) g`, [orgId]);
  await q(
    `create temporary table ${prefix}_customer as select id, row_number() over (order by id) - 1 as i from customers where org_id = $1`,
    [orgId],
  );
  const chunk = 50_000;
  for (let done = 0; done < n; done += chunk) {
    const size = Math.min(chunk, n - done);
    await q(
      `insert into promises (org_id, id, customer_id, what, due_date, owner_team_id, made_by, maker_team_id, breaches, delivered_on, outcome, created_at)
       select $1, gen_random_uuid(), c.id, 'Afspraak ' || g, d.due, t.id, m.id, m.team_id,
              case when g % 11 = 0 then '[{"code":"lead_time","days":3,"minimumDays":7}]'::jsonb else '[]'::jsonb end,
              case when d.due < current_date and g % 9 <> 0 then d.due - (g % 2)::int end,
              case when d.due < current_date and g % 9 <> 0 then case when g % 5 = 0 then 'broken' else 'kept' end end,
              d.due - 20
         from generate_series(${done + 1}::bigint, ${done + size}::bigint) g
         join ${member} m on m.i = g % ${members}
         join ${team} t on t.i = (g * 7) % ${teams}
         join ${prefix}_customer c on c.i = g % 5000
         cross join lateral (select (current_date + 30 - ((g * 7919) % 760)::int) as due) d`,
      [orgId],
    );
    process.stdout.write(`\rpromises: ${done + size} of ${n}`);
  }
  console.log();
  await q(`alter table promise_steps disable trigger promise_steps_day_sums_insert_delete`);
  await q(`alter table promise_steps disable trigger promise_steps_late_insert_delete`);
  await q(`alter table step_ratings disable trigger step_ratings_day_sums`);
  await q(
    `create temporary table ${prefix}_promise as
     select id, due_date, made_by, maker_team_id, row_number() over (order by id) as g from promises where org_id = $1 and what like 'Afspraak %'`,
    [orgId],
  );
  for (let position = 0; position < steps; position++) {
    await q(
      `insert into promise_steps (org_id, promise_id, position, kind, team_id, receiver_team_id, what, due_date, accepted_at, done_on, done_at)
       select $1, p.id, ${position}, 'handoff', t.id, coalesce(r.id, p.maker_team_id), 'Stap ${position + 1}', s.due,
              case when s.done is not null then s.done::timestamptz end, s.done, s.done::timestamptz
         from ${prefix}_promise p
         join ${team} mt on mt.id = p.maker_team_id
         join ${team} t on t.i = (mt.i * 7 + ${position + 1} * 11) % ${teams}
         left join ${team} r on ${position} < ${steps - 1} and r.i = (mt.i * 7 + ${position + 2} * 11) % ${teams}
         cross join lateral (select p.due_date - ${(steps - 1 - position) * 3} as due) d
         cross join lateral (select d.due as due, case when d.due < current_date then d.due + case when (p.g + ${position}) % 8 = 0 then 2 else 0 end end as done) s`,
      [orgId],
    );
    process.stdout.write(`\rsteps: ${(position + 1) * n} of ${steps * n}`);
  }
  console.log();
  await q(
    `insert into step_ratings (org_id, step_id, giver_team_id, receiver_team_id, handoff_day, score, by)
     select s.org_id, s.id, s.team_id, s.receiver_team_id, s.done_on, (1 + abs(hashtext(s.id::text)) % 5)::smallint, m.id
       from promise_steps s join ${member} m on m.i = abs(hashtext(s.id::text)) % ${members}
      where s.org_id = $1 and s.what like 'Stap %' and s.done_on is not null and s.receiver_team_id is not null and abs(hashtext(s.id::text)) % 3 = 0`,
    [orgId],
  );
  await q(`alter table promise_steps enable trigger promise_steps_day_sums_insert_delete`);
  await q(`alter table promise_steps enable trigger promise_steps_late_insert_delete`);
  // What the late-hand-off trigger would have counted, once for all promises.
  await q(
    `update promises p set late_handoffs = s.n
       from (select promise_id, count(*)::int as n from promise_steps where org_id = $1 and kind = 'handoff' and done_on > due_date group by 1) s
      where p.org_id = $1 and p.id = s.promise_id`,
    [orgId],
  );
  await q(`alter table step_ratings enable trigger step_ratings_day_sums`);
  await q(`select klantwerk_rebuild_handoff_sums($1)`, [orgId]);
  for (const table of ['handoff_day_sums', 'promises', 'promise_steps', 'step_ratings'])
    await q(`vacuum analyze ${table}`);
}

/** The chain's aggregates over [from, to] straight over the hand-offs and their ratings (no day sums): the plain SQL the benches compare with. */
export const chainSql = (q: Query, orgId: string, from: string, to: string, today: string) =>
  Promise.all([
    q(
      `select team_id, receiver_team_id, count(*), count(*) filter (where done_on is not null or due_date < $4::date), count(*) filter (where done_on <= due_date)
         from promise_steps where org_id = $1 and kind = 'handoff' and receiver_team_id is not null and coalesce(done_on, due_date) between $2 and $3 group by 1, 2`,
      [orgId, from, to, today],
    ),
    q(
      `select giver_team_id, receiver_team_id, count(*), avg(score) from step_ratings where org_id = $1 and handoff_day between $2 and $3 group by 1, 2`,
      [orgId, from, to],
    ),
  ]);

/**
 * Adds a touchpoint with its link for each of the people's teams (every other one on ten points) and
 * `n` reactions on them over the last `days` days, the scores spread over both scales, a third with a
 * comment. Every very negative reaction has its follow-up: open for those of the last `openDays` days
 * (due two days after, so the older of those are late), resolved for the rest.
 */
export async function addReactions(
  q: Query,
  orgId: string,
  people: People,
  n: number,
  options: { days?: number; openDays?: number } = {},
) {
  const { member, team } = tables(people);
  const { prefix, teams } = people;
  const days = options.days ?? 365;
  const openDays = options.openDays ?? 10;
  const touchpoint = `${prefix}_touchpoint`;
  await q(
    `insert into touchpoints (org_id, name, scale, team_id, created_at)
     select $1, 'Balie ' || (i + 1), case when i % 2 = 0 then 'agree5' else 'scale10' end, id, now() - interval '${days + 30} days' from ${team}`,
    [orgId],
  );
  await q(
    `create temporary table ${touchpoint} as
     select p.id, p.scale, p.team_id, t.i from touchpoints p join ${team} t on t.id = p.team_id where p.org_id = $1 and p.name like 'Balie %'`,
    [orgId],
  );
  // 128 random bits in the URL's alphabet, as the app makes them.
  await q(
    `insert into voice_links (org_id, token, subject, touchpoint_id, created_at)
     select $1, translate(left(encode(decode(replace(gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), 22), '+/', '-_'), 'touchpoint', id, now() - interval '${days + 30} days'
       from ${touchpoint}`,
    [orgId],
  );
  await q(
    `insert into customer_reactions (org_id, link_id, subject, touchpoint_id, team_id, scale, score, comment, language, created_at, updated_at)
     select $1, l.id, 'touchpoint', p.id, p.team_id, p.scale,
            case when p.scale = 'agree5' then (array[1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5])[1 + abs(hashtext(g::text)) % 20]
                 else (array[0, 1, 2, 3, 4, 5, 6, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10, 10, 10])[1 + abs(hashtext(g::text)) % 20] end,
            case when g % 3 = 0 then (array['Heel vriendelijk ontvangen!', 'Snel geholpen, dank jullie wel.', 'Het duurde even.', 'Koude koffie en niemand die keek.'])[1 + g % 4] end,
            case when g % 7 = 0 then 'en' else 'nl' end, t.at, t.at
       from generate_series(1::bigint, ${n}::bigint) g
       join ${touchpoint} p on p.i = (g * 13) % ${teams}
       join voice_links l on l.org_id = $1 and l.touchpoint_id = p.id
       cross join lateral (select now() - ((g * 104729) % (${days} * 24 * 60)) * interval '1 minute' as at) t`,
    [orgId],
  );
  await q(
    `insert into voice_followups (org_id, reaction_id, team_id, due_on, status, note, closed_by, closed_at, created_at)
     select r.org_id, r.id, r.team_id, (r.created_at at time zone o.time_zone)::date + 2, f.status,
            case when f.status = 'resolved' then 'Gebeld en excuses gemaakt.' end,
            case when f.status = 'resolved' then (select id from ${member} where i = 0) end,
            case when f.status = 'resolved' then r.created_at + interval '1 day' end, r.created_at
       from customer_reactions r join organizations o on o.id = r.org_id
       cross join lateral (select case when r.created_at > now() - interval '${openDays} days' then 'open' else 'resolved' end as status) f
      where r.org_id = $1 and r.touchpoint_id in (select id from ${touchpoint})
        and ((r.scale = 'agree5' and r.score <= 1) or (r.scale = 'scale10' and r.score <= 2))`,
    [orgId],
  );
  for (const table of ['touchpoints', 'voice_links', 'customer_reactions', 'voice_followups'])
    await q(`vacuum analyze ${table}`);
}

/**
 * Adds `needs` needs raised by the people over the last year (two in three recognised by a director,
 * three supporters each) and `proposals` proposals, one in ten serving no need: half of them decided
 * (approved or declined, days after they were submitted), a sixth waiting in the director's queue, a
 * sixth sent back with a question, a sixth withdrawn; each with its events.
 */
export async function addCounsel(
  q: Query,
  orgId: string,
  people: People,
  options: { needs: number; proposals: number },
) {
  const { member } = tables(people);
  const { prefix, members } = people;
  const { rows: directors } = await q(
    `select id from members where org_id = $1 and 'director' = any(roles) order by id limit 1`,
    [orgId],
  );
  const director = directors[0]!.id as string;
  const need = `${prefix}_need`;
  await q(
    `insert into needs (org_id, what, for_whom, why_now, raised_by, recognised_at, recognised_by, created_at)
     select $1, 'Behoefte ' || g, 'Team en gasten', 'Het speelt al een tijd.', m.id,
            case when g % 3 <> 0 then t.at + interval '4 days' end, case when g % 3 <> 0 then $2::uuid end, t.at
       from generate_series(1::bigint, ${options.needs}::bigint) g
       join ${member} m on m.i = (g * 37) % ${members}
       cross join lateral (select now() - ((g * 7919) % (365 * 24)) * interval '1 hour' as at) t`,
    [orgId, director],
  );
  await q(
    `create temporary table ${need} as select id, row_number() over (order by id) - 1 as i from needs where org_id = $1 and what like 'Behoefte %'`,
    [orgId],
  );
  await q(
    `insert into need_supports (org_id, need_id, member_id, at)
     select $1, n.id, m.id, now() - interval '1 day'
       from ${need} n cross join generate_series(0, 2) k join ${member} m on m.i = (n.i * 101 + k * 13) % ${members}
     on conflict do nothing`,
    [orgId],
  );
  // Statuses in turn: approved, declined, approved, submitted (waiting), more_asked, withdrawn.
  await q(
    `create temporary table ${prefix}_proposal as
     select g, m.id as author, n.id as need_id, s.status, t.submitted,
            case when s.status in ('approved', 'declined') then least(now(), t.submitted + (1 + g % 20) * interval '1 day') end as decided
       from generate_series(1::bigint, ${options.proposals}::bigint) g
       join ${member} m on m.i = (g * 53) % ${members}
       left join ${need} n on g % 10 <> 0 and n.i = g % ${options.needs}
       cross join lateral (select (array['approved', 'declined', 'approved', 'submitted', 'more_asked', 'withdrawn'])[1 + g % 6] as status) s
       cross join lateral (select now() - case when s.status = 'submitted' then (g % 60) * interval '1 day' else (g % 365) * interval '1 day' end - (g % 24) * interval '1 hour' as submitted) t`,
  );
  await q(
    `insert into proposals (org_id, kind, title, need_id, proposal, effect_customers, effect_staff, cost_cents, risks, author_id, status,
                            submitted_at, queued_at, decided_at, decided_by, decision_reason, created_at, updated_at)
     select $1, case when g % 2 = 0 then 'improve' else 'new' end, 'Voorstel ' || g, need_id, 'Wat we willen doen.', 'Voor de gasten.', 'Voor het team.',
            (g % 8) * 50000, 'Weinig.', author, status, submitted, submitted, decided, case when decided is not null then $2::uuid end,
            case when decided is not null then 'Besloten.' end, submitted, coalesce(decided, submitted)
       from ${prefix}_proposal`,
    [orgId, director],
  );
  await q(
    `insert into proposal_events (org_id, proposal_id, kind, by, at)
     select p.org_id, p.id, 'submitted', p.author_id, p.submitted_at from proposals p where p.org_id = $1 and p.title like 'Voorstel %'
     union all
     select p.org_id, p.id, p.status, case when p.status = 'withdrawn' then p.author_id else $2::uuid end, coalesce(p.decided_at, least(now(), p.submitted_at + interval '1 day'))
       from proposals p where p.org_id = $1 and p.title like 'Voorstel %' and p.status <> 'submitted'`,
    [orgId, director],
  );
  for (const table of ['needs', 'need_supports', 'proposals', 'proposal_events']) await q(`vacuum analyze ${table}`);
}

/**
 * The large organisation of the tower bench on the demo organisation: 5,000 people in 300 teams,
 * `extras` extras over two years, 200,000 promises and 100,000 customer reactions.
 */
export async function addLargeOrganization(q: Query, extras: number): Promise<{ orgId: string; people: People }> {
  const { rows } = await q(`select id from organizations limit 1`);
  const orgId = rows[0].id as string;
  const people = await addPeople(q, orgId, { members: 5000, teams: 300 });
  await addExtras(q, orgId, people, extras);
  console.log();
  await addPromises(q, orgId, people, 200_000);
  await addReactions(q, orgId, people, 100_000);
  return { orgId, people };
}

// What logging one extra asks of PostgreSQL, without Node or HTTP: records the statements the app
// really sends for POST /api/v1/extras (one request per demo member, through app.inject on the
// machine's PostgreSQL), writes them out as pgbench scripts (one per member, the same parameters as
// pgbench variables bound to the prepared statements, as the app binds them; the idempotency key and
// anything derived from the new extra's id made unique per transaction), and runs
// in the same run, on the same database and with the same concurrency:
//   1. pgbench, a raw single-row INSERT into a copy of the extras table without its triggers;
//      then, to show where the ratio goes, the last row the app wrote (all its columns, its full-text
//      words, an idempotency key) as one plain INSERT, into such a copy and into extras itself;
//   2. pgbench, the app's statements for one extra (the session check included when the app sends it;
//      a warm free extra verifies the session in its own statement), spread over the members.
//   3. the app itself (src/server/main.ts on that database, APP_PROCESSES as set, DB_POOL_MAX 20 each),
//      POST /api/v1/extras with autocannon, the same members' sessions.
// Prints the rates and ratios (goals: the app's transaction at least 0.5 × the raw INSERT; the app at
// least 0.8 × its transaction with p99 under 100 ms).
// With LITERALS=1 the parameters are written into the statements as literals (how this bench worked
// before: PostgreSQL then plans each statement anew, which the app's prepared statements do not).
// With KEEP=1 the database and the pgbench scripts stay (their names are printed; the -D arguments in
// variables.args, one a line), to EXPLAIN or rerun.
// With PER_STATEMENT=1 it also prints pgbench's average latency of each of the app's statements (-r).
// Needs pgbench (Debian: postgresql-client).
// BENCH_MEMBERS=n sets how many demo members log (default 4, see MEMBERS).
// Run: [APP_PROCESSES=2] [PER_STATEMENT=1] [BENCH_MEMBERS=4] npx tsx bench/extra-transaction.ts [seconds] [clients] [costCents]
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { BENCH_SECRET, DEMO_STAFF, loadNote, startInProcessApp } from './in-process';

const seconds = Number(process.argv[2] ?? 15);
const clients = Number(process.argv[3] ?? 50);
const costCents = Number(process.argv[4] ?? 0);
// How many demo members log (pgbench and the app alike). pgbench prepares each script's statements on
// each of its connections, and PostgreSQL plans a prepared statement anew for its first five runs: with
// all 22 members as 22 scripts on 50 connections a 10 s run spent most of its time preparing and
// planning (about a third of the rate of 4 members), while the app prepares its one statement once
// per pooled connection. A few members keep several writers per member, as in a busy team.
const MEMBERS = DEMO_STAFF.slice(0, Number(process.env.BENCH_MEMBERS ?? 4));

// pg's own conversion of a parameter to text (dates, arrays, objects), as it sends it.
const utils = 'pg/lib/utils.js';
const { prepareValue } = ((await import(utils)) as { default: { prepareValue: (v: unknown) => string | null } })
  .default;
const literal = (value: unknown) => {
  const text = prepareValue(value);
  // An escape-string literal with no colon in it: pgbench would take ':word' for one of its variables.
  return text === null ? 'NULL' : `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''").replaceAll(':', '\\x3a')}'`;
};

interface Sent {
  text: string;
  values: unknown[];
}

const bench = await startInProcessApp('tx', 4);
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-extra-tx-'));
try {
  // Record every statement any pooled client sends.
  let recording: Sent[] | null = null;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (recording) {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
      const text = typeof first === 'string' ? first : first.text;
      const values = (typeof first === 'string' ? second : (first.values ?? second)) as unknown[] | undefined;
      recording.push({ text, values: Array.isArray(values) ? values : [] });
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;

  const payload = {
    occasion: 'Gast vroeg de weg naar het museum',
    action: 'Meegelopen tot de hoek en een plattegrond gegeven',
    kind: costCents > 0 ? 'small_gift' : 'time',
    costCents,
    minutes: 5,
    reactionScore: 5,
    ...(costCents > 0 ? { aboveMandateReason: 'Bench' } : {}),
  };
  const literals = process.env.LITERALS === '1';
  const scripts: string[] = [];
  /** pgbench -D arguments: the parameters of every member's statements. */
  const variables: string[] = [];
  const cookies: string[] = [];
  for (const name of MEMBERS) {
    const cookie = await bench.signIn(`${name}@dekroon.example`);
    cookies.push(cookie);
    const post = async () => {
      const key = randomUUID();
      const response = await bench.app.inject({
        method: 'POST',
        url: '/api/v1/extras',
        headers: { cookie, 'idempotency-key': key },
        payload,
      });
      if (response.statusCode !== 201) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
      return { key, id: (response.json() as { id: string }).id };
    };
    await post(); // warm: prepared statements, caches
    recording = [];
    const { key, id } = await post();
    const sent: Sent[] = recording;
    recording = null;
    // The new extra's id is unique per transaction when the app chose it (it is in the INSERT's values);
    // when PostgreSQL chose it and the app sends it back (a reaction), the same existing id is kept.
    const chosenByApp = sent.some((s) => /insert into "?extras"?/i.test(s.text) && s.values.includes(id));
    const unique: [string, string, string][] = [[key, `('bench-' || :k)`, 'text']];
    if (chosenByApp) unique.push([id, `(lpad(to_hex(:k::bigint), 32, '0')::uuid)`, 'uuid']);
    const member = scripts.length;
    const statements = sent.map((s, j) => {
      let text = s.text.replace(/\$(\d+)/g, (_, n: string) => {
        const value = s.values[Number(n) - 1];
        for (const [exact, expr] of unique) if (value === exact) return expr;
        // A parameter as the app sends it: a pgbench variable, bound as a parameter of the prepared
        // statement (so PostgreSQL plans it as it plans the app's: generic plans, not one per literal).
        const text = prepareValue(value);
        if (!literals && text !== null && !unique.some(([inside]) => text.includes(inside))) {
          const variable = `m${member}_${j}_${n}`;
          variables.push('-D', `${variable}=${text}`);
          return `:${variable}`;
        }
        let lit = literal(value);
        for (const [inside, expr] of unique)
          if (lit.includes(inside)) lit = `(${lit.split(inside).join(`' || ${expr}::text || E'`)})`;
        return lit;
      });
      text = text.replace(/\s+/g, ' ').trim();
      return `${text};`;
    });
    const file = path.join(dir, `${name}.sql`);
    await fs.writeFile(file, `\\set k random(1, 9000000000000000000)\n${statements.join('\n')}\n`);
    scripts.push(file);
    if (name === MEMBERS[0]) {
      console.log(
        `the app's statements for one extra (${sent.length} round trips, member ${name}, costCents ${costCents}):`,
      );
      for (const s of sent) console.log(`  ${s.text.replace(/\s+/g, ' ').slice(0, 160)}`);
    }
  }

  const admin = new pg.Client({ connectionString: bench.url });
  await admin.connect();
  await admin.query('create table bench_raw_extras (like extras including all)');
  const { rows } = await admin.query<{ org_id: string; id: string }>(
    `select org_id, id from members order by id limit 1`,
  );
  // The last row the app wrote, to write again as one plain INSERT: where the ratio goes between the raw
  // INSERT (ten columns, no full-text words, no key) and the app's whole statement.
  const { rows: written } = await admin.query<Record<string, unknown>>(
    `select e.org_id, e.member_id, e.team_ids, e.occurred_at, e.occasion, e.action, e.kind, e.cost_cents, e.minutes,
            e.value_ids, e.reaction_score, e.in_feed, e.mandate_id, e.request_hash, o.default_language
       from extras e join organizations o on o.id = e.org_id order by e.created_at desc limit 1`,
  );
  await admin.query('create table bench_row_extras (like extras including all)');
  await admin.end();
  const row = written[0]!;
  const sameRow = async (table: string) => {
    const { default_language: language, ...columns } = row;
    const names = Object.keys(columns);
    const file = path.join(dir, `same-row-${table}.sql`);
    await fs.writeFile(
      file,
      `\\set k random(1, 9000000000000000000)\n` +
        `insert into ${table} (${names.join(', ')}, id, occasion_tsv, idempotency_key, created_at, updated_at)
         values (${names.map((n) => literal(columns[n])).join(', ')}, (lpad(to_hex(:k::bigint), 32, '0')::uuid),
                 to_tsvector('${language === 'en' ? 'english' : 'dutch'}', ${literal(row.occasion)}), ('bench-' || :k), now(), now());\n`,
    );
    return file;
  };
  const rowCopy = await sameRow('bench_row_extras');
  const rowExtras = await sameRow('extras');
  const raw = path.join(dir, 'raw-insert.sql');
  await fs.writeFile(
    raw,
    `insert into bench_raw_extras (org_id, member_id, team_ids, occurred_at, occasion, action, kind, cost_cents, minutes, value_ids)
     values ('${rows[0]!.org_id}', '${rows[0]!.id}', '{}', now(), 'Gast vroeg de weg', 'Meegelopen', 'time', 0, 5, '{}');\n`,
  );
  const perStatement = process.env.PER_STATEMENT === '1';
  // The app's pooled connections, once warm, run its prepared statements with generic plans (PostgreSQL
  // plans the first five runs of each for the values given, then keeps one plan); pgbench's connections
  // are new in every run, so its scripts ask for the kept plan from the start.
  const steady = { ...process.env, PGOPTIONS: `${process.env.PGOPTIONS ?? ''} -c plan_cache_mode=force_generic_plan` };
  const pgbench = (files: string[], report = false, defined: string[] = []) => {
    const run = spawnSync(
      'pgbench',
      [
        '-n',
        ...(report ? ['-r'] : []),
        '-M',
        'prepared',
        '-h',
        bench.host,
        '-p',
        bench.port,
        '-U',
        bench.user,
        '-c',
        String(clients),
        '-j',
        '2',
        '-T',
        String(seconds),
        ...defined,
        ...files.flatMap((f) => ['-f', f]),
        bench.name,
      ],
      { encoding: 'utf8', env: defined.length > 0 && !literals ? steady : process.env },
    );
    if (run.status !== 0) console.log(run.stderr.slice(0, 2000));
    const failed = run.stdout.match(/number of failed transactions: (\d+)/)?.[1];
    if (report) {
      // The first script's statement latencies (every member's script sends the same statements).
      const block = run.stdout.split(/SQL script \d+:/)[1] ?? '';
      const lines = block.split('\n').filter((l) => /^\s+[\d.]+\s+[\d.]+\s+/.test(l) && !/\\set/.test(l));
      console.log('per statement (ms, failures, statement), pgbench -r, first member:');
      for (const l of lines) console.log(`  ${l.trim().replace(/\s+/g, ' ').slice(0, 140)}`);
    }
    return {
      tps: Number(run.stdout.match(/tps = ([\d.]+)/)?.[1] ?? Number.NaN),
      latency: run.stdout.match(/latency average = ([\d.]+) ms/)?.[1],
      failed,
    };
  };
  if (process.env.KEEP === '1') await fs.writeFile(path.join(dir, 'variables.args'), `${variables.join('\n')}\n`);
  console.log(`before: ${await loadNote()}`);
  const rawRun = pgbench([raw]);
  const rowCopyRun = pgbench([rowCopy]);
  const rowRun = pgbench([rowExtras]);
  const appRun = pgbench(scripts, perStatement, variables);
  // The app itself on the same database, over HTTP.
  const port = 3970;
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: bench.url,
      AUTH_SECRET: BENCH_SECRET,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '20',
      DATA_DIR: dir,
      BACKUP_HOUR: 'off',
      SMTP_URL: '',
      NODE_ENV: 'production',
      APP_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let http: autocannon.Result;
  try {
    while (
      !(await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.ok)
        .catch(() => false))
    )
      await new Promise((r) => setTimeout(r, 100));
    let n = 0;
    const body = JSON.stringify(payload);
    http = await autocannon({
      url: `http://127.0.0.1:${port}/api/v1/extras`,
      connections: clients,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => ({
            ...request,
            body,
            headers: {
              'content-type': 'application/json',
              cookie: cookies[n++ % cookies.length]!,
              'idempotency-key': randomUUID(),
            },
          }),
        },
      ],
    });
  } finally {
    const exited = new Promise((r) => server.on('exit', r));
    server.kill('SIGINT');
    await exited;
  }
  const appRps = http['2xx'] / seconds;
  console.log(`after: ${await loadNote()}`);
  console.log(
    `pgbench raw single-row INSERT (no triggers), ${clients} clients, ${seconds} s: ${rawRun.tps.toFixed(0)} tps (latency avg ${rawRun.latency} ms)`,
  );
  const ofRaw = (tps: number) => `${(tps / rawRun.tps).toFixed(2)} × raw`;
  console.log(
    `pgbench the same row as the app writes it (all its columns, the full-text words, the key), plain INSERT into a copy of extras without triggers: ${rowCopyRun.tps.toFixed(0)} tps, ${ofRaw(rowCopyRun.tps)}`,
  );
  console.log(
    `pgbench the same row, plain INSERT into extras (its foreign keys and the day-sum trigger): ${rowRun.tps.toFixed(0)} tps, ${ofRaw(rowRun.tps)}`,
  );
  console.log(
    `pgbench the app's statements for one extra, ${scripts.length} members, ${clients} clients, ${seconds} s: ${appRun.tps.toFixed(0)} tps (latency avg ${appRun.latency} ms, failed ${appRun.failed ?? 0})`,
  );
  console.log(
    `the app (APP_PROCESSES=${process.env.APP_PROCESSES ?? 1}), POST /api/v1/extras, ${clients} clients, ${seconds} s: ${appRps.toFixed(0)} req/s, ` +
      `p50 ${http.latency.p50} ms, p99 ${http.latency.p99} ms, ${http.non2xx} non-2xx, ${http.errors} errors`,
  );
  console.log(`ratio app transaction / raw INSERT: ${(appRun.tps / rawRun.tps).toFixed(2)} (goal: at least 0.5)`);
  console.log(
    `ratio app / app transaction: ${(appRps / appRun.tps).toFixed(2)} (goal: at least 0.8, with p99 under 100 ms)`,
  );
  const check = new pg.Client({ connectionString: bench.url });
  await check.connect();
  const { rows: sums } = await check.query(
    `select (select count(*) from extras where deleted_at is null)::int as rows, (select coalesce(sum(extras), 0) from extra_day_sums_live)::int as summed`,
  );
  await check.end();
  console.log(
    `extras ${sums[0].rows}, counted in the day sums ${sums[0].summed}${sums[0].rows === sums[0].summed ? ' (equal)' : ' (NOT EQUAL)'}`,
  );
} finally {
  const keep = process.env.KEEP === '1';
  await bench.close(keep);
  if (keep) console.log(`kept: database ${bench.name}, scripts in ${dir}`);
  else await fs.rm(dir, { recursive: true, force: true });
}

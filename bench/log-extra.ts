// Logging an extra under load: requests per second and p50/p99 latency at 50 concurrent clients for
// 30 s against `npm start` on the embedded PostgreSQL, and in the same run the raw single-row INSERT
// rate pgbench reaches on that PostgreSQL with the same concurrency; prints the ratio.
// To show where the time goes it also prints two reference points: the same server answering a route
// that only checks the session (one statement, the floor of any signed-in request), and pgbench
// running the statements the app sends for one extra, in one transaction, without any HTTP or Node.
// Needs pgbench (Debian: postgresql-client). Run: npx tsx bench/log-extra.ts [seconds] [connections]
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const seconds = Number(process.argv[2] ?? 30);
const connections = Number(process.argv[3] ?? 50);
const root = path.resolve(import.meta.dirname, '..');
const port = 3960;
const base = `http://127.0.0.1:${port}`;
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-bench-extra-'));
await fs.chmod(dataDir, 0o755);

const app = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SIGNIN_MAX_PER_IP: '100000',
    DB_POOL_MAX: '20',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

try {
  while (
    !(await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false))
  )
    await new Promise((r) => setTimeout(r, 100));

  // Every demo member and manager logs; each request takes the next person's session.
  const staff = [
    'lisa',
    'daan',
    'noor',
    'tom',
    'emma',
    'kees',
    'yara',
    'mohamed',
    'julia',
    'bram',
    'sophie',
    'ruben',
    'mila',
    'sem',
    'zoe',
    'thijs',
    'iris',
    'bas',
    'pieter',
    'fatima',
    'lars',
    'eva',
  ];
  const cookies: string[] = [];
  for (const name of staff) {
    const response = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${name}@dekroon.example`, password: 'kroon-demo-2026' }),
    });
    cookies.push(
      response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    );
  }
  const body = JSON.stringify({
    occasion: 'Gast vroeg de weg naar het museum',
    action: 'Meegelopen tot de hoek en een plattegrond gegeven',
    kind: 'time',
    costCents: 0,
    minutes: 5,
    reactionScore: 5,
  });
  let n = 0;
  const result = await autocannon({
    url: `${base}/api/v1/extras`,
    connections,
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
  const ok = result['2xx'];
  const floor = await autocannon({
    url: `${base}/api/health`,
    connections,
    duration: Math.min(seconds, 10),
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, headers: { cookie: cookies[n++ % cookies.length]! } }),
      },
    ],
  });
  const rps = ok / seconds;
  console.log(
    `log an extra (POST /api/v1/extras), ${connections} clients, ${seconds} s: ${rps.toFixed(0)} req/s, ` +
      `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${ok} saved, ${result.non2xx} non-2xx, ${result.errors} errors`,
  );
  if (result.non2xx) console.log('status codes:', JSON.stringify(result.statusCodeStats));
  const floorRps = floor['2xx'] / Math.min(seconds, 10);
  console.log(
    `reference: the session check alone (GET /api/health with a session cookie, one statement), ${connections} clients: ` +
      `${floorRps.toFixed(0)} req/s, p50 ${floor.latency.p50} ms, p99 ${floor.latency.p99} ms`,
  );

  // The same PostgreSQL, raw: one INSERT of an extra row per transaction, same concurrency.
  const pgPort = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const client = new pg.Client({
    connectionString: `postgres://klantwerk:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/klantwerk`,
  });
  await client.connect();
  const { rows } = await client.query<{ org_id: string; id: string }>(
    'select org_id, id from members order by id limit $1',
    [staff.length],
  );
  // The raw INSERT goes into a copy of the extras table with its columns, keys and indexes but without
  // the trigger that keeps the day sums: the database's own insert rate, not our bookkeeping's.
  await client.query('create table bench_raw_extras (like extras including all)');
  await client.end();
  if (!existsSync('/usr/bin/pgbench') && spawnSync('which', ['pgbench']).status !== 0) {
    console.log('pgbench is not installed (apt-get install postgresql-client): no raw figure to compare with');
  } else {
    const script = path.join(dataDir, 'insert.sql');
    await fs.writeFile(
      script,
      `insert into bench_raw_extras (org_id, member_id, team_ids, occurred_at, occasion, action, kind, cost_cents, minutes, value_ids)
       values (:org, :member, '{}', now(), 'Gast vroeg de weg', 'Meegelopen', 'time', 0, 5, '{}');\n`,
    );
    const pgbench = (file: string) => {
      const run = spawnSync(
        'pgbench',
        [
          '-n',
          '-M',
          'prepared',
          '-h',
          '127.0.0.1',
          '-p',
          pgPort,
          '-U',
          'klantwerk',
          '-c',
          String(connections),
          '-j',
          '2',
          '-T',
          String(Math.min(seconds, 10)),
          '-f',
          file,
          '-D',
          `org=${rows[0]!.org_id}`,
          '-D',
          `member=${rows[0]!.id}`,
          'klantwerk',
        ],
        { env: { ...process.env, PGPASSWORD: password }, encoding: 'utf8' },
      );
      if (run.status !== 0) console.log(run.stderr);
      return Number(run.stdout.match(/tps = ([\d.]+)/)?.[1] ?? Number.NaN);
    };
    const bench = spawnSync(
      'pgbench',
      [
        '-n',
        '-M',
        'extended',
        '-h',
        '127.0.0.1',
        '-p',
        pgPort,
        '-U',
        'klantwerk',
        '-c',
        String(connections),
        '-j',
        '2',
        '-T',
        String(seconds),
        '-f',
        script,
        '-D',
        `org=${rows[0]!.org_id}`,
        '-D',
        `member=${rows[0]!.id}`,
        'klantwerk',
      ],
      { env: { ...process.env, PGPASSWORD: password }, encoding: 'utf8' },
    );
    const tps = Number(bench.stdout.match(/tps = ([\d.]+)/)?.[1] ?? Number.NaN);
    const latency = bench.stdout.match(/latency average = ([\d.]+) ms/)?.[1];
    console.log(
      `pgbench, raw single-row INSERT (extras without the day-sum trigger), ${connections} clients, ${seconds} s: ${tps.toFixed(0)} tps (latency average ${latency} ms)`,
    );
    console.log(`ratio app / raw INSERT: ${(rps / tps).toFixed(2)} (goal: at least 0.40, with p99 under 50 ms)`);
    if (bench.status !== 0) console.log(bench.stderr);
    // What the app sends for one extra (sign-in check, then a transaction: budget lock, mandate and
    // period usage, the extra, its first reaction, the idempotency key), as pgbench runs it: no HTTP, no Node.
    const transaction = path.join(dataDir, 'transaction.sql');
    await fs.writeFile(
      transaction,
      `\\set i random(1, ${rows.length})
       select ('{${rows.map((r) => r.id).join(',')}}'::uuid[])[:i] as member \\gset
       begin;
       select pg_advisory_xact_lock(hashtextextended('budget:' || :org || ':' || :member, 0));
       select (select count(*) from mandates m where m.org_id = :org),
              (select coalesce(sum(cost_cents), 0) from extras e where e.org_id = :org and e.member_id = :member
                 and e.deleted_at is null and e.occurred_at >= date_trunc('week', now())),
              (select coalesce(sum(cost_cents), 0) from extras e where e.org_id = :org and e.member_id = :member
                 and e.deleted_at is null and e.occurred_at >= date_trunc('month', now()));
       insert into extras (org_id, member_id, team_ids, occurred_at, occasion, action, kind, cost_cents, minutes, value_ids, reaction_score)
         values (:org, :member, '{}', now(), 'Gast vroeg de weg', 'Meegelopen', 'time', 0, 5, '{}', 5) returning id as extra_id \\gset
       insert into extra_reactions (org_id, extra_id, reaction_score, changed_by) values (:org, :extra_id, 5, :member);
       insert into idempotency_keys (org_id, member_id, key, request_hash, status, response)
         values (:org, :member, gen_random_uuid()::text, 'bench', 201, '{}') on conflict do nothing returning key;
       commit;\n`,
    );
    const sameWork = pgbench(transaction);
    console.log(
      `reference: pgbench running the statements of one logged extra (a lookup, then 7 round trips in one transaction, spread over ${rows.length} members like the app), ${connections} clients: ` +
        `${sameWork.toFixed(0)} tps; app / that: ${(rps / sameWork).toFixed(2)}; session check alone / raw INSERT: ${(floorRps / tps).toFixed(2)}`,
    );
  }
} finally {
  const exited = new Promise((r) => app.on('exit', r));
  app.kill('SIGINT');
  await exited;
  await fs.rm(dataDir, { recursive: true, force: true });
}

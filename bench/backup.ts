// Backup and restore of the embedded PostgreSQL on the tower's large organisation (5,000 people, a
// million extras, 200,000 promises with a million steps, 100,000 customer reactions): `npm run backup`
// while the app runs and people log extras (their latency before and during the backup shows that it
// does not block writes), then the app stopped and `npm run restore -- <file>`. Prints the times, the
// archive's size and the rows.
// Run: npx tsx bench/backup.ts [extras]
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addCounsel, addLargeOrganization } from './data';
import { ms, percentile, startApp } from './harness';

const EXTRAS = Number(process.argv[2] ?? 1_000_000);
const root = path.resolve(import.meta.dirname, '..');

const bench = await startApp(3967, 'backup');
const { q, dataDir } = bench;
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
const npm = (args: string[]) => {
  const started = performance.now();
  const run = spawnSync('npm', ['run', '--silent', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`npm run ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return { out: run.stdout, ms: performance.now() - started };
};

try {
  const { orgId, people } = await addLargeOrganization(q, EXTRAS);
  await addCounsel(q, orgId, people, { needs: 200, proposals: 300 });
  const { rows: size } = await q(
    `select pg_size_pretty(pg_database_size(current_database())) as size, (select sum(n_live_tup) from pg_stat_user_tables)::bigint as rows`,
  );
  console.log(`database: ${size[0].size}, about ${Number(size[0].rows).toLocaleString('en-US')} rows`);

  // One person logs extras one after another, before and during the backup.
  const cookie = await bench.signIn('lisa@dekroon.example');
  const logOne = async () => {
    const started = performance.now();
    const response = await fetch(`${bench.base}/api/v1/extras`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        occasion: 'Gast vroeg de weg',
        action: 'Meegelopen',
        kind: 'time',
        costCents: 0,
        minutes: 5,
      }),
    });
    if (response.status !== 201) throw new Error(`log an extra: ${response.status}`);
    return performance.now() - started;
  };
  const quiet: number[] = [];
  for (let i = 0; i < 200; i++) quiet.push(await logOne());

  const during: number[] = [];
  let backingUp = true;
  const writer = (async () => {
    while (backingUp) during.push(await logOne());
  })();
  // Asynchronously, so this process's writer keeps logging meanwhile.
  const backupStarted = performance.now();
  const child = spawn('npm', ['run', '--silent', 'backup'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  const code = await new Promise((r) => child.on('exit', r));
  const backupMs = performance.now() - backupStarted;
  backingUp = false;
  await writer;
  if (code !== 0) throw new Error(`npm run backup failed:\n${out}`);
  const file = /Backup made: (\S+)/.exec(out)![1]!;
  const bytes = (await fs.stat(file)).size;
  console.log(
    out
      .split('\n')
      .filter((l) => / rows /.test(l) && !/ 0 rows/.test(l))
      .slice(-8)
      .join('\n'),
  );
  console.log(
    `npm run backup while the app runs: ${(backupMs / 1000).toFixed(1)} s, ${(bytes / 1024 / 1024).toFixed(1)} MiB archive`,
  );
  console.log(
    `logging an extra, one client: before p50 ${ms(percentile(quiet, 50))}, p99 ${ms(percentile(quiet, 99))}; ` +
      `during the backup p50 ${ms(percentile(during, 50))}, p99 ${ms(percentile(during, 99))}, max ${ms(Math.max(...during))} (${during.length} saved)`,
  );

  await bench.database.close();
  // The restore is refused while the app runs: stop it (SIGINT, as the harness does), keeping the data.
  spawnSync('sh', ['-c', `kill -INT $(head -1 ${path.join(dataDir, 'klantwerk.pid')})`]);
  while (
    await fs.stat(path.join(dataDir, 'klantwerk.pid')).then(
      () => true,
      () => false,
    )
  )
    await new Promise((r) => setTimeout(r, 100));
  const restored = npm(['restore', '--', file]);
  console.log(
    restored.out
      .split('\n')
      .filter((l) => l.startsWith('Restored'))
      .join('\n'),
  );
  console.log(
    `npm run restore: ${(restored.ms / 1000).toFixed(1)} s (the app stopped; includes a fresh initdb and the migrations)`,
  );
  await fs.rm(dataDir, { recursive: true, force: true });
} catch (err) {
  await bench.stop().catch(() => {});
  throw err;
}

// Prints: seconds from `npm start` (node on the built server, dist/server/main.js: run `npm run build`
// first) to the first 200 from /api/health (first start with initdb, and a restart), and the memory of
// the app's processes and of the embedded PostgreSQL, idle with the demo data, as PSS (proportional set
// size: shared pages, such as PostgreSQL's shared buffers or the node binary, counted once in all
// rather than once per process) and as RSS summed per process.
// Run: npx tsx bench/startup.ts [app processes, default: what the app chooses]
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Memory of a process in KiB from /proc: its PSS and its RSS. */
async function memoryKiB(pid: number): Promise<{ pss: number; rss: number }> {
  const text = await fs.readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return { pss: field('Pss'), rss: field('Rss') };
}

async function total(pids: number[]) {
  const each = await Promise.all(pids.map(memoryKiB));
  return {
    pss: each.reduce((s, m) => s + m.pss, 0) / 1024,
    rss: each.reduce((s, m) => s + m.rss, 0) / 1024,
    count: pids.length,
  };
}

/** The processes under `npm start`: npm itself, the app's node processes, and the embedded PostgreSQL's (its own session). */
function processesOf(npmPid: number, dataDir: string) {
  // The program a process runs, from its first argument: Node 24 names its main thread "MainThread" in
  // the process table, so the command name alone does not tell a node process.
  const rows = execSync('ps -eo pid=,ppid=,args=')
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
  const children = (pid: number) =>
    rows
      .filter(([, pp]) => Number(pp) === pid)
      .map(([p, , program]) => ({ pid: Number(p), comm: path.basename(program ?? '') }));
  const app: number[] = [];
  const walk = (pid: number) => {
    for (const child of children(pid)) {
      if (child.comm === 'node') app.push(child.pid);
      walk(child.pid);
    }
  };
  walk(npmPid);
  const postmaster = Number(
    execSync(`head -1 ${path.join(dataDir, 'pg', 'postmaster.pid')}`)
      .toString()
      .trim(),
  );
  return { npm: [npmPid], app, postgres: [postmaster, ...children(postmaster).map((c) => c.pid)] };
}

async function startOnce(dataDir: string) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...(processes ? { APP_PROCESSES: processes } : {}),
    },
    stdio: 'ignore',
    detached: true,
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (performance.now() - t0 > 120_000) throw new Error('no health after 120 s');
    await new Promise((r) => setTimeout(r, 25));
  }
  const seconds = (performance.now() - t0) / 1000;
  return { child, port, seconds };
}

async function stop(child: ReturnType<typeof spawn>) {
  const done = new Promise((r) => child.on('exit', r));
  process.kill(-child.pid!, 'SIGINT');
  await done;
}

const processes = process.argv[2];
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-bench-'));
await fs.chmod(dataDir, 0o755);
try {
  const first = await startOnce(dataDir);
  console.log(
    `npm start → first 200 from /api/health, empty data folder (initdb, migrate, demo seed): ${first.seconds.toFixed(2)} s`,
  );
  await stop(first.child);

  const again = await startOnce(dataDir);
  console.log(`npm start → first 200 from /api/health, restart on existing data: ${again.seconds.toFixed(2)} s`);
  // Warm it up like a person would (sign in, a few pages), then let it settle.
  const signIn = await fetch(`http://127.0.0.1:${again.port}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'jeroen@dekroon.example', password: 'kroon-demo-2026' }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  for (const url of ['/api/v1/me', '/api/v1/members', '/api/v1/teams', '/']) {
    await fetch(`http://127.0.0.1:${again.port}${url}`, { headers: { cookie } });
  }
  await new Promise((r) => setTimeout(r, 5000));
  const found = processesOf(again.child.pid!, dataDir);
  const [npm, app, postgres] = await Promise.all([total(found.npm), total(found.app), total(found.postgres)]);
  const mib = (m: { pss: number; rss: number }) => `${m.pss.toFixed(0)} MiB PSS (${m.rss.toFixed(0)} MiB RSS summed)`;
  console.log(`memory, idle with the demo data, ${app.count} node process(es) of the app: ${mib(app)}`);
  console.log(`  embedded PostgreSQL, ${postgres.count} processes: ${mib(postgres)}`);
  console.log(
    `  app + PostgreSQL: ${(app.pss + postgres.pss).toFixed(0)} MiB PSS; beside them the npm launcher: ${mib(npm)}`,
  );
  await stop(again.child);
} finally {
  await fs.rm(dataDir, { recursive: true, force: true });
}

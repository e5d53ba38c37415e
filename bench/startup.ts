// Prints: seconds from `npm start` to the first 200 from /api/health (first start with initdb, and a
// restart), and the resident memory of the app and of the embedded PostgreSQL, idle with the demo data.
// Run: npx tsx bench/startup.ts
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

function rssKiB(pid: number): number {
  return Number(execSync(`ps -o rss= -p ${pid}`).toString().trim() || 0);
}

/** The postgres processes serving a data folder: the postmaster and its children. */
function postgresRssKiB(dataDir: string): number {
  const pid = Number((execSync(`head -1 ${path.join(dataDir, 'pg', 'postmaster.pid')}`).toString().trim()));
  const children = execSync(`pgrep -P ${pid} || true`).toString().trim().split('\n').filter(Boolean).map(Number);
  return [pid, ...children].reduce((sum, p) => sum + rssKiB(p), 0);
}

/** The node processes started under `npm start` (npm, the tsx launcher and the app itself). */
function nodeDescendants(rootPid: number): { pid: number; rss: number }[] {
  const rows = execSync('ps -eo pid=,ppid=,rss=,comm=').toString().trim().split('\n').map((l) => l.trim().split(/\s+/));
  const found: { pid: number; rss: number }[] = [];
  const walk = (pid: number) => {
    for (const [p, pp, rss, comm] of rows) {
      if (Number(pp) !== pid) continue;
      if (comm === 'node' || comm?.startsWith('npm')) found.push({ pid: Number(p), rss: Number(rss) });
      if (comm !== 'postgres') walk(Number(p));
    }
  };
  const self = rows.find(([p]) => Number(p) === rootPid);
  if (self) found.push({ pid: rootPid, rss: Number(self[2]) });
  walk(rootPid);
  return found;
}

async function startOnce(dataDir: string) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true,
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok).catch(() => false);
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

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-bench-'));
await fs.chmod(dataDir, 0o755);
try {
  const first = await startOnce(dataDir);
  console.log(`npm start → first 200 from /api/health, empty data folder (initdb, migrate, demo seed): ${first.seconds.toFixed(2)} s`);
  await stop(first.child);

  const again = await startOnce(dataDir);
  console.log(`npm start → first 200 from /api/health, restart on existing data: ${again.seconds.toFixed(2)} s`);
  // Warm it up like a person would (sign in, a few pages), then let it settle.
  const signIn = await fetch(`http://127.0.0.1:${again.port}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'jeroen@dekroon.example', password: 'kroon-demo-2026' }),
  });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  for (const url of ['/api/v1/me', '/api/v1/members', '/api/v1/teams', '/']) {
    await fetch(`http://127.0.0.1:${again.port}${url}`, { headers: { cookie } });
  }
  await new Promise((r) => setTimeout(r, 3000));
  const node = nodeDescendants(again.child.pid!);
  const app = node.reduce((a, b) => (b.rss > a.rss ? b : a));
  const wrappers = node.filter((p) => p !== app).reduce((s, p) => s + p.rss, 0);
  console.log(
    `resident memory, idle with the demo data: app ${(app.rss / 1024).toFixed(0)} MiB (+ ${(wrappers / 1024).toFixed(0)} MiB for the npm/tsx launcher processes), ` +
      `embedded PostgreSQL ${(postgresRssKiB(dataDir) / 1024).toFixed(0)} MiB (all its processes)`,
  );
  await stop(again.child);
} finally {
  await fs.rm(dataDir, { recursive: true, force: true });
}

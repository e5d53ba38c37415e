// Prints what a PostgreSQL outage under load does to the app: the answers by status during it, the log
// lines it wrote (by level), and how long after the database returned the first request succeeded.
// The app (`src/server/main.ts`, demo seeded) reaches a fresh database on the machine's PostgreSQL
// through a TCP proxy; under load (autocannon, 10 connections, signed-in GET /api/v1/me and
// GET /api/ready) the proxy is cut for OUTAGE_S seconds (open connections reset, new ones refused),
// then restored.
// Run: npx tsx bench/db-outage.ts   (BENCH_PG_URL=postgres://postgres@127.0.0.1:5432, OUTAGE_S=30;
// APP_ROOT=<another checkout> measures that checkout's app with the same load)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { startTcpProxy } from '../test/helpers/tcp-proxy';

const serverUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const outageSeconds = Number(process.env.OUTAGE_S ?? 30);
const root = process.env.APP_ROOT ?? path.resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const name = `kw_outage_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
await admin.connect();
await admin.query(`create database ${name}`);
const proxy = await startTcpProxy(serverUrl);
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-outage-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;

const logs: { at: number; level: number; msg: string }[] = [];
const app = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: proxy.via(`${serverUrl}/${name}`),
    AUTH_SECRET: randomBytes(24).toString('base64url'),
    LOG_LEVEL: 'info',
    SMTP_URL: '',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
readline.createInterface({ input: app.stdout! }).on('line', (line) => {
  try {
    const entry = JSON.parse(line) as { level: number; msg: string };
    logs.push({ at: Date.now(), level: entry.level, msg: entry.msg });
  } catch {
    // the printed demo logins
  }
});

try {
  while (
    !(await fetch(`${base}/api/ready`)
      .then((r) => r.ok)
      .catch(() => false))
  )
    await sleep(200);
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'lisa@dekroon.example', password: 'kroon-demo-2026' }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);

  const statuses = new Map<string, number>();
  let cutAt = 0;
  let restoredAt = 0;
  let firstOkAfterRestore = 0;
  let finish: (result: autocannon.Result) => void = () => {};
  const finished = new Promise<autocannon.Result>((resolve) => (finish = resolve));
  const load = autocannon(
    {
      url: base,
      connections: 10,
      duration: outageSeconds + 15,
      requests: [
        { method: 'GET', path: '/api/v1/me', headers: { cookie } },
        { method: 'GET', path: '/api/ready' },
      ],
    },
    (err, result) => {
      if (err) throw err;
      finish(result);
    },
  );
  load.on('response', (_client, statusCode) => {
    const now = Date.now();
    if (cutAt && now >= cutAt && (!restoredAt || now < restoredAt)) {
      statuses.set(String(statusCode), (statuses.get(String(statusCode)) ?? 0) + 1);
    }
    if (restoredAt && !firstOkAfterRestore && statusCode === 200 && now >= restoredAt) firstOkAfterRestore = now;
  });

  await sleep(5_000);
  cutAt = Date.now();
  await proxy.cut();
  await sleep(outageSeconds * 1000);
  await proxy.restore();
  restoredAt = Date.now();
  const result = await finished;

  const during = logs.filter((l) => l.at >= cutAt && l.at < restoredAt + 2_000);
  const byLevel = (min: number, max: number) => during.filter((l) => l.level >= min && l.level < max).length;
  console.log(`app: ${root}`);
  console.log(
    `load: ${result.requests.total} requests in ${result.duration} s, ${result.errors} connection errors, ${result.timeouts} timeouts`,
  );
  console.log(
    `answers during the ${outageSeconds} s outage: ${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')}`,
  );
  const perRequest = during.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed').length;
  console.log(
    `log lines from the cut to 2 s after the return: ${during.length}: error or fatal ${byLevel(50, 100)}, warn ${byLevel(40, 50)}, ` +
      `info and below ${byLevel(0, 40)} (of which ${perRequest} the usual per-request lines)`,
  );
  const perRequestMessages = new Set(['incoming request', 'request completed']);
  for (const msg of new Set(during.filter((l) => !perRequestMessages.has(l.msg)).map((l) => l.msg))) {
    console.log(`  ${during.filter((l) => l.msg === msg).length} × ${msg}`);
  }
  console.log(
    `first 200 after the database returned: ${firstOkAfterRestore ? `${firstOkAfterRestore - restoredAt} ms` : 'none'}`,
  );
} finally {
  const exited = new Promise((r) => app.on('exit', r));
  app.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  await proxy.close();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  await fs.rm(dataDir, { recursive: true, force: true });
}

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, watch } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../src/server/db/embedded';
import { APP_START, freePort, ROOT, type Started, spawnIn, waitForHealth } from './helpers/app-process';
import { createTestDatabase } from './helpers/test-app';

// The app as a newcomer and a supervisor run it: `npm start` is `node dist/server/start.js`, the server
// built ahead by `npm ci` (and by `npm test` before the tests).

const isRoot = process.getuid?.() === 0;
const hasSetfacl = spawnSync('sh', ['-c', 'command -v setfacl']).status === 0;

function start(env: Record<string, string>, options: { viaNpm?: boolean; uid?: number; gid?: number } = {}): Started {
  // `npm start` exactly as a person types it, or the app's node process alone; in its own process
  // group, like a terminal session: Ctrl-C reaches npm and the app alike.
  const [command, args] = options.viaNpm ? (['npm', ['start']] as const) : APP_START;
  return spawnIn(command, args, env, options);
}

const waitForHealthOn = (port: number, started: Started, seconds = 60) =>
  waitForHealth(`http://127.0.0.1:${port}`, started, seconds);

/** Every app process listens (the primary says so once all do). */
async function waitUntilListening(port: number, started: Started) {
  await waitForHealthOn(port, started);
  await expect.poll(() => started.out(), { timeout: 30_000, interval: 100 }).toContain('Klantwerk is listening');
}

async function signInDemoAdmin(port: number): Promise<{ status: number; cookie: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'jeroen@dekroon.example', password: 'kroon-demo-2026' }),
  });
  return {
    status: response.status,
    cookie: response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

/** The processes of a started app: the one started (npm or node) and every process below it, and PostgreSQL's postmaster. */
function processTree(started: Started, dataDir: string) {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const below = (pid: number): number[] => rows.filter(([, pp]) => pp === pid).flatMap(([p]) => [p!, ...below(p!)]);
  const nodes = [started.child.pid!, ...below(started.child.pid!)];
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  const postmaster = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : undefined;
  return { nodes, postmaster };
}

/** Pids of the processes whose log lines have this message. */
function pidsSaying(started: Started, message: string): number[] {
  return started
    .out()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(message))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);
}

/** Pids of the processes that logged a request to this path. */
function servingPids(started: Started, url: string): Set<number> {
  const pids = new Set<number>();
  for (const line of started.out().split('\n')) {
    if (!line.includes('"incoming request"') || !line.includes(`"url":"${url}"`)) continue;
    pids.add((JSON.parse(line) as { pid: number }).pid);
  }
  return pids;
}

let dataDir: string;
const running: Started[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist/server/start.js')) || !existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    throw new Error('The built app is missing: run `npm run build` (npm test and npm ci do) before these tests.');
  }
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-process-'));
  await fs.chmod(dataDir, 0o755);
});
afterAll(async () => {
  // A test that failed half-way: stop what it left, PostgreSQL included, before its folder goes.
  for (const r of running.filter((r) => r.child.exitCode === null)) {
    try {
      process.kill(-r.child.pid!, 'SIGTERM');
    } catch {
      // the group is gone already
    }
    await Promise.race([r.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('npm start on the embedded PostgreSQL', () => {
  it('starts on an empty data folder, seeds the demo, refuses a second start, stops cleanly and starts again', async () => {
    const port = await freePort();
    // initdb's password file: never in the shared temporary folder, where every user could read it.
    const shared: string[] = [];
    const watcher = watch(os.tmpdir(), (_event, name) => {
      if (name?.startsWith('pg-password-')) shared.push(name);
    });
    const first = start({ PORT: String(port), DATA_DIR: dataDir });
    running.push(first);
    await waitForHealthOn(port, first).finally(() => watcher.close());
    expect(shared).toEqual([]);
    expect(first.out()).toContain('Hotel De Kroon');
    expect(first.out()).toContain('jeroen@dekroon.example');
    expect(first.out()).toContain('kroon-demo-2026');
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect((await signInDemoAdmin(port)).status).toBe(200);

    // A second start on the same data while the first runs: a clear message, and the first keeps working.
    const second = start({ PORT: String(await freePort()), DATA_DIR: dataDir });
    running.push(second);
    expect(await second.exited).toBe(1);
    expect(second.out()).toMatch(/already in use by another running Klantwerk/);
    expect((await fetch(`http://127.0.0.1:${port}/api/ready`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.out()).toContain('stopped cleanly');
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    // Restart with `npm start`: same data, no second demo organisation.
    const again = start({ PORT: String(port), DATA_DIR: dataDir }, { viaNpm: true });
    running.push(again);
    await waitForHealthOn(port, again);
    expect(again.out()).not.toContain('kroon-demo-2026');
    expect((await signInDemoAdmin(port)).status).toBe(200);
    process.kill(-again.child.pid!, 'SIGINT');
    expect([0, 130, null]).toContain(await again.exited);
    await expect.poll(() => again.out(), { timeout: 15_000 }).toContain('stopped cleanly');
  }, 120_000);

  it('explains a bad setting instead of starting', async () => {
    const bad = start({ PORT: 'eighty', DATA_DIR: dataDir });
    running.push(bad);
    expect(await bad.exited).toBe(1);
    expect(bad.out()).toContain('PORT');
    expect(bad.out()).toContain('.env.example');
  });

  it('says so when the port is taken, and leaves nothing running', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const app = start({ PORT: String(port), DATA_DIR: dataDir, APP_PROCESSES: '2' });
      running.push(app);
      expect(await app.exited).toBe(1);
      expect(app.out()).toContain(`Port ${port} is already in use`);
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      blocker.close();
    }
  }, 60_000);
});

// What a supervisor, a terminal or a person may send, and to whom: npm, the node process under it, or
// the whole process group. Each way, the requests in flight finish, every app process and PostgreSQL stop,
// and nothing is left running, within 10 s.
describe('a stop signal, whichever way it comes', () => {
  const cases = (['SIGTERM', 'SIGINT'] as const).flatMap((signal) =>
    (['npm', 'node', 'group'] as const).map((target) => ({ signal, target })),
  );
  it.each(cases)(
    '$signal to the $target: requests in flight finish, then everything stops',
    async ({ signal, target }) => {
      const port = await freePort();
      const app = start({ PORT: String(port), DATA_DIR: dataDir, APP_PROCESSES: '2' }, { viaNpm: true });
      running.push(app);
      await waitUntilListening(port, app);
      const tree = processTree(app, dataDir);
      // npm, the primary, two app processes and the watchdog beside PostgreSQL; and PostgreSQL
      expect(tree.nodes).toHaveLength(5);
      expect(tree.postmaster && isAlive(tree.postmaster)).toBe(true);
      const primary = tree.nodes[1]!;

      const received = () =>
        app
          .out()
          .split('\n')
          .filter((line) => line.includes('incoming request') && line.includes('/api/v1/auth/sign-in')).length;
      const inFlight = Array.from({ length: 6 }, () =>
        signInDemoAdmin(port)
          .then((r) => r.status)
          .catch(() => 0),
      );
      // The signal comes once the server has received the sign-ins (its log says so): they are being served.
      await expect.poll(received, { timeout: 10_000, interval: 10 }).toBe(6);
      const sentAt = Date.now();
      if (target === 'npm') process.kill(app.child.pid!, signal);
      else if (target === 'node') process.kill(primary, signal);
      else process.kill(-app.child.pid!, signal);

      // Every request the server had received gets its answer.
      expect(await Promise.all(inFlight)).toEqual([200, 200, 200, 200, 200, 200]);
      await expect
        .poll(() => [...tree.nodes, tree.postmaster!].filter(isAlive), { timeout: 10_000, interval: 100 })
        .toEqual([]);
      expect(Date.now() - sentAt).toBeLessThan(10_000);
      expect(app.out()).toContain('stopped cleanly');
      expect(app.out()).not.toMatch(/second signal|took too long|Unhandled/);
      expect(existsSync(path.join(dataDir, 'klantwerk.pid'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    },
    90_000,
  );

  it('npm killed outright: the app notices and stops cleanly by itself', async () => {
    const port = await freePort();
    const app = start({ PORT: String(port), DATA_DIR: dataDir, APP_PROCESSES: '1' }, { viaNpm: true });
    running.push(app);
    await waitUntilListening(port, app);
    const tree = processTree(app, dataDir);
    process.kill(app.child.pid!, 'SIGKILL');
    await expect
      .poll(() => [...tree.nodes, tree.postmaster!].filter(isAlive), { timeout: 10_000, interval: 100 })
      .toEqual([]);
    expect(existsSync(path.join(dataDir, 'klantwerk.pid'))).toBe(false);
  }, 60_000);

  it('the app killed outright: PostgreSQL does not outlive it, and the next start works', async () => {
    const port = await freePort();
    const app = start({ PORT: String(port), DATA_DIR: dataDir, APP_PROCESSES: '2' });
    running.push(app);
    await waitUntilListening(port, app);
    const tree = processTree(app, dataDir);
    process.kill(app.child.pid!, 'SIGKILL');
    // Its app processes end with it, and PostgreSQL is stopped by the watchdog the app left beside it.
    await expect
      .poll(() => [...tree.nodes, tree.postmaster!].filter(isAlive), { timeout: 10_000, interval: 100 })
      .toEqual([]);

    const next = start({ PORT: String(port), DATA_DIR: dataDir, APP_PROCESSES: '1' });
    running.push(next);
    await waitUntilListening(port, next);
    expect((await signInDemoAdmin(port)).status).toBe(200);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  }, 90_000);
});

describe('several app processes on one machine', () => {
  it('serve together with one PostgreSQL: sessions hold across them, jobs run in one, a dead one is replaced, a killed PostgreSQL comes back', async () => {
    const port = await freePort();
    const app = start({ PORT: String(port), DATA_DIR: dataDir, APP_PROCESSES: '2' });
    running.push(app);
    await waitUntilListening(port, app);
    const workers = pidsSaying(app, 'Server listening at');
    expect(new Set(workers).size).toBe(2);

    // One session, many requests: both processes serve them, and every one knows the session.
    const { status, cookie } = await signInDemoAdmin(port);
    expect(status).toBe(200);
    const me = async () => (await fetch(`http://127.0.0.1:${port}/api/v1/me`, { headers: { cookie } })).status;
    expect(await Promise.all(Array.from({ length: 20 }, me))).toEqual(Array(20).fill(200));
    expect(servingPids(app, '/api/v1/me')).toEqual(new Set(workers));
    // The background jobs run in one process only (it alone says the digest is off without SMTP_URL).
    const jobs = pidsSaying(app, 'weekly digest e-mails are off');
    expect(jobs).toHaveLength(1);

    // An app process that dies is replaced; the jobs go to its replacement; the session still holds.
    process.kill(jobs[0]!, 'SIGKILL');
    await expect.poll(() => pidsSaying(app, 'Server listening at').length, { timeout: 30_000, interval: 100 }).toBe(3);
    expect(app.out()).toContain('an app process ended unexpectedly: starting another');
    const replacement = pidsSaying(app, 'Server listening at')[2]!;
    expect(pidsSaying(app, 'weekly digest e-mails are off')).toEqual([jobs[0], replacement]);
    expect(workers.filter((pid) => pid !== jobs[0]).every(isAlive)).toBe(true);
    expect(await me()).toBe(200);

    // PostgreSQL killed: the app starts it again (crash recovery), says so once, and serves again.
    const postmaster = processTree(app, dataDir).postmaster!;
    process.kill(postmaster, 'SIGKILL');
    await expect
      .poll(() => app.out(), { timeout: 20_000, interval: 100 })
      .toContain('the embedded PostgreSQL runs again');
    expect(app.out().match(/the embedded PostgreSQL stopped unexpectedly/g)).toHaveLength(1);
    const revived = processTree(app, dataDir).postmaster!;
    expect(revived).not.toBe(postmaster);
    await expect.poll(me, { timeout: 20_000, interval: 200 }).toBe(200);

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    await expect.poll(() => isAlive(revived), { timeout: 5_000 }).toBe(false);
  }, 120_000);
});

describe.runIf(isRoot)('started as root', () => {
  it('keeps its data below a private folder (mode 700): PostgreSQL, running as postgres, may pass through but not look in', async () => {
    const privateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-private-'));
    expect((await fs.stat(privateDir)).mode & 0o777).toBe(0o700);
    const ownData = path.join(privateDir, 'data');
    try {
      const port = await freePort();
      const app = start({ PORT: String(port), DATA_DIR: ownData, APP_PROCESSES: '1' }, { viaNpm: true });
      running.push(app);
      await waitUntilListening(port, app);
      expect((await signInDemoAdmin(port)).status).toBe(200);
      expect(app.out()).toContain(`may now pass through (not list) ${privateDir}`);
      const as = (user: string, command: string) => spawnSync('su', [user, '-s', '/bin/sh', '-c', command]).status;
      expect(as('postgres', `test -x '${privateDir}'`)).toBe(0);
      expect(as('postgres', `ls '${privateDir}'`)).not.toBe(0);
      if (hasSetfacl) {
        // With Debian's acl package (CI installs it) the right goes to postgres alone: nobody else passes.
        expect(app.out()).toContain('(ACL u:postgres:x)');
        expect(execFileSync('getfacl', ['-cp', privateDir], { encoding: 'utf8' })).toMatch(/^user:postgres:--x$/m);
        expect(as('nobody', `test -x '${privateDir}'`)).not.toBe(0);
      } else {
        expect(app.out()).toContain('(chmod o+x)');
      }
      process.kill(-app.child.pid!, 'SIGTERM');
      await app.exited;
      await expect.poll(() => app.out(), { timeout: 15_000 }).toContain('stopped cleanly');
    } finally {
      await fs.rm(privateDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('runs as an ordinary user too, with its data in that user’s private folder', async () => {
    const nobody = {
      uid: Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' })),
      gid: Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' })),
    };
    const privateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-user-'));
    await fs.chown(privateDir, nobody.uid, nobody.gid);
    try {
      const port = await freePort();
      const app = start(
        { PORT: String(port), DATA_DIR: path.join(privateDir, 'data'), APP_PROCESSES: '1', HOME: privateDir },
        nobody,
      );
      running.push(app);
      await waitUntilListening(port, app);
      expect((await signInDemoAdmin(port)).status).toBe(200);
      // PostgreSQL runs as that user, not as postgres
      const postmaster = Number(
        readFileSync(path.join(privateDir, 'data', 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      expect(execFileSync('ps', ['-o', 'uid=', '-p', String(postmaster)], { encoding: 'utf8' }).trim()).toBe(
        String(nobody.uid),
      );
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
    } finally {
      await fs.rm(privateDir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('npm start with DATABASE_URL', () => {
  it('uses that PostgreSQL and starts nothing embedded', async () => {
    const database = await createTestDatabase();
    const ownDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-external-'));
    try {
      const port = await freePort();
      const app = start({ PORT: String(port), DATA_DIR: ownDir, DATABASE_URL: database.url, APP_PROCESSES: '2' });
      running.push(app);
      await waitUntilListening(port, app);
      expect(existsSync(path.join(ownDir, 'pg'))).toBe(false);
      expect((await signInDemoAdmin(port)).status).toBe(200);
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
    } finally {
      await database.drop();
      await fs.rm(ownDir, { recursive: true, force: true });
    }
  }, 60_000);
});

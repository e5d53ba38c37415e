import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './helpers/test-app';

// The app as a newcomer runs it: `npm start` is `tsx src/server/main.ts`.

interface Started {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

const root = path.resolve(import.meta.dirname, '..');

function start(env: Record<string, string>, viaNpm = false): Started {
  // `npm start` exactly as a person types it, or the app's node process alone.
  const [command, args] = viaNpm ? ['npm', ['start']] : [process.execPath, ['--import', 'tsx', 'src/server/main.ts']];
  const child = spawn(command, args, {
    cwd: root,
    // Its own process group, like a terminal session: Ctrl-C reaches the app and PostgreSQL alike.
    detached: true,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => output, exited };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(port: number, started: Started, seconds = 60): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (started.child.exitCode !== null) throw new Error(`exited early:\n${started.out()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no health after ${seconds}s:\n${started.out()}`);
}

async function signInDemoAdmin(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'jeroen@dekroon.example', password: 'kroon-demo-2026' }),
  });
  return response.status;
}

let dataDir: string;
const running: Started[] = [];

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-process-'));
  await fs.chmod(dataDir, 0o755);
});
afterAll(async () => {
  for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('npm start on the embedded PostgreSQL', () => {
  it('starts on an empty data folder, seeds the demo, refuses a second start, stops cleanly and starts again', async () => {
    const port = await freePort();
    const first = start({ PORT: String(port), DATA_DIR: dataDir });
    running.push(first);
    await waitForHealth(port, first);
    expect(first.out()).toContain('Hotel De Kroon');
    expect(first.out()).toContain('jeroen@dekroon.example');
    expect(first.out()).toContain('kroon-demo-2026');
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(await signInDemoAdmin(port)).toBe(200);

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
    const again = start({ PORT: String(port), DATA_DIR: dataDir }, true);
    running.push(again);
    await waitForHealth(port, again);
    expect(again.out()).not.toContain('kroon-demo-2026');
    expect(await signInDemoAdmin(port)).toBe(200);
    // Ctrl-C in a terminal: SIGINT to the whole process group, PostgreSQL included, during requests.
    const received = () => again.out().split('\n').filter((line) => line.includes('incoming request') && line.includes('/api/v1/auth/sign-in')).length;
    const before = received();
    const inFlight = Array.from({ length: 10 }, () => signInDemoAdmin(port).catch(() => 0));
    // The signal comes once the server has received the sign-ins (its log says so): they are being served.
    await expect.poll(received, { timeout: 10_000, interval: 20 }).toBe(before + 10);
    process.kill(-again.child.pid!, 'SIGINT');
    // Requests in flight finish (PostgreSQL runs in its own session and stops only after them); one that
    // had not reached the server yet may be turned away (503 or refused), but none fails half-way.
    const statuses = await Promise.all(inFlight);
    expect(statuses).toContain(200);
    expect(statuses.filter((s) => s !== 200 && s !== 503 && s !== 0)).toEqual([]);
    // npm itself ends on the signal; the app behind it finishes its shutdown.
    expect([0, 130, null]).toContain(await again.exited);
    await expect.poll(() => again.out(), { timeout: 15_000 }).toContain('stopped cleanly');
    expect(again.out()).not.toMatch(/Emitted 'error' event|Unhandled|second signal/);
    expect(existsSync(path.join(dataDir, 'klantwerk.pid'))).toBe(false);

    // and the data folder is fine afterwards
    const third = start({ PORT: String(port), DATA_DIR: dataDir });
    running.push(third);
    await waitForHealth(port, third);
    expect(await signInDemoAdmin(port)).toBe(200);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    // Four starts of the app, the first one creating and seeding a database: more than the usual 30 s
    // on a busy two-core machine.
  }, 120_000);

  it('explains a bad setting instead of starting', async () => {
    const bad = start({ PORT: 'eighty', DATA_DIR: dataDir });
    running.push(bad);
    expect(await bad.exited).toBe(1);
    expect(bad.out()).toContain('PORT');
    expect(bad.out()).toContain('.env.example');
  });
});

describe('npm start with DATABASE_URL', () => {
  it('uses that PostgreSQL and starts nothing embedded', async () => {
    const database = await createTestDatabase();
    const ownDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-external-'));
    try {
      const port = await freePort();
      const app = start({ PORT: String(port), DATA_DIR: ownDir, DATABASE_URL: database.url });
      running.push(app);
      await waitForHealth(port, app);
      expect(existsSync(path.join(ownDir, 'pg'))).toBe(false);
      expect(await signInDemoAdmin(port)).toBe(200);
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
    } finally {
      await database.drop();
      await fs.rm(ownDir, { recursive: true, force: true });
    }
  });
});

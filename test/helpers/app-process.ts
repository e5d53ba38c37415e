import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';

// The app and its command-line tools as separate processes, the way an operator runs them.

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** How a test starts one app server: the same path `npm start` takes, without npm in between. */
export const APP_START: readonly [string, string[]] = [process.execPath, ['dist/server/start.js']];

export interface Started {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

/** A process in its own group (like a terminal session), with only PATH and HOME from the test's environment plus `env`. */
export function spawnIn(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  user: { uid?: number; gid?: number } = {},
): Started {
  const child = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    uid: user.uid,
    gid: user.gid,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => output, exited };
}

export function startApp(env: Record<string, string>): Started {
  return spawnIn(APP_START[0], APP_START[1], env);
}

/** `npm run <script> -- args`, waited for: its exit code and everything it printed. */
export async function npmRun(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  const run = spawnIn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], env);
  const code = await run.exited;
  return { code, out: run.out() };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(base: string, started: Started, seconds = 90): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (started.child.exitCode !== null) throw new Error(`exited early:\n${started.out()}`);
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no health after ${seconds}s:\n${started.out()}`);
}

/** Signs in and returns the session cookie to send. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Logs one extra; the answer's status and, when saved, its id. */
export async function logExtra(
  base: string,
  cookie: string,
  occasion: string,
  key = randomUUID(),
): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${base}/api/v1/extras`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'idempotency-key': key },
    body: JSON.stringify({
      occasion,
      action: 'Meegelopen tot de hoek en een plattegrond gegeven',
      kind: 'time',
      costCents: 0,
      minutes: 5,
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { id?: string };
  return { status: response.status, id: body.id };
}

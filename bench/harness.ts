// What the benches share: the app started on its own embedded PostgreSQL in a fresh data folder
// (seeded with the demo hotel), a connection to that database, sign-in, and warm timings.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { QueryResult } from 'pg';
import { type Database, openDatabase } from '../src/server/db/client';

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
export const ms = (x: number) => `${x.toFixed(1)} ms`;

/** p50 and p95 of `n` runs after three warm-up runs. */
export async function timed(run: () => Promise<unknown>, n: number) {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Times each case through the app and as plain SQL, and prints both with their ratio against the goal. */
export async function compareWithSql(
  cases: { name: string; http: () => Promise<unknown>; sql: () => Promise<unknown> }[],
  n: number,
  goalMs: number,
) {
  for (const c of cases) {
    const http = await timed(c.http, n);
    const sql = await timed(c.sql, n);
    console.log(
      `${c.name}: app p50 ${ms(http.p50)}, p95 ${ms(http.p95)} | plain SQL p50 ${ms(sql.p50)}, p95 ${ms(sql.p95)} | ratio p95 ${(http.p95 / sql.p95).toFixed(2)} (goal: app p95 under ${goalMs} ms)`,
    );
  }
}

export interface BenchApp {
  base: string;
  /** The app's DATA_DIR (removed at stop). */
  dataDir: string;
  database: Database;
  // biome-ignore lint/suspicious/noExplicitAny: rows of any shape, as pg gives them
  q: (text: string, values?: unknown[]) => Promise<QueryResult<any>>;
  /** The Cookie header of a demo person signed in. */
  signIn(email: string): Promise<string>;
  /** A GET that fails loudly on anything but 2xx. */
  get(url: string, cookie: string): () => Promise<void>;
  stop(): Promise<void>;
}

/** Starts `npm start`'s server on `port` with an empty data folder, and waits until it answers. */
export async function startApp(port: number, label: string): Promise<BenchApp> {
  const root = path.resolve(import.meta.dirname, '..');
  const base = `http://127.0.0.1:${port}`;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `klantwerk-bench-${label}-`));
  await fs.chmod(dataDir, 0o755);
  const app = spawn(process.execPath, ['dist/server/start.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SMTP_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    const exited = new Promise((r) => app.on('exit', r));
    app.kill('SIGINT');
    await exited;
    await fs.rm(dataDir, { recursive: true, force: true });
  };
  try {
    while (
      !(await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false))
    )
      await new Promise((r) => setTimeout(r, 100));
  } catch (err) {
    await stop();
    throw err;
  }
  const pgPort = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const database = openDatabase(`postgres://klantwerk:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/klantwerk`, {
    max: 4,
  });
  return {
    base,
    dataDir,
    database,
    q: (text, values = []) => database.pool.query(text, values),
    async signIn(email) {
      const response = await fetch(`${base}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'kroon-demo-2026' }),
      });
      return response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    },
    get: (url, cookie) => async () => {
      const response = await fetch(`${base}${url}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    },
    async stop() {
      await database.close();
      await stop();
    },
  };
}

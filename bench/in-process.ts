// The app built in this process (no HTTP server: app.inject) on a fresh database of the machine's
// PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432), migrated and seeded with
// the demo hotel. For benches that look at what one request sends or costs, not at the network.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { type Database, openDatabase } from '../src/server/db/client';
import { runMigrations } from '../src/server/db/migrate';
import { seedDemoIfEmpty } from '../src/server/seed/demo.seed';

export const DEMO_PASSWORD = 'kroon-demo-2026';
/** The AUTH_SECRET of the in-process app: an app process started on the same database accepts its sessions. */
export const BENCH_SECRET = 'bench-secret-that-is-long-enough-for-better-auth';
/** The demo's members and managers, who may log extras. */
export const DEMO_STAFF = [
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

export interface InProcessApp {
  app: FastifyInstance;
  database: Database;
  /** The database's URL and its parts, for pgbench. */
  url: string;
  host: string;
  port: string;
  user: string;
  name: string;
  signIn(email: string): Promise<string>;
  /** Stops the app; drops the database unless `keep` (to look at it afterwards). */
  close(keep?: boolean): Promise<void>;
}

/**
 * The URL of database `name` on a server's URL; a server on a Unix socket is given as
 * `postgres://postgres@localhost?host=/var/run/postgresql` (the socket's folder in `host`).
 */
function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startInProcessApp(label: string, poolMax = 10): Promise<InProcessApp> {
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const name = `kw_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl(server, 'postgres') });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = databaseUrl(server, name);
  const setup = new pg.Pool({ connectionString: url, max: 1 });
  await runMigrations(setup);
  await setup.end();
  const secret = BENCH_SECRET;
  const database = openDatabase(url, { max: poolMax });
  await seedDemoIfEmpty(database.db, DEMO_PASSWORD, secret);
  const config = loadConfig({
    NODE_ENV: 'production',
    APP_URL: 'http://localhost:3000',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    SIGNIN_MAX_PER_IP: '100000',
  });
  const app = await buildApp({ config, database, authSecret: secret, loggerInstance: pino({ level: 'warn' }) });
  await app.ready();
  const parsed = new URL(url);
  return {
    app,
    database,
    url,
    host: parsed.searchParams.get('host') ?? parsed.hostname,
    port: parsed.port || '5432',
    user: decodeURIComponent(parsed.username),
    name,
    async signIn(email) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password: DEMO_PASSWORD },
      });
      if (response.statusCode !== 200) throw new Error(`sign-in of ${email}: ${response.statusCode} ${response.body}`);
      return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    },
    async close(keep = false) {
      await app.close();
      await database.close();
      if (keep) return;
      const c = new pg.Client({ connectionString: databaseUrl(server, 'postgres') });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The machine's load, to print beside figures taken on a shared machine. */
export async function loadNote(): Promise<string> {
  const os = await import('node:os');
  return `load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores`;
}

import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { type Config, ConfigError, loadConfig } from './config';
import { type Database, openDatabase } from './db/client';
import { type EmbeddedDatabase, EmbeddedDatabaseError, startEmbeddedDatabase } from './db/embedded';
import { runMigrations } from './db/migrate';
import { loggerOptions } from './lib/logger';
import { DEMO_ORG_NAME, type DemoLogin, seedDemoIfEmpty } from './seed/demo.seed';
import type { Serving } from './serve';

// How Klantwerk runs on one machine. The first process (the primary) owns the embedded PostgreSQL:
// it starts it, migrates, seeds the demo, and keeps it running (starting it again should it die).
// With APP_PROCESSES=1 it then serves the app itself; otherwise it forks that many app processes
// (node:cluster workers, sharing the port) and replaces one that dies; one of them runs the background
// jobs. A stop signal (SIGTERM or SIGINT, to the npm process, the node process or the whole process
// group) makes every process finish its requests in flight, then PostgreSQL stops; all within 10 s.

/** The whole stop, from the signal to the last process gone. */
const SHUTDOWN_GRACE_MS = 10_000;
/** An app process's part of it: the requests in flight and the jobs running. */
const WORKER_GRACE_MS = 8_000;
/** Set by the primary for the one worker that runs the background jobs. */
const JOBS_ENV = 'KLANTWERK_RUN_JOBS';
const EMBEDDED_ENV = 'KLANTWERK_EMBEDDED_DATABASE';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** AUTH_SECRET when set; otherwise one generated once and kept in DATA_DIR (fine for a single server). */
async function resolveAuthSecret(config: Config, log: pino.Logger): Promise<string> {
  if (config.authSecret) return config.authSecret;
  const file = path.join(config.dataDir, 'auth-secret');
  const existing = await fs.readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return existing.trim();
  if (config.databaseUrl) {
    log.warn(
      'AUTH_SECRET is not set: using a secret generated in DATA_DIR. Several app servers must share one AUTH_SECRET.',
    );
  }
  await fs.mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await fs.writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function printDemoLogins(config: Config, logins: DemoLogin[]) {
  const width = Math.max(...logins.map((l) => l.email.length));
  const lines = [
    '',
    `  ${DEMO_ORG_NAME} is ready at ${config.appUrl}`,
    `  Every demo login uses the password: ${config.demoPassword}`,
    '',
    ...logins.map(
      (l) =>
        `    ${l.email.padEnd(width)}  ${l.roles.join(', ').padEnd(9)}  ${l.name}${l.teams.length ? ` (${l.teams.join(', ')})` : ''}`,
    ),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function readConfig(): Config {
  // A .env file beside package.json (see .env.example) is read when present; real variables win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting and its default.\n`);
      process.exit(1);
    }
    throw err;
  }
}

/**
 * SIGTERM and SIGINT start a clean stop. Ctrl-C under `npm start` arrives twice at once (the terminal's
 * to the whole group and the one npm passes on): only another signal a moment later means "stop now".
 */
function onStopSignal(log: pino.Logger, stop: (signal: string) => void) {
  let since = 0;
  const received = (signal: string) => {
    if (since) {
      if (Date.now() - since < 1000) return;
      log.warn('second signal: stopping now');
      process.exit(1);
    }
    since = Date.now();
    stop(signal);
  };
  process.on('SIGINT', () => received('SIGINT'));
  process.on('SIGTERM', () => received('SIGTERM'));
  return received;
}

/**
 * Under `npm start`, npm is the parent. Should npm end without passing a signal on (killed outright),
 * the app would be left running with nobody to stop it: it stops itself instead.
 */
function stopWhenNpmGoes(stop: (signal: string) => void) {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop('npm ended');
  }, 500);
  timer.unref();
}

async function runPrimary() {
  const config = readConfig();
  const log = pino(loggerOptions(config.logLevel));
  const version = packageVersion();
  const multi = config.processes > 1;

  let embedded: EmbeddedDatabase | undefined;
  let setupDatabase: Database | undefined;
  let serving: Serving | undefined;
  let closing = false;
  const workersGone = () =>
    Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (worker) =>
          new Promise<void>((resolve) => (worker!.isDead() ? resolve() : worker!.once('exit', () => resolve()))),
      ),
    );

  const stop = async (signal: string, code = 0) => {
    closing = true;
    log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      log.error('shutdown took too long: stopping now');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    await Promise.all([serving?.close(), workersGone()]);
    await setupDatabase?.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    log.info('stopped cleanly');
    process.exit(code);
  };
  const failed = async (message: string, err?: unknown) => {
    log.fatal({ err }, message);
    process.stderr.write(`\n${message}\n`);
    if (!closing) await stop('failed to start', 1);
  };
  onStopSignal(log, (signal) => void stop(signal));
  stopWhenNpmGoes((signal) => void stop(signal));

  let databaseUrl = config.databaseUrl;
  try {
    if (!databaseUrl) {
      log.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting the embedded PostgreSQL');
      embedded = await startEmbeddedDatabase(
        config.dataDir,
        (line) => log.debug({ component: 'postgres' }, line),
        (line) => log.warn({ component: 'postgres' }, line),
      );
      databaseUrl = embedded.url;
      embedded.supervise({
        down: () => log.error('the embedded PostgreSQL stopped unexpectedly: starting it again (crash recovery)'),
        up: () => log.warn('the embedded PostgreSQL runs again'),
        failed: (reason) => log.error({ reason }, 'the embedded PostgreSQL did not start again; trying every second'),
      });
    }
    if (closing) return;

    setupDatabase = openDatabase(databaseUrl, { max: 2 });
    await runMigrations(setupDatabase.pool);
    log.info('database migrated');
    const authSecret = await resolveAuthSecret(config, log);
    if (config.seedDemo) {
      const logins = await seedDemoIfEmpty(setupDatabase.db, config.demoPassword, authSecret);
      if (logins) {
        log.info({ organization: DEMO_ORG_NAME, members: logins.length }, 'demo organisation created');
        printDemoLogins(config, logins);
      }
    }
    await setupDatabase.close();
    setupDatabase = undefined;
    if (closing) return;

    if (!multi) {
      const { serveApp } = await import('./serve');
      serving = await serveApp({ config, databaseUrl, authSecret, log, version, jobs: true });
      if (closing) await serving.close();
      else log.info({ url: config.appUrl, version, processes: 1 }, 'Klantwerk is listening');
      return;
    }

    // A scrape of /metrics on any worker answers with the figures of all of them, summed here.
    const { serveClusterMetrics } = await import('./lib/metrics-cluster');
    serveClusterMetrics();
    // The workers read their settings as the primary did, with the database it started and its secret.
    // EMBEDDED_ENV tells them the database is the embedded one (it is backed up by the app).
    const workerEnv = { DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, [EMBEDDED_ENV]: embedded ? '1' : '' };
    let listening = 0;
    const fork = (jobs: boolean) => {
      const worker: Worker = cluster.fork({ ...workerEnv, [JOBS_ENV]: jobs ? '1' : '' });
      let serves = false;
      worker.on('message', (message: { type?: string; message?: string }) => {
        if (message.type === 'listening') {
          serves = true;
          listening += 1;
          if (listening === config.processes)
            log.info({ url: config.appUrl, version, processes: config.processes }, 'Klantwerk is listening');
        } else if (message.type === 'failed' && !closing) {
          void failed(message.message ?? 'an app process could not start');
        }
      });
      worker.on('exit', (code, signal) => {
        if (closing) return;
        if (!serves) return; // a start that failed ends everything (above)
        log.error(
          { pid: worker.process.pid, code, signal, jobs },
          'an app process ended unexpectedly: starting another',
        );
        setTimeout(() => !closing && fork(jobs), 500).unref();
      });
    };
    for (let i = 0; i < config.processes; i += 1) fork(i === 0);
  } catch (err) {
    if (closing) return;
    if (err instanceof EmbeddedDatabaseError) return void (await failed(err.message, err));
    const { startFailure } = await import('./serve');
    await failed(startFailure(err, config.port), err);
  }
}

async function runWorker() {
  const config = readConfig();
  const log = pino(loggerOptions(config.logLevel));
  let serving: Serving | undefined;
  let closing = false;
  const stop = async () => {
    closing = true;
    setTimeout(() => process.exit(1), WORKER_GRACE_MS).unref();
    await serving?.close();
    process.exit(0);
  };
  onStopSignal(log, () => void stop());
  const { serveApp, startFailure } = await import('./serve');
  try {
    serving = await serveApp({
      // The primary's embedded PostgreSQL reaches a worker as DATABASE_URL; to the app it stays the embedded one.
      config: process.env[EMBEDDED_ENV] === '1' ? { ...config, databaseUrl: undefined } : config,
      databaseUrl: config.databaseUrl!,
      authSecret: config.authSecret!,
      log,
      version: packageVersion(),
      jobs: process.env[JOBS_ENV] === '1',
    });
    if (closing) await stop();
    else process.send?.({ type: 'listening' });
  } catch (err) {
    log.fatal({ err }, 'could not start');
    process.send?.({ type: 'failed', message: startFailure(err, config.port) }, () => process.exit(1));
  }
}

if (cluster.isPrimary) await runPrimary();
else await runWorker();

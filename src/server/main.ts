import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { buildApp, loggerOptions } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/client';
import { EmbeddedDatabaseError, startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded';
import { runMigrations } from './db/migrate';
import { seedDemoIfEmpty, DEMO_ORG_NAME, type DemoLogin } from './seed/demo.seed';

const SHUTDOWN_GRACE_MS = 10_000;

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
    log.warn('AUTH_SECRET is not set: using a secret generated in DATA_DIR. Several app servers must share one AUTH_SECRET.');
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
    ...logins.map((l) => `    ${l.email.padEnd(width)}  ${l.roles.join(', ').padEnd(9)}  ${l.name}${l.teams.length ? ` (${l.teams.join(', ')})` : ''}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  // A .env file beside package.json (see .env.example) is read when present; real variables win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every setting and its default.\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = pino(loggerOptions(config.logLevel));
  const version = packageVersion();

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting the embedded PostgreSQL');
    try {
      embedded = await startEmbeddedDatabase(config.dataDir, (line) => log.debug({ component: 'postgres' }, line));
    } catch (err) {
      if (err instanceof EmbeddedDatabaseError) {
        log.fatal(err.message);
        process.stderr.write(`\n${err.message}\n`);
        process.exit(1);
      }
      throw err;
    }
    databaseUrl = embedded.url;
  }

  const database = openDatabase(databaseUrl, { max: config.dbPoolMax });
  const stopDatabase = async () => {
    await database.close().catch(() => {});
    await embedded?.stop().catch(() => {});
  };

  try {
    await runMigrations(database.pool);
    log.info('database migrated');
    const authSecret = await resolveAuthSecret(config, log);
    if (config.seedDemo) {
      const logins = await seedDemoIfEmpty(database.db, config.demoPassword, authSecret);
      if (logins) {
        log.info({ organization: DEMO_ORG_NAME, members: logins.length }, 'demo organisation created');
        printDemoLogins(config, logins);
      }
    }

    const app = await buildApp({ config, database, authSecret, loggerInstance: log, version, jobs: true });
    let closingSince = 0;
    const shutdown = async (signal: string) => {
      if (closingSince) {
        // Ctrl-C under `npm start` arrives twice at once (the terminal's and the one tsx passes on):
        // only a second press, a moment later, means "stop now".
        if (Date.now() - closingSince < 1000) return;
        log.warn('second signal: stopping now');
        process.exit(1);
      }
      closingSince = Date.now();
      log.info({ signal }, 'shutting down: finishing requests in flight');
      const force = setTimeout(() => {
        log.error('shutdown took too long: stopping now');
        process.exit(1);
      }, SHUTDOWN_GRACE_MS);
      force.unref();
      await app.close().catch((err: unknown) => log.error({ err }, 'error while closing the server'));
      await stopDatabase();
      log.info('stopped cleanly');
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));

    await app.listen({ port: config.port, host: config.host });
    log.info({ url: config.appUrl, version }, 'Klantwerk is listening');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    log.fatal({ err }, inUse ? `port ${config.port} is in use` : 'could not start');
    if (inUse) process.stderr.write(`\nPort ${config.port} is already in use. Stop the other program or set PORT.\n`);
    else process.stderr.write(`\nKlantwerk could not start: ${message}\n`);
    await stopDatabase();
    process.exit(1);
  }
}

await main();

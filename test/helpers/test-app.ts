import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp, loggerOptions } from '../../src/server/app';
import { type Config, loadConfig } from '../../src/server/config';
import { type Database, openDatabase } from '../../src/server/db/client';
import { createMemoryMailer } from '../../src/server/lib/mailer';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-better-auth';
export const TEST_PASSWORD = 'correct horse battery';

/** A fresh database cloned from the migrated template: fast, and isolated from every other test file. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = inject('pgServerUrl');
  const name = `${inject('databasePrefix')}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${inject('templateDatabase')}`);
      break;
    } catch (err) {
      // Two files cloning the template at the same moment: PostgreSQL asks the second to wait its turn.
      if (attempt > 20 || !String(err).includes('being accessed by other users')) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  return {
    url: `${serverUrl}/${name}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: `${serverUrl}/postgres` });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** The test database's URL, to open a second connection pool (another process) on it. */
  url: string;
  config: Config;
  mailer: ReturnType<typeof createMemoryMailer>;
  /** Every log line the app wrote, as text. */
  logs: string[];
  close(): Promise<void>;
}

export async function createTestApp(
  env: Record<string, string> = {},
  beforeReady?: (app: FastifyInstance) => void | Promise<void>,
  options: {
    connectVia?: (url: string) => string;
    /** false: mail goes nowhere, as without SMTP_URL. */
    mailDelivers?: boolean;
    /**
     * Mail leaves through SMTP to this address (a local SMTP server, see smtp-sink.ts) as with SMTP_URL,
     * instead of the memory mailer (which then stays empty).
     */
    smtpUrl?: string;
  } = {},
): Promise<TestApp> {
  const { url, drop } = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    APP_URL: 'http://localhost:3000',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...env,
  });
  // connectVia: the app reaches its database through another address (a proxy a test can cut).
  const database = openDatabase(options.connectVia ? options.connectVia(url) : url, { max: 4 });
  const mailer = createMemoryMailer({ delivers: options.mailDelivers ?? true });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({
    config,
    database,
    authSecret: TEST_SECRET,
    ...(options.smtpUrl ? {} : { mailer }),
    loggerInstance: pino(loggerOptions(config.logLevel), sink),
  });
  await beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    url,
    config,
    mailer,
    logs,
    close: async () => {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

/** The Cookie header to send after a response that set cookies. */
export function cookieFrom(response: LightMyRequestResponse): string {
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  return cookieFrom(response);
}

/** The token from the last link mailed to `to` (links carry it in the fragment: #token=...). */
export function tokenFromMail(mailer: TestApp['mailer'], to: string): string {
  const mail = mailer.outbox.filter((m) => m.to === to).at(-1);
  const token = mail?.text.match(/#token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no mail with a link to ${to}`);
  return token;
}

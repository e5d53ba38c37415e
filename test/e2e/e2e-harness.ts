import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/client';
import { createMemoryMailer } from '../../src/server/lib/mailer';
import { seedDemoIfEmpty } from '../../src/server/seed/demo.seed';
import { createTestDatabase, TEST_SECRET } from '../helpers/test-app';
import { DEMO_PASSWORD, launchBrowser } from './browser';

export interface DemoServerOptions {
  empty?: boolean;
  mailDelivers?: boolean;
  env?: Record<string, string>;
  jobs?: boolean;
  smtpUrl?: string;
}

export type DemoServer = Awaited<ReturnType<typeof startDemoServer>>;

/**
 * The real app on a free port, on its own database seeded with Hotel De Kroon, mail kept in memory.
 * `empty`: no organisation at all (a fresh install); `mailDelivers: false`: as without SMTP_URL (the
 * mails are still kept, as the log would show them); `env`: more settings; `jobs`: run the background jobs;
 * `smtpUrl`: mail leaves through SMTP to this address (a local SMTP server, see helpers/smtp-sink.ts) as
 * with SMTP_URL, and the memory mailer stays empty.
 */
export async function startDemoServer(options: DemoServerOptions = {}) {
  const { url, drop } = await createTestDatabase();
  const database = openDatabase(url, { max: 5 });
  const mailer = createMemoryMailer({ delivers: options.mailDelivers ?? true });
  const log = pino({ level: 'warn' });
  if (!options.empty) await seedDemoIfEmpty(database.db, DEMO_PASSWORD, TEST_SECRET);

  // Listen first on a free port, then build the app knowing its own address (for e-mailed links).
  const probe = await import('node:net').then(
    (net) =>
      new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const port = (s.address() as AddressInfo).port;
          s.close(() => resolve(port));
        });
      }),
  );
  const baseUrl = `http://127.0.0.1:${probe}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    PORT: String(probe),
    APP_URL: baseUrl,
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  });
  const app = await buildApp({
    config,
    database,
    authSecret: TEST_SECRET,
    ...(options.smtpUrl ? {} : { mailer }),
    loggerInstance: log,
    jobs: options.jobs,
  });
  await app.listen({ port: probe, host: '127.0.0.1' });
  return {
    baseUrl,
    mailer,
    database,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

/**
 * The scaffold of a journey, called at the top of its describe block: the demo server and Chromium start
 * before the block's tests (in a beforeAll registered here, so before the block's own hooks) and close
 * after them, the browser first (its close fails the journey on a Content-Security-Policy violation),
 * then the server. `server` and `browser` stand for what was started: use them in hooks and tests, not
 * while the block is being collected. `options` may be a function, called in that beforeAll, for settings
 * that need something started first (a local SMTP or DNS server); `timeout`: the beforeAll's own.
 */
export function useJourney(
  options: DemoServerOptions | (() => Promise<DemoServerOptions>) = {},
  { timeout }: { timeout?: number } = {},
): { server: DemoServer; browser: Browser } {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startDemoServer(typeof options === 'function' ? await options() : options);
    browser = await launchBrowser();
  }, timeout);
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.close();
    }
  });
  return { server: startedLater('server', () => server), browser: startedLater('browser', () => browser) };
}

/** Stands for the object `current` returns once it exists, and says so when it is used before. */
function startedLater<T extends object>(name: string, current: () => T | undefined): T {
  const started = (): T => {
    const value = current();
    if (!value) throw new Error(`The journey's ${name} has not started yet: use it in a hook or a test.`);
    return value;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const target = started();
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has: (_, key) => Reflect.has(started(), key),
  });
}

import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/client';
import { createMemoryMailer } from '../../src/server/lib/mailer';
import { seedDemoIfEmpty } from '../../src/server/seed/demo.seed';
import { createTestDatabase, TEST_SECRET } from '../helpers/test-app';
import { DEMO_PASSWORD } from './browser';

/**
 * The real app on a free port, on its own database seeded with Hotel De Kroon, mail kept in memory.
 * `empty`: no organisation at all (a fresh install); `mailDelivers: false`: as without SMTP_URL (the
 * mails are still kept, as the log would show them); `env`: more settings; `jobs`: run the background jobs;
 * `smtpUrl`: mail leaves through SMTP to this address (a local test server) instead of memory.
 */
export async function startDemoServer(
  options: {
    empty?: boolean;
    mailDelivers?: boolean;
    env?: Record<string, string>;
    jobs?: boolean;
    smtpUrl?: string;
    /** Where mail goes instead of memory (a mailer to a local SMTP server, see helpers/smtp-sink.ts). */
    mailer?: ReturnType<typeof createMemoryMailer>;
  } = {},
) {
  const { url, drop } = await createTestDatabase();
  const database = openDatabase(url, { max: 5 });
  const mailer = options.mailer ?? createMemoryMailer({ delivers: options.mailDelivers ?? true });
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

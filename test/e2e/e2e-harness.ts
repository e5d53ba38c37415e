import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { type Browser, chromium } from 'playwright-core';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openDatabase } from '../../src/server/db/client';
import { createMemoryMailer } from '../../src/server/lib/mailer';
import { seedDemoIfEmpty } from '../../src/server/seed/demo.seed';
import { createTestDatabase, TEST_SECRET } from '../helpers/test-app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'kroon-demo-2026';

/**
 * Journeys run when Chromium is installed (Debian's `chromium`). On a machine without it they are
 * skipped with a note, unless E2E_REQUIRED=1 (CI), where a missing browser fails the run.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.E2E_REQUIRED === '1') throw new Error(`E2E_REQUIRED=1 but no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  console.warn(`Skipping the browser journeys: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The real app on a free port, on its own database seeded with Hotel De Kroon, mail kept in memory. */
export async function startDemoServer() {
  const { url, drop } = await createTestDatabase();
  const database = openDatabase(url, { max: 5 });
  const mailer = createMemoryMailer();
  const log = pino({ level: 'warn' });
  await seedDemoIfEmpty(database.db, DEMO_PASSWORD);

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
  const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', PORT: String(probe), APP_URL: baseUrl });
  const app = await buildApp({ config, database, authSecret: TEST_SECRET, mailer, loggerInstance: log });
  await app.listen({ port: probe, host: '127.0.0.1' });
  return {
    baseUrl,
    mailer,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

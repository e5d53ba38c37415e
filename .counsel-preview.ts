// Scratch preview server for the counsel pages (not part of the project; deleted afterwards).
import pino from 'pino';
import pg from 'pg';
import { createServer } from 'vite';
import { buildApp } from './src/server/app';
import { loadConfig } from './src/server/config';
import { openDatabase } from './src/server/db/client';
import { startEmbeddedDatabase } from './src/server/db/embedded';
import { runMigrations } from './src/server/db/migrate';
import { createMemoryMailer } from './src/server/lib/mailer';
import { seedDemoIfEmpty } from './src/server/seed/demo.seed';

const SECRET = 'preview-secret-that-is-long-enough-for-better-auth';
const embedded = await startEmbeddedDatabase('/tmp/counsel/pgdata');
const pool = new pg.Pool({ connectionString: embedded.url, max: 1 });
await runMigrations(pool);
await pool.end();
const database = openDatabase(embedded.url, { max: 5 });
await seedDemoIfEmpty(database.db, 'kroon-demo-2026', SECRET);
const apiPort = 39517;
const webPort = 59517;
const config = loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', PORT: String(apiPort), APP_URL: `http://127.0.0.1:${webPort}` });
const app = await buildApp({ config, database, authSecret: SECRET, mailer: createMemoryMailer(), loggerInstance: pino({ level: 'warn' }) });
try {
  await app.listen({ port: apiPort, host: '127.0.0.1' });
} catch (error) {
  console.error(error);
  await database.close();
  await embedded.stop();
  process.exit(1);
}
const vite = await createServer({ configFile: 'vite.config.ts', server: { port: webPort, host: '127.0.0.1', strictPort: true, proxy: { '/api': `http://127.0.0.1:${apiPort}` } } });
await vite.listen();
console.log('READY', webPort);
const stop = async () => {
  await vite.close();
  await app.close();
  await database.close();
  await embedded.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

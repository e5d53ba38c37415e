import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../src/server/db/embedded';
import { runMigrations } from '../src/server/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    templateDatabase: string;
    /** Every database this run creates starts with it, so the run cleans up only its own. */
    databasePrefix: string;
  }
}

/** The server address without a database name: postgres://user:pw@host:port */
export function serverUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '';
  return url.toString().replace(/\/$/, '');
}

/**
 * Starts one PostgreSQL for the whole run (the embedded one, or the server at TEST_DATABASE_URL),
 * migrates a template database once, and lets every test file clone its own database from it.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let serverUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = serverUrlOf(process.env.TEST_DATABASE_URL);
  } else {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-test-'));
    await fs.chmod(dataDir, 0o755);
    embedded = await startEmbeddedDatabase(dataDir);
    serverUrl = embedded.serverUrl;
  }
  const adminDb = process.env.TEST_DATABASE_URL ?? `${serverUrl}/postgres`;
  const runId = randomBytes(4).toString('hex');
  const template = `kw_template_${runId}`;
  const prefix = `kw_t_${runId}_`;
  const admin = new pg.Client({ connectionString: adminDb });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const pool = new pg.Pool({ connectionString: `${serverUrl}/${template}`, max: 1 });
  await runMigrations(pool);
  await pool.end();

  project.provide('pgServerUrl', serverUrl);
  project.provide('templateDatabase', template);
  project.provide('databasePrefix', prefix);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where starts_with(datname, $1) or datname = $2`,
      [prefix, template],
    );
    for (const { datname } of leftovers.rows) {
      await admin.query(`drop database if exists ${datname} with (force)`).catch(() => {});
    }
    await admin.end();
    await embedded?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  };
}

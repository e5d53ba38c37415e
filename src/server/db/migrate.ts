import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Arbitrary but fixed key: every Klantwerk process migrating the same database waits on this lock. */
const MIGRATION_LOCK_KEY = 7_264_331_901;

/**
 * Runs the generated, forward-only migrations under a session advisory lock, so two app processes
 * starting together apply each migration once and the second waits for the first. A restore passes a
 * folder holding only the migrations its backup had (see ops/backup).
 */
export async function runMigrations(pool: pg.Pool, folder: string = migrationsFolder): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder: folder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

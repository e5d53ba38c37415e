import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { migrationsFolder, runMigrations } from './migrate';

describe('migrations', () => {
  it('two processes migrating an empty database at once apply every migration exactly once', async () => {
    const serverUrl = inject('pgServerUrl');
    const name = `${inject('databasePrefix')}mig_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const pools = [1, 2].map(() => new pg.Pool({ connectionString: `${serverUrl}/${name}`, max: 2 }));
    // Dropping the database at the end closes any connection still ending: that is expected.
    for (const pool of pools) pool.on('error', () => {});
    try {
      await Promise.all(pools.map((pool) => runMigrations(pool)));
      const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'));
      const applied = await pools[0]!.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(applied.rows[0].n).toBe(files.length);
      const tables = await pools[0]!.query(`select count(*)::int as n from pg_tables where tablename = 'members'`);
      expect(tables.rows[0].n).toBe(1);
      // and once more on an up-to-date database: nothing to do, no error
      await runMigrations(pools[1]!);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  });
});

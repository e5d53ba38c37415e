import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture } from '../../../test/helpers/fixtures';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app';
import { listBackups, nightlyBackupJob, readManifest } from './backup';

let t: TestApp;
let dataDir: string;
beforeAll(async () => {
  t = await createTestApp();
  await createOrgFixture(t.database.db, 'nightly');
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-nightly-'));
});
afterAll(async () => {
  await t.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the nightly backup job', () => {
  it('makes a backup when one is due, none while the last is recent, and deletes those past the kept days', async () => {
    const lines: string[] = [];
    const job = nightlyBackupJob({
      pool: t.database.pool,
      dataDir,
      hour: 3,
      keepDays: 14,
      appVersion: 'test',
      log: { info: (obj, msg) => lines.push(`${msg} ${JSON.stringify(obj)}`) },
      signal: new AbortController().signal,
    });
    const backups = path.join(dataDir, 'backups');
    await fs.mkdir(backups);
    await fs.writeFile(path.join(backups, 'klantwerk-20200101T030000Z.tar'), 'old');

    await job.run();
    const made = await listBackups(backups);
    expect(made).toHaveLength(1);
    const manifest = await readManifest(made[0]!.file);
    expect(manifest.tables.find((x) => x.name === 'members')!.rows).toBe(6);
    expect(lines.some((l) => l.startsWith('backup made'))).toBe(true);
    expect(lines.some((l) => l.startsWith('old backups deleted') && l.includes('klantwerk-20200101T030000Z.tar'))).toBe(
      true,
    );

    await job.run();
    expect(await listBackups(backups)).toHaveLength(1);
    // the pool's connections are all given back
    expect(t.database.pool.totalCount - t.database.pool.idleCount).toBe(0);
  });

  it('is cut off by a stop without waiting for the whole backup, leaving no file behind', async () => {
    // Enough rows that copying them takes a while.
    const org = (await t.database.pool.query<{ id: string }>('select id from organizations limit 1')).rows[0]!.id;
    await t.database.pool.query(
      `insert into audit_log (org_id, action, subject_type, subject_id, data)
       select $1, 'bulk', 'test', g::text, jsonb_build_object('n', g, 'pad', repeat('x', 200)) from generate_series(1, 300000) g`,
      [org],
    );
    const own = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-nightly-stop-'));
    const stopping = new AbortController();
    const lines: string[] = [];
    const job = nightlyBackupJob({
      pool: t.database.pool,
      dataDir: own,
      hour: 3,
      keepDays: 14,
      appVersion: 'test',
      log: { info: (_obj, msg) => lines.push(msg) },
      signal: stopping.signal,
    });
    const backups = path.join(own, 'backups');
    const running = job.run();
    // Stop as soon as the backup has begun (its partial folder exists).
    await expect
      .poll(async () => (await fs.readdir(backups).catch(() => [])).some((n) => n.startsWith('.partial-')), {
        interval: 5,
      })
      .toBe(true);
    stopping.abort();
    await running;
    expect(lines).toContain('backup cut off by the stop: it is made again after the next start');
    expect(await fs.readdir(backups)).toEqual([]);
    // every connection given back (the cancelling one a moment later)
    await expect.poll(() => t.database.pool.totalCount - t.database.pool.idleCount).toBe(0);
    // and the database is fine for the app afterwards
    expect((await t.database.pool.query('select count(*)::int as n from audit_log')).rows[0].n).toBe(300000);
    await fs.rm(own, { recursive: true, force: true });
  }, 120_000); // 300,000 rows to write first: slow on a loaded machine
});

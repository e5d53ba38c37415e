import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app';
import { createOrgFixture } from '../../../test/helpers/fixtures';
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
    expect(lines.some((l) => l.startsWith('old backups deleted') && l.includes('klantwerk-20200101T030000Z.tar'))).toBe(true);

    await job.run();
    expect(await listBackups(backups)).toHaveLength(1);
    // the pool's connections are all given back
    expect(t.database.pool.totalCount - t.database.pool.idleCount).toBe(0);
  });
});

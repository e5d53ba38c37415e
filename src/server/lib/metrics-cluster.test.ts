import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('/metrics with several app processes (node:cluster)', () => {
  it('answers with the figures of every worker: requests summed, the database up only if up in all', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'test/helpers/cluster-metrics.fixture.ts'],
      {
        timeout: 30_000,
      },
    );
    expect(stdout).toContain(
      'http_request_duration_seconds_count{method="GET",route="/api/v1/me",status_code="200"} 5',
    );
    expect(stdout).toMatch(/^klantwerk_db_up 0$/m);
  });
});

import { defineConfig } from 'vitest/config';
import { catalogParts } from './vite.config.ts';

// unit: pure logic beside the code; integration: through app.inject against a real PostgreSQL
// (one database per test file, cloned from a migrated template); e2e: whole journeys in Chromium.
// .ci/run asks for a JSON report beside the usual output, to print one "N passed, N failed" line.
const jsonReport = process.env.VITEST_JSON_REPORT;

export default defineConfig({
  // The web code's split catalogs (virtual:catalog-loaders) resolve in unit tests as in the build.
  plugins: [catalogParts()],
  test: {
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'test/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'test/*.int.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A page under load takes more than expect.poll's default second to show what a step waits for.
          expect: { poll: { timeout: 10_000 } },
          // Two journeys at a time (each its own server, database and Chromium): on two cores the whole
          // set is done sooner than one by one (measured: 455 s for all 16 with the machine otherwise busy),
          // and every step already waits for what it needs rather than for a time.
          maxWorkers: 2,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

/**
 * Test projects: unit tests sit next to the code; integration, storage-contract and end-to-end
 * tests live under test/. End-to-end tests share one Chromium per file and run one file at a time
 * (this machine has two cores); the crash harness runs the built server (npm run build first).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'crypto/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'web/src/**/*.test.ts',
            'test/helpers/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'test/integration/**/*.test.ts',
            'test/storage/**/*.test.ts',
            'test/build/**/*.test.ts',
          ],
          environment: 'node',
          // PostgreSQL answers before the storage contract and scale-out tests start (issue 7).
          globalSetup: ['test/setup/postgres.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          globalSetup: ['test/setup/postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The crash harness (test/crash/): the built vault in its own process, killed with SIGKILL
        // CRASH_KILLS times (5 here; `npm run test:crash` runs 30). Its test sets its own timeout.
        test: {
          name: 'crash',
          include: ['test/crash/**/*.test.ts'],
          environment: 'node',
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

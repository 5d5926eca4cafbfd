import { defineConfig } from 'vitest/config';

/**
 * Two projects: every suite on the embedded SQLite store, and the API and persistence suites
 * (`*.int.test.ts`) again on a real PostgreSQL 15 cluster the run starts and stops itself.
 */
export default defineConfig({
  test: {
    environment: 'node',
    // Bounds that catch a hang, not a speed requirement: on a 2-core machine busy with another build the
    // jsdom console suites run ten times slower than on a quiet one (up to ~2 minutes a test), and must still pass.
    testTimeout: 300_000,
    hookTimeout: 90_000,
    // Every throwaway folder a test file made is removed after it.
    setupFiles: ['test/support/cleanup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'] },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          // The platform operator's walk too: a province runs on PostgreSQL (issue 21: on both stores).
          include: ['test/**/*.int.test.ts', 'test/e2e/platform-console.test.ts'],
          // `npm start` and the other browser walks exercise the default (SQLite) setup.
          exclude: ['test/server/start.int.test.ts'],
          env: { HUREN_TEST_STORE: 'postgres' },
          globalSetup: ['test/support/postgres-global.ts'],
        },
      },
    ],
  },
});

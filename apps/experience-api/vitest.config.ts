import { execFileSync } from 'node:child_process';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

// Tests of one store only: the SQLite file format, and processes sharing one PostgreSQL database.
const SQLITE_ONLY = ['test/sqliteStore.test.ts', 'test/sqliteFile.test.ts'];
const POSTGRES_ONLY = [
  'test/postgresStore.test.ts',
  'test/postgresCommitQueue.test.ts',
  'test/multiProcess.test.ts',
];

/**
 * The API suite runs twice: on SQLite, and on PostgreSQL when a cluster is at hand
 * (`NINETAILED_TEST_POSTGRES_URL`, as CI sets it, or `initdb` installed: then
 * test/postgresCluster.ts starts a throwaway one for the run).
 */
function postgresAvailable(): boolean {
  if (process.env.NINETAILED_TEST_POSTGRES_URL) return true;
  try {
    execFileSync('bash', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb || command -v initdb'], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

const shared = {
  environment: 'node' as const,
  // Every test talks real HTTP to a real server on 127.0.0.1 with a real database.
  testTimeout: 20_000,
};

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true as const,
          test: {
            ...shared,
            name: 'sqlite',
            include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
            exclude: POSTGRES_ONLY,
          },
        },
        ...(postgresAvailable()
          ? [
              {
                extends: true as const,
                test: {
                  ...shared,
                  name: 'postgres',
                  include: ['test/**/*.test.ts'],
                  exclude: SQLITE_ONLY,
                  env: { NINETAILED_TEST_STORE: 'postgres' },
                  globalSetup: ['test/postgresCluster.ts'],
                },
              },
            ]
          : []),
      ],
    },
  }),
);

import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings for every workspace package.
 *
 * - Workspace packages resolve to their `src/` through the `@ninetailed/source` export
 *   condition, so unit tests never need a build first.
 * - A test may take 20 s before it fails as timed out (vitest's default is 5 s): CI runs every
 *   package's suite at once on two cores, where a CPU-bound test (the core's property tests)
 *   takes several times longer than on an idle machine. A timeout is not what any test asserts.
 * - Every run writes a JUnit report to `reports/junit-vitest.xml`; `scripts/test-all.mjs`
 *   sums those reports into the final `N passed, N failed` line of CI.
 */
export const sharedVitestConfig = defineConfig({
  resolve: {
    conditions: ['@ninetailed/source', 'module', 'browser', 'development|production'],
  },
  ssr: {
    resolve: {
      conditions: ['@ninetailed/source', 'module', 'node', 'development|production'],
    },
  },
  test: {
    reporters: ['default', ['junit', { outputFile: 'reports/junit-vitest.xml' }]],
    typecheck: {
      enabled: true,
      include: ['**/*.test-d.ts', '**/*.test-d.tsx'],
    },
    testTimeout: 20_000,
    restoreMocks: true,
    unstubGlobals: true,
  },
});

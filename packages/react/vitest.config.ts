import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';
import { reactMatrixProjects } from './test/reactMatrix.ts';

// Every test runs under React 19 and React 18 (see test/reactMatrix.ts, shared with the Gatsby
// plugin); test/reactVersion.test.tsx asserts the version each project really runs.
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      projects: reactMatrixProjects({
        include: ['test/**/*.test.{ts,tsx}'],
        // The export lists and the source directives do not depend on the React version:
        // checked once, under 19.
        exclude18: ['test/exports.test.ts', 'test/useClient.test.ts'],
        setupFiles: ['test/setup.ts'],
      }),
    },
  }),
);

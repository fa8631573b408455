import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';
import { reactMatrixProjects } from '../react/test/reactMatrix.ts';

// In a site, gatsby-node aliases this id for webpack; tests see the package's default
// (and replace it with vi.mock where a test needs a pluginsModule).
const runtimeAlias = {
  find: '@ninetailed/experience.js-gatsby/runtime',
  replacement: fileURLToPath(new URL('./src/runtime.ts', import.meta.url)),
};

// The React binding's React 19 / React 18 matrix (../react/test/reactMatrix.ts): every test
// under 19, the React tests (*.test.tsx) again under 18.
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      projects: reactMatrixProjects({
        include: ['test/**/*.test.{ts,tsx}'],
        include18: ['test/**/*.test.tsx'],
        alias: [runtimeAlias],
        setupFiles: ['test/setup.ts'],
      }),
    },
  }),
);

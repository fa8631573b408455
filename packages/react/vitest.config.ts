import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

/**
 * Two projects run every test: `react-19` (the installed react/react-dom) and `react-18`
 * (the `react-18` / `react-dom-18` npm aliases). For 18, vite aliases point `react`,
 * `react-dom` and their subpaths at absolute paths of the 18 copies, @testing-library/react
 * is loaded from its ESM build so the aliases reach its imports, and test/setupReact18.ts
 * fixes the one `require('react')` vite cannot see (react-dom-18's own, which pnpm resolved
 * to 19). test/reactVersion.test.tsx asserts the version each project really runs.
 */
const require = createRequire(import.meta.url);
const react18 = path.dirname(require.resolve('react-18/package.json'));
const reactDom18 = path.dirname(require.resolve('react-dom-18/package.json'));
// The ESM build of @testing-library/react, so that vite (not Node) resolves its `react`
// and `react-dom` imports and the aliases below reach them.
const testingLibraryEsm = path.join(
  path.dirname(require.resolve('@testing-library/react/package.json')),
  'dist/@testing-library/react.esm.js',
);

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'react-19',
            environment: 'jsdom',
            include: ['test/**/*.test.{ts,tsx}'],
            env: { EXPECTED_REACT_MAJOR: '19' },
            setupFiles: ['test/setup.ts'],
          },
        },
        {
          extends: true,
          resolve: {
            alias: [
              { find: /^react$/, replacement: react18 },
              { find: /^react\/(.*)$/, replacement: `${react18}/$1` },
              { find: /^react-dom$/, replacement: reactDom18 },
              { find: /^react-dom\/(.*)$/, replacement: `${reactDom18}/$1` },
              { find: /^@testing-library\/react$/, replacement: testingLibraryEsm },
            ],
          },
          test: {
            name: 'react-18',
            environment: 'jsdom',
            env: { EXPECTED_REACT_MAJOR: '18' },
            // The type tests run once, in the react-19 project (the types are React 19's).
            typecheck: { enabled: false },
            include: ['test/**/*.test.{ts,tsx}'],
            // The export lists do not depend on the React version: checked once, under 19.
            exclude: ['test/exports.test.ts'],
            setupFiles: ['test/setupReact18.ts', 'test/setup.ts'],
            server: { deps: { inline: [/@testing-library[\\/]react/] } },
          },
        },
      ],
    },
  }),
);

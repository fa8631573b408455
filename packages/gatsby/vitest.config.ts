import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

const require = createRequire(import.meta.url);
const react18 = path.dirname(require.resolve('react-18/package.json'));
const reactDom18 = path.dirname(require.resolve('react-dom-18/package.json'));
// The ESM build of @testing-library/react, so that vite (not Node) resolves its `react`
// and `react-dom` imports and the React 18 aliases reach them.
const testingLibraryEsm = path.join(
  path.dirname(require.resolve('@testing-library/react/package.json')),
  'dist/@testing-library/react.esm.js',
);
// In a site, gatsby-node aliases this id for webpack; tests see the package's default
// (and replace it with vi.mock where a test needs a pluginsModule).
const runtimeAlias = {
  find: '@ninetailed/experience.js-gatsby/runtime',
  replacement: fileURLToPath(new URL('./src/runtime.ts', import.meta.url)),
};

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          resolve: { alias: [runtimeAlias] },
          test: {
            name: 'react-19',
            environment: 'jsdom',
            include: ['test/**/*.test.{ts,tsx}'],
            env: { EXPECTED_REACT_MAJOR: '19' },
            setupFiles: ['test/setup.ts'],
          },
        },
        {
          // The React tests (*.test.tsx) again under React 18.
          extends: true,
          resolve: {
            alias: [
              runtimeAlias,
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
            typecheck: { enabled: false },
            include: ['test/**/*.test.tsx'],
            setupFiles: ['test/setupReact18.ts', 'test/setup.ts'],
            server: { deps: { inline: [/@testing-library[\\/]react/] } },
          },
        },
      ],
    },
  }),
);

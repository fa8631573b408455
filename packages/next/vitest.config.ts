import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

const require = createRequire(import.meta.url);
const dir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const next15 = dir('next-15');
const react18 = dir('react-18');
const reactDom18 = dir('react-dom-18');
// The ESM build of @testing-library/react, so that vite (not Node) resolves its `react` and
// `react-dom` imports and the React 18 aliases reach them.
const testingLibraryEsm = path.join(dir('@testing-library/react'), 'dist/@testing-library/react.esm.js');

const toNext15 = [{ find: /^next\/(.*)$/, replacement: `${next15}/$1` }];
const toReact18 = [
  { find: /^react$/, replacement: react18 },
  { find: /^react\/(.*)$/, replacement: `${react18}/$1` },
  { find: /^react-dom$/, replacement: reactDom18 },
  { find: /^react-dom\/(.*)$/, replacement: `${reactDom18}/$1` },
  { find: /^@testing-library\/react$/, replacement: testingLibraryEsm },
];

// The matrix: every test with Next 16 and React 19; the tests that run the real Next hooks
// (test/realNext*.test.tsx) again with Next 15 (through the npm alias `next-15`); and the
// router logic (mocked Next) plus the real Pages Router with React 18 (Next 15 + React 18 is
// a supported pair; the App Router needs React 19). test/matrix.test.ts proves each project
// loads the versions it claims.
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'next16-react19',
            environment: 'jsdom',
            include: ['test/**/*.test.{ts,tsx}'],
            env: { EXPECTED_NEXT_MAJOR: '16', EXPECTED_REACT_MAJOR: '19' },
            setupFiles: ['test/setup.ts'],
          },
        },
        {
          extends: true,
          resolve: { alias: toNext15 },
          test: {
            name: 'next15-react19',
            environment: 'jsdom',
            include: ['test/matrix.test.ts', 'test/realNext*.test.tsx'],
            env: { EXPECTED_NEXT_MAJOR: '15', EXPECTED_REACT_MAJOR: '19' },
            typecheck: { enabled: false },
            setupFiles: ['test/setup.ts'],
          },
        },
        {
          extends: true,
          resolve: { alias: [...toNext15, ...toReact18] },
          test: {
            name: 'next15-react18',
            environment: 'jsdom',
            include: [
              'test/matrix.test.ts',
              'test/realNextPages.test.tsx',
              'test/appRouter.test.tsx',
              'test/pagesRouter.test.tsx',
              'test/pageProperties.test.tsx',
            ],
            env: { EXPECTED_NEXT_MAJOR: '15', EXPECTED_REACT_MAJOR: '18' },
            typecheck: { enabled: false },
            setupFiles: ['test/setupReact18.ts', 'test/setup.ts'],
            server: { deps: { inline: [/@testing-library[\\/]react/] } },
          },
        },
      ],
    },
  }),
);
